package dev.trustlift.sandbox;

import static dev.trustlift.sandbox.ArmClient.API;
import static dev.trustlift.sandbox.ArmClient.SUB;
import static dev.trustlift.sandbox.ArmClient.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustlift.sandbox.fleet.Fleet;
import org.junit.jupiter.api.Test;

/**
 * Restore points as Azure limits them: consistency modes, one creation at a time per VM, the
 * minimum spacing (scaled by timeScale), $expand=instanceView, disk restore points, and deletion.
 */
class RestorePointsTest {
    static final String RPC = "/subscriptions/" + SUB + "/resourceGroups/rg-app/providers/Microsoft.Compute/restorePointCollections/";
    private static final String CRASH = "{\"properties\":{\"consistencyMode\":\"CrashConsistent\"}}";

    static SandboxServer serve(double timeScale) throws Exception {
        String text = Fleets.text("rules.json").replace("\"timeScale\": 0.001", "\"timeScale\": " + timeScale);
        return SandboxServer.start(Fleet.parse(text, "rules.json"), 0);
    }

    static String collection(ArmClient arm, String name, String vmName) {
        ArmClient.Answer a = arm.send("PUT", RPC + name + "?" + API, "{\"location\":\"eastus\",\"properties\":{\"source\":"
                + "{\"id\":\"" + vm("rg-app", vmName) + "\"}}}");
        assertEquals(201, a.status(), a.raw().body());
        return RPC + name;
    }

    static ArmClient.Answer point(ArmClient arm, String collection, String name, String body) {
        return arm.send("PUT", collection + "/restorePoints/" + name + "?" + API, body);
    }

    static JsonNode created(ArmClient arm, String collection, String name, String body) {
        ArmClient.Answer a = point(arm, collection, name, body);
        assertEquals(201, a.status(), a.raw().body());
        assertEquals("Succeeded", arm.await(a.header("Azure-AsyncOperation")).path("status").asText());
        return arm.get(collection + "/restorePoints/" + name + "?" + API).json();
    }

    @Test
    void applicationConsistentByDefaultNeedsARunningVmWithAReadyAgent() throws Exception {
        try (SandboxServer s = serve(0)) {
            ArmClient arm = new ArmClient(s.endpoint());
            JsonNode web01 = created(arm, collection(arm, "web01-rpc", "web01"), "p1", "{\"properties\":{}}");
            assertEquals("ApplicationConsistent", web01.at("/properties/consistencyMode").asText());

            String web02 = collection(arm, "web02-rpc", "web02");
            ArmClient.Answer deallocated = point(arm, web02, "p1", "{}");
            assertEquals(409, deallocated.status(), deallocated.raw().body());
            assertEquals("OperationNotAllowed", deallocated.json().at("/error/code").asText());
            assertEquals("CrashConsistent", created(arm, web02, "p1", CRASH).at("/properties/consistencyMode").asText());

            ArmClient.Answer agentDown = point(arm, collection(arm, "agent01-rpc", "agent01"), "p1", "{}");
            assertEquals(409, agentDown.status());
            assertEquals("VMAgentStatusCommunicationError", agentDown.json().at("/error/code").asText());

            ArmClient.Answer unknown = point(arm, web02, "p2", "{\"properties\":{\"consistencyMode\":\"Whatever\"}}");
            assertEquals(400, unknown.status());
            assertEquals("InvalidParameter", unknown.json().at("/error/code").asText());
        }
    }

    @Test
    void aSecondCreationForTheSameVmWhileOneRunsIsRefused() throws Exception {
        try (SandboxServer s = serve(0.05)) { // a restore point then takes 2.25 s
            ArmClient arm = new ArmClient(s.endpoint());
            ArmClient.Answer first = point(arm, collection(arm, "a", "web01"), "p1", "{}");
            assertEquals(201, first.status(), first.raw().body());
            assertEquals("Creating", first.json().at("/properties/provisioningState").asText());
            ArmClient.Answer second = point(arm, collection(arm, "b", "web01"), "p1", CRASH);
            assertEquals(409, second.status(), "another collection, the same VM");
            assertTrue(second.json().at("/error/message").asText().contains("is being created"), second.raw().body());
            assertEquals(201, point(arm, collection(arm, "c", "bk02"), "p1", CRASH).status(), "another VM is free");
            arm.await(first.header("Azure-AsyncOperation"));
            assertEquals(201, point(arm, RPC + "b", "p1", CRASH).status(), "free again once the first has completed");
        }
    }

