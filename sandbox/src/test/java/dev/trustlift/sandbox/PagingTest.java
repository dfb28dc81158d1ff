package dev.trustlift.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustlift.sandbox.fleet.Fleet;
import dev.trustlift.sandbox.fleet.FleetGenerator;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** VM lists page with nextLink, Resource Graph with $skipToken, over more than one page. */
class PagingTest {
    private static SandboxServer server;
    private static ArmClient arm;
    private static String sub;

    @BeforeAll
    static void start() throws Exception {
        Fleet fleet = FleetGenerator.generate(250, 11).with(0.001, "none");
        sub = fleet.subscriptions().get(0).id();
        server = SandboxServer.start(fleet, 0);
        arm = new ArmClient(server.endpoint());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void subscriptionListFollowsNextLinkToTheEnd() {
        String url = "/subscriptions/" + sub + "/providers/Microsoft.Compute/virtualMachines?api-version=2024-11-01";
        Set<String> ids = new HashSet<>();
        int pages = 0;
        while (url != null) {
            ArmClient.Answer a = arm.get(url);
            assertEquals(200, a.status(), a.raw().body());
            pages++;
            for (JsonNode vm : a.json().path("value")) {
                assertTrue(ids.add(vm.path("id").asText()), "duplicate " + vm.path("id"));
            }
            JsonNode next = a.json().get("nextLink");
            if (next != null) {
                assertTrue(next.asText().startsWith(server.endpoint() + "subscriptions/"), next.asText());
                assertTrue(next.asText().contains("api-version=2024-11-01"), next.asText());
            }
            url = next == null ? null : next.asText();
        }
        assertEquals(3, pages);
        assertEquals(250, ids.size());
    }

    @Test
    void resourceGroupListHasOnlyThatGroup() {
        JsonNode first = arm.get("/subscriptions/" + sub + "/providers/Microsoft.Compute/virtualMachines?api-version=2024-11-01")
                .json().at("/value/0");
        String rg = first.path("id").asText().split("/")[4];
        JsonNode page = arm.get("/subscriptions/" + sub + "/resourceGroups/" + rg
                + "/providers/Microsoft.Compute/virtualMachines?api-version=2024-11-01").json();
        assertFalse(page.path("value").isEmpty());
        for (JsonNode vm : page.path("value")) {
            assertTrue(vm.path("id").asText().contains("/resourceGroups/" + rg + "/"));
        }
    }

    @Test
    void resourceGraphPagesWithSkipToken() {
        String body = "{\"subscriptions\":[\"" + sub + "\"],\"query\":\"Resources | where type =~ "
                + "'microsoft.compute/virtualmachines'\",\"options\":{\"$top\":100%s}}";
        Set<String> ids = new HashSet<>();
        String token = null;
        int pages = 0;
        do {
            ArmClient.Answer a = arm.send("POST", "/providers/Microsoft.ResourceGraph/resources?api-version=2021-03-01",
                    String.format(body, token == null ? "" : ",\"$skipToken\":\"" + token + "\""));
            assertEquals(200, a.status(), a.raw().body());
            assertEquals(250, a.json().path("totalRecords").asInt());
            a.json().path("data").forEach(r -> ids.add(r.path("id").asText()));
            token = a.json().hasNonNull("$skipToken") ? a.json().get("$skipToken").asText() : null;
            pages++;
        } while (token != null);
        assertEquals(3, pages);
        assertEquals(250, ids.size());
    }

    @Test
    void resourceGraphFiltersByGroupInKqlAsTheGroupListDoes() {
        JsonNode first = arm.get("/subscriptions/" + sub + "/providers/Microsoft.Compute/virtualMachines?api-version=2024-11-01")
                .json().at("/value/0");
        String rg = first.path("id").asText().split("/")[4];
        Set<String> listed = new HashSet<>();
        arm.get("/subscriptions/" + sub + "/resourceGroups/" + rg + "/providers/Microsoft.Compute/virtualMachines?api-version=2024-11-01")
                .json().path("value").forEach(vm -> listed.add(vm.path("id").asText()));
        ArmClient.Answer a = arm.send("POST", "/providers/Microsoft.ResourceGraph/resources?api-version=2021-03-01",
                "{\"subscriptions\":[\"" + sub + "\"],\"query\":\"Resources | where type =~ 'microsoft.compute/virtualmachines'"
                        + " | where resourceGroup =~ '" + rg.toUpperCase(java.util.Locale.ROOT) + "' | project id, resourceGroup\","
                        + "\"options\":{\"$top\":1000}}");
        assertEquals(200, a.status(), a.raw().body());
        Set<String> graph = new HashSet<>();
        a.json().path("data").forEach(r -> graph.add(r.path("id").asText()));
        assertFalse(listed.isEmpty());
        assertEquals(listed, graph);
        assertEquals(listed.size(), a.json().path("totalRecords").asInt());
        assertEquals(2, a.json().at("/data/0").size(), "project keeps two columns");
    }

    @Test
    void otherGraphQueriesAreRefusedLoudly() {
        ArmClient.Answer a = arm.send("POST", "/providers/Microsoft.ResourceGraph/resources?api-version=2021-03-01",
                "{\"query\":\"Resources | summarize count() by location\"}");
        assertEquals(400, a.status());
        assertEquals("BadRequest", a.json().at("/error/code").asText());
        assertEquals("InvalidQuery", a.json().at("/error/details/0/code").asText());
        assertEquals("summarize", a.json().at("/error/details/1/token").asText());
    }

    @Test
    void subscriptionsAreListed() {
        JsonNode subs = arm.get("/subscriptions?api-version=2022-12-01").json();
        assertEquals(sub, subs.at("/value/0/subscriptionId").asText());
        assertEquals("Enabled", arm.get("/subscriptions/" + sub + "?api-version=2022-12-01").json().path("state").asText());
    }
}
