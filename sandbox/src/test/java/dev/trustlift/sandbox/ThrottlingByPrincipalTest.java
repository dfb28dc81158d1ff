package dev.trustlift.sandbox;

import static dev.trustlift.sandbox.ArmClient.API;
import static dev.trustlift.sandbox.ArmClient.SUB;
import static dev.trustlift.sandbox.ArmClient.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustlift.sandbox.tls.SandboxTls;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * ARM meters per principal (the token's client id) with a subscription-wide global limit 15 times
 * a principal's; Compute meters per subscription and region under its own policy names.
 */
class ThrottlingByPrincipalTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "throttle-secret";
    private static final String WEB01 = vm("rg-app", "web01") + "?" + API;

    private static String fleet(String throttle) {
        String text = Fleets.text("rules.json");
        assertTrue(text.contains("\"throttle\": \"azure\""));
        return text.replace("\"throttle\": \"azure\"", "\"throttle\": " + throttle);
    }

    /** An HTTPS client trusting one TLS sandbox, with tokens per client id from its authority. */
    private static final class Tls {
        final SandboxServer server;
        final HttpClient http;

        Tls(String throttle) throws Exception {
            server = SandboxServer.start(dev.trustlift.sandbox.fleet.Fleet.parse(fleet(throttle), "rules.json"), null, 0,
                    SandboxServer.DEFAULT_PAGE_SIZE, SandboxTls.on(SECRET));
            http = TrustingClient.of(server);
        }

        String token(String clientId) throws Exception {
            String form = "grant_type=client_credentials&client_id=" + clientId + "&client_secret=" + SECRET
                    + "&scope=" + URLEncoder.encode("https://management.azure.com//.default", StandardCharsets.UTF_8);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.authorityHost() + "/oauth2/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            return JSON.readTree(r.body()).path("access_token").asText();
        }

        HttpResponse<String> get(String token, String path) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + path.substring(1)))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static String header(HttpResponse<String> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    @Test
    void eachPrincipalHasItsOwnReadBucket() throws Exception {
        Tls tls = new Tls("{\"reads\": {\"size\": 3, \"refillPerSecond\": 0.01}}");
        try (SandboxServer ignored = tls.server) {
            String a = tls.token("app-a");
            String b = tls.token("app-b");
            for (int i = 0; i < 3; i++) {
                assertEquals(200, tls.get(a, WEB01).statusCode());
            }
            HttpResponse<String> refused = tls.get(a, WEB01);
            assertEquals(429, refused.statusCode());
            JsonNode error = JSON.readTree(refused.body()).path("error");
            assertEquals("SubscriptionRequestsThrottled", error.path("code").asText());
            assertTrue(error.path("message").asText().contains("actor 'app-a'"), error.toString());

            HttpResponse<String> other = tls.get(b, WEB01);
            assertEquals(200, other.statusCode(), "app-b reads from its own bucket");
            assertEquals("2", header(other, "x-ms-ratelimit-remaining-subscription-reads"));
            assertEquals("41", header(other, "x-ms-ratelimit-remaining-subscription-global-reads"),
                    "the global bucket holds 15 x 3 and has served four reads");
        }
    }

    @Test
    void theSubscriptionsGlobalLimitBindsAcrossPrincipals() throws Exception {
        Tls tls = new Tls("{\"reads\": {\"size\": 1, \"refillPerSecond\": 0.001}}");
        try (SandboxServer ignored = tls.server) {
            for (int i = 0; i < 15; i++) {
                assertEquals(200, tls.get(tls.token("app-" + i), WEB01).statusCode(), "principal " + i);
            }
            HttpResponse<String> sixteenth = tls.get(tls.token("app-15"), WEB01);
            assertEquals(429, sixteenth.statusCode(), "a fresh principal, but the subscription's 15 are spent");
            assertTrue(JSON.readTree(sixteenth.body()).at("/error/message").asText().contains("all principals"),
                    sixteenth.body());
            assertEquals("0", header(sixteenth, "x-ms-ratelimit-remaining-subscription-global-reads"));
        }
    }

    @Test
    void plainHttpIsOnePrincipalWhateverItsHeader() throws Exception {
        try (SandboxServer s = SandboxServer.start(dev.trustlift.sandbox.fleet.Fleet.parse(
                fleet("{\"reads\": {\"size\": 2, \"refillPerSecond\": 0.01}}"), "rules.json"), 0)) {
            HttpClient http = HttpClient.newHttpClient();
            int[] statuses = new int[3];
            for (int i = 0; i < 3; i++) {
                statuses[i] = http.send(HttpRequest.newBuilder(URI.create(s.endpoint() + WEB01.substring(1)))
                        .header("Authorization", "Bearer someone-" + i).GET().build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode();
            }
            assertEquals(200, statuses[0]);
            assertEquals(200, statuses[1]);
            assertEquals(429, statuses[2], "an unverified header does not make another principal");
        }
    }

    @Test
    void computePolicyNamesFollowTheOperation() throws Exception {
        try (SandboxServer s = SandboxServer.start(dev.trustlift.sandbox.fleet.Fleet.parse(
                fleet("{\"deleteVm\": 1}"), "rules.json"), 0)) {
            ArmClient arm = new ArmClient(s.endpoint());
            String bk02 = vm("rg-app", "bk02");
            assertTrue(arm.get(bk02 + "?" + API).header("x-ms-ratelimit-remaining-resource")
                    .matches("Microsoft\\.Compute/LowCostGet3Min;\\d+,Microsoft\\.Compute/LowCostGet30Min;\\d+"));
            assertTrue(arm.get("/subscriptions/" + SUB + "/providers/Microsoft.Compute/virtualMachines?" + API)
                    .header("x-ms-ratelimit-remaining-resource").startsWith("Microsoft.Compute/HighCostGet3Min;"));
            // A PUT carries the whole model (ARM's PUT replaces it): the VM as read, with a tag added.
            com.fasterxml.jackson.databind.node.ObjectNode model = (com.fasterxml.jackson.databind.node.ObjectNode)
                    arm.get(bk02 + "?" + API).json().deepCopy();
            model.remove("resources");
            model.putObject("tags").put("a", "1");
            ArmClient.Answer put = arm.send("PUT", bk02 + "?" + API, model.toString());
            assertTrue(put.header("x-ms-ratelimit-remaining-resource").startsWith("Microsoft.Compute/PutVM3Min;"),
                    put.header("x-ms-ratelimit-remaining-resource"));
            ArmClient.Answer poll = arm.get(put.header("Azure-AsyncOperation"));
            assertTrue(poll.header("x-ms-ratelimit-remaining-resource").startsWith("Microsoft.Compute/GetOperation3Min;"));
            arm.await(put.header("Azure-AsyncOperation"));
            ArmClient.Answer patch = arm.send("PATCH", bk02 + "?" + API, "{\"tags\":{\"a\":\"2\"}}");
            assertTrue(patch.header("x-ms-ratelimit-remaining-resource").startsWith("Microsoft.Compute/UpdateVM3Min;"));
            arm.await(patch.header("Azure-AsyncOperation"));

            ArmClient.Answer off = arm.send("POST", bk02 + "/deallocate?" + API, null);
            assertEquals("Microsoft.Compute/DeleteVM3Min;0,Microsoft.Compute/DeleteVM30Min;4",
                    off.header("x-ms-ratelimit-remaining-resource"));
            ArmClient.Answer again = arm.send("POST", vm("rg-app", "web01") + "/deallocate?" + API, null);
            assertEquals(429, again.status(), "the subscription's DeleteVM bucket is empty for eastus");
            assertEquals("DeleteVM3Min", again.json().at("/error/details/0/target").asText());
            assertTrue(again.json().at("/error/details/0/message").asText().contains("\"operationGroup\":\"DeleteVM3Min\""));
            ArmClient.Answer disk = arm.send("PATCH", "/subscriptions/" + SUB
                    + "/resourceGroups/rg-app/providers/Microsoft.Compute/disks/web01-os?api-version=2024-03-02", "{\"properties\":{}}");
            assertTrue(disk.header("x-ms-ratelimit-remaining-resource").startsWith("Microsoft.Compute/CreateUpdateDisks3Min;"),
                    disk.header("x-ms-ratelimit-remaining-resource"));
        }
    }
}
