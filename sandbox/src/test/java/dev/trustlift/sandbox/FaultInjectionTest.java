package dev.trustlift.sandbox;

import static dev.trustlift.sandbox.ArmClient.API;
import static dev.trustlift.sandbox.ArmClient.SUB;
import static dev.trustlift.sandbox.ArmClient.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustlift.sandbox.fleet.Fleet;
import org.junit.jupiter.api.Test;

/** Fleet faults with the contract's operation names and `times` semantics. */
class FaultInjectionTest {
    private static SandboxServer serve(String faults) throws Exception {
        return SandboxServer.start(Fleets.rulesWith("\"faults\": []", "\"faults\": " + faults), 0);
    }

    @Test
    void timesFailsTheFirstNCallsThenLetsThemThrough() throws Exception {
        try (SandboxServer s = serve("[{\"op\": \"get-vm\", \"times\": 2, \"status\": 500}]")) {
            ArmClient arm = new ArmClient(s.endpoint());
            String url = vm("rg-app", "web01") + "?" + API;
            ArmClient.Answer first = arm.get(url);
            assertEquals(500, first.status());
            assertEquals("InternalServerError", first.json().at("/error/code").asText());
            assertEquals(500, arm.get(url).status());
            assertEquals(200, arm.get(url).status());
            assertEquals(200, arm.get(url).status());
            assertEquals(200, arm.get(vm("rg-app", "web02") + "?" + API).status(), "faults are per VM");
        }
    }

    @Test
    void withoutTimesEveryCallFails() throws Exception {
        try (SandboxServer s = serve("[{\"op\": \"instance-view\", \"status\": 409, \"code\": \"Conflict\"}]")) {
            ArmClient arm = new ArmClient(s.endpoint());
            for (int i = 0; i < 3; i++) {
                ArmClient.Answer a = arm.get(vm("rg-app", "web01") + "/instanceView?" + API);
                assertEquals(409, a.status());
                assertEquals("Conflict", a.json().at("/error/code").asText());
            }
        }
    }

    @Test
    void throttleFaultCarriesRetryAfter() throws Exception {
        try (SandboxServer s = serve("[{\"op\": \"deallocate\", \"times\": 1, \"status\": 429}]")) {
            ArmClient arm = new ArmClient(s.endpoint());
            ArmClient.Answer a = arm.send("POST", vm("rg-app", "web01") + "/deallocate?" + API, null);
            assertEquals(429, a.status());
            assertEquals("1", a.header("Retry-After"));
            assertEquals(202, arm.send("POST", vm("rg-app", "web01") + "/deallocate?" + API, null).status());
        }
    }

    @Test
    void operationPhaseFaultFailsTheLongRunningOperation() throws Exception {
        try (SandboxServer s = serve("[{\"op\": \"start\", \"times\": 1, \"status\": 500, \"phase\": \"operation\", "
                + "\"code\": \"InternalExecutionError\", \"message\": \"boom\"}]")) {
            ArmClient arm = new ArmClient(s.endpoint());
            arm.await(arm.send("POST", vm("rg-app", "web01") + "/deallocate?" + API, null).header("Azure-AsyncOperation"));
            ArmClient.Answer a = arm.send("POST", vm("rg-app", "web01") + "/start?" + API, null);
            assertEquals(202, a.status());
            JsonNode done = arm.await(a.header("Azure-AsyncOperation"));
            assertEquals("Failed", done.path("status").asText());
            assertEquals("InternalExecutionError", done.at("/error/code").asText());
            assertEquals("boom", done.at("/error/message").asText());
            assertEquals(500, arm.get(a.header("Location")).status());
            JsonNode iv = arm.get(vm("rg-app", "web01") + "/instanceView?" + API).json();
            assertEquals("PowerState/deallocated", iv.at("/statuses/1/code").asText());
        }
    }

    @Test
    void setSecurityTypeFaultAlsoCountsAsUpdateVm() throws Exception {
        String faults = "[{\"op\": \"set-security-type\", \"times\": 1, \"status\": 500}]";
        String text = Fleets.text("rules.json").replace("\"powerState\": \"deallocated\",\n     \"osDisk\"",
                "\"powerState\": \"deallocated\", \"faults\": " + faults + ",\n     \"osDisk\"");
        try (SandboxServer s = SandboxServer.start(Fleet.parse(text, "rules.json"), 0)) {
            ArmClient arm = new ArmClient(s.endpoint());
            assertEquals(200, arm.send("PATCH", vm("rg-app", "web02") + "?" + API, "{\"tags\":{}}").status(),
                    "a tag update is not a security change");
            ArmClient.sleep(100);
            assertEquals(500, arm.send("PATCH", vm("rg-app", "web02") + "?" + API, TrustedLaunchRulesTest.TL).status());
            assertEquals(200, arm.send("PATCH", vm("rg-app", "web02") + "?" + API, TrustedLaunchRulesTest.TL).status());
        }
    }

    @Test
    void subscriptionWideOperationsFailFromAVmsFaultList() throws Exception {
        try (SandboxServer s = serve("[{\"op\": \"skus\", \"times\": 1, \"status\": 503}]")) {
            ArmClient arm = new ArmClient(s.endpoint());
            String url = "/subscriptions/" + SUB + "/providers/Microsoft.Compute/skus?api-version=2021-07-01";
            assertEquals(503, arm.get(url).status());
            assertEquals(200, arm.get(url).status());
        }
    }

    @Test
    void delayMsSlowsTheAnswer() throws Exception {
        try (SandboxServer s = serve("[{\"op\": \"get-vm\", \"times\": 1, \"delayMs\": 300}]")) {
            ArmClient arm = new ArmClient(s.endpoint());
            long t0 = System.nanoTime();
            assertEquals(200, arm.get(vm("rg-app", "web01") + "?" + API).status());
            assertTrue(System.nanoTime() - t0 >= 300_000_000L);
        }
    }

    @Test
    void guestFaultForcesMbr2GptResult() throws Exception {
        try (SandboxServer s = serve("[{\"guest\": \"mbr2gpt-validate\", \"result\": \"layout\", \"times\": 1}]")) {
            ArmClient arm = new ArmClient(s.endpoint());
            String body = "{\"commandId\":\"RunPowerShellScript\",\"script\":[\"MBR2GPT /validate /allowFullOS\","
                    + ArmClient.PS_EXIT_ECHO + "]}";
            String first = runCommand(arm, body);
            assertTrue(first.contains("Disk layout validation failed for disk 0") && first.contains("TRUSTLIFT_EXIT=7"), first);
            String second = runCommand(arm, body);
            assertTrue(second.contains("TRUSTLIFT_EXIT=0"), second);
        }
    }

    static String runCommand(ArmClient arm, String body) {
        ArmClient.Answer a = arm.send("POST", vm("rg-app", "web01") + "/runCommand?" + API, body);
        assertEquals(202, a.status(), a.raw().body());
        arm.await(a.header("Azure-AsyncOperation"));
        return arm.get(a.header("Location")).json().at("/value/0/message").asText();
    }
}