    @Test
    void pointsOfOneConsistencyMustBeSpacedAsAzureRequires() throws Exception {
        try (SandboxServer s = serve(0.001)) { // 3 h -> 10.8 s, 1 h -> 3.6 s
            ArmClient arm = new ArmClient(s.endpoint());
            String c = collection(arm, "web01-rpc", "web01");
            created(arm, c, "app1", "{}");
            ArmClient.Answer tooSoon = point(arm, c, "app2", "{}");
            assertEquals(409, tooSoon.status());
            assertTrue(tooSoon.json().at("/error/message").asText().contains("3 hours"), tooSoon.raw().body());
            created(arm, c, "crash1", CRASH);
            ArmClient.Answer crashTooSoon = point(arm, c, "crash2", CRASH);
            assertEquals(409, crashTooSoon.status());
            assertTrue(crashTooSoon.json().at("/error/message").asText().contains("1 hour"), crashTooSoon.raw().body());
            ArmClient.sleep(3800);
            created(arm, c, "crash2", CRASH);
            assertEquals(409, point(arm, c, "app2", "{}").status(), "3 h scaled has not passed yet");
        }
        try (SandboxServer s = serve(0)) {
            ArmClient arm = new ArmClient(s.endpoint());
            String c = collection(arm, "web01-rpc", "web01");
            created(arm, c, "app1", "{}");
            created(arm, c, "app2", "{}");
        }
    }

    @Test
    void instanceViewAndDiskRestorePoints() throws Exception {
        try (SandboxServer s = serve(0.001)) {
            ArmClient arm = new ArmClient(s.endpoint());
            String c = collection(arm, "web01-rpc", "web01");
            JsonNode plain = created(arm, c, "p1", "{}");
            assertTrue(plain.at("/properties/instanceView").isMissingNode(), "no instance view without $expand");
            String drpId = plain.at("/properties/sourceMetadata/storageProfile/osDisk/diskRestorePoint/id").asText();

            JsonNode iv = arm.get(c + "/restorePoints/p1?$expand=instanceView&" + API).json().at("/properties/instanceView");
            assertEquals(drpId, iv.at("/diskRestorePoints/0/id").asText());
            assertEquals("ReplicationState/succeeded", iv.at("/diskRestorePoints/0/replicationStatus/status/code").asText());
            assertEquals(100, iv.at("/diskRestorePoints/0/replicationStatus/completionPercent").asInt());
            assertEquals("ProvisioningState/succeeded", iv.at("/statuses/0/code").asText());

            JsonNode list = arm.get(c + "/restorePoints/p1/diskRestorePoints?api-version=2024-03-02").json();
            assertEquals(1, list.path("value").size());
            assertEquals(drpId, list.at("/value/0/id").asText());
            JsonNode drp = arm.get(drpId + "?api-version=2024-03-02").json();
            assertEquals("V1", drp.at("/properties/hyperVGeneration").asText());
            assertEquals("/subscriptions/" + SUB + "/resourceGroups/rg-app/providers/Microsoft.Compute/disks/web01-os",
                    drp.at("/properties/sourceResourceId").asText());
            assertEquals(404, arm.get(c + "/restorePoints/p1/diskRestorePoints/nope?api-version=2024-03-02").status());
        }
    }

    @Test
    void pointsAndCollectionsAreDeletedAsLongRunningOperations() throws Exception {
        try (SandboxServer s = serve(0)) {
            ArmClient arm = new ArmClient(s.endpoint());
            String c = collection(arm, "web01-rpc", "web01");
            created(arm, c, "p1", "{}");
            created(arm, c, "p2", "{}");
            ArmClient.Answer del = arm.send("DELETE", c + "/restorePoints/p1?" + API, null);
            assertEquals(202, del.status(), del.raw().body());
            assertTrue(del.header("Location").contains("monitor=true"), del.header("Location"));
            assertEquals("Succeeded", arm.await(del.header("Azure-AsyncOperation")).path("status").asText());
            assertEquals(404, arm.get(c + "/restorePoints/p1?" + API).status());
            assertEquals(200, arm.get(c + "/restorePoints/p2?" + API).status());
            assertEquals(204, arm.send("DELETE", c + "/restorePoints/p1?" + API, null).status());

            String drp = arm.get(c + "/restorePoints/p2?" + API).json()
                    .at("/properties/sourceMetadata/storageProfile/osDisk/diskRestorePoint/id").asText();
            ArmClient.Answer delAll = arm.send("DELETE", c + "?" + API, null);
            assertEquals(202, delAll.status());
            arm.await(delAll.header("Azure-AsyncOperation"));
            assertEquals(404, arm.get(c + "?" + API).status());
            assertEquals(404, arm.get(c + "/restorePoints/p2?" + API).status());
            ArmClient.Answer fromGone = arm.send("PUT", "/subscriptions/" + SUB
                    + "/resourceGroups/rg-app/providers/Microsoft.Compute/disks/r1?api-version=2024-03-02",
                    "{\"location\":\"eastus\",\"properties\":{\"creationData\":{\"createOption\":\"Restore\","
                            + "\"sourceResourceId\":\"" + drp + "\"}}}");
            assertEquals(404, fromGone.status(), "its disk restore points went with it");
            assertEquals(204, arm.send("DELETE", c + "?" + API, null).status());
            assertFalse(arm.get("/_sandbox/calls").json().toString().contains("\"status\":500"));
        }
    }
}
