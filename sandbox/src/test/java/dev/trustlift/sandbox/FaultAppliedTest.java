package dev.trustlift.sandbox;

import static dev.trustlift.sandbox.ArmClient.API;
import static dev.trustlift.sandbox.ArmClient.SUB;
import static dev.trustlift.sandbox.ArmClient.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Faults that say whether the change happened before the error ("applied": true, the lost
 * response) or not (the default), and faults armed on a running sandbox.
 */
class FaultAppliedTest {
    private static final String WEB01 = vm("rg-app", "web01");

    private static SandboxServer serve(String faults) throws Exception {
        return SandboxServer.start(Fleets.rulesWith("\"faults\": []", "\"faults\": " + faults), 0);
    }

    private static JsonNode truth(ArmClient arm) {
        return arm.get("/_sandbox/state?vm=web01").json().at("/vms/0");
    }

    private static String awaitPower(ArmClient arm, String expected) {
        long deadline = System.currentTimeMillis() + 10_000;
        String power = truth(arm).path("power").asText();
        while (!power.equals(expected) && System.currentTimeMillis() < deadline) {
            ArmClient.sleep(20);
            power = truth(arm).path("power").asText();
        }
        return power;
    }

    @Test
    void anAppliedRequestFaultMakesTheChangeAndLosesTheAnswer() throws Exception {
        try (SandboxServer s = serve("[{\"op\": \"deallocate\", \"times\": 1, \"status\": 500, \"applied\": true}]")) {
            ArmClient arm = new ArmClient(s.endpoint());
            ArmClient.Answer lost = arm.send("POST", WEB01 + "/deallocate?" + API, null);
            assertEquals(500, lost.status());
            assertEquals("deallocated", awaitPower(arm, "deallocated"), "the deallocation went ahead");
        }
        try (SandboxServer s = serve("[{\"op\": \"deallocate\", \"times\": 1, \"status\": 500}]")) {
            ArmClient arm = new ArmClient(s.endpoint());
            assertEquals(500, arm.send("POST", WEB01 + "/deallocate?" + API, null).status());
            ArmClient.sleep(200);
            assertEquals("running", truth(arm).path("power").asText(), "by default nothing changed");
        }
    }

    @Test
    void anOperationFaultFailsBeforeOrAfterTheChange() throws Exception {
        try (SandboxServer s = serve("[{\"op\": \"update-vm\", \"times\": 1, \"status\": 500, \"phase\": \"operation\"}]")) {
            ArmClient arm = new ArmClient(s.endpoint());
            ArmClient.Answer patch = arm.send("PATCH", WEB01 + "?" + API, "{\"tags\":{\"owner\":\"ops\"}}");
            assertEquals(200, patch.status());
            assertEquals("Failed", arm.await(patch.header("Azure-AsyncOperation")).path("status").asText());
            JsonNode model = arm.get(WEB01 + "?" + API).json();
            assertTrue(model.at("/tags/owner").isMissingNode(), "nothing applied: " + model.path("tags"));
            assertEquals("Failed", model.at("/properties/provisioningState").asText());
        }
        try (SandboxServer s = serve("[{\"op\": \"start\", \"times\": 1, \"status\": 500, \"phase\": \"operation\", "
                + "\"applied\": true}]")) {
            ArmClient arm = new ArmClient(s.endpoint());
            ArmClient.Answer off = arm.send("POST", WEB01 + "/deallocate?" + API, null);
            arm.await(off.header("Azure-AsyncOperation"));
            ArmClient.Answer start = arm.send("POST", WEB01 + "/start?" + API, null);
            assertEquals(202, start.status());
            JsonNode status = arm.await(start.header("Azure-AsyncOperation"));
            assertEquals("Failed", status.path("status").asText());
            assertEquals("InternalServerError", status.at("/error/code").asText());
            assertEquals("running", truth(arm).path("power").asText(), "started, then the operation failed");
        }
    }

    @Test
    void appliedFaultsOnSecurityTypeRestorePointAndDiskCreation() throws Exception {
        try (SandboxServer s = serve("[{\"op\": \"set-security-type\", \"times\": 1, \"status\": 503, \"applied\": true},"
                + "{\"op\": \"restore-point\", \"times\": 1, \"status\": 500, \"applied\": true},"
                + "{\"op\": \"disk-create\", \"times\": 1, \"status\": 500, \"phase\": \"operation\", \"applied\": true}]")) {
            ArmClient arm = new ArmClient(s.endpoint());
            String c = RestorePointsTest.collection(arm, "web01-rpc", "web01");
            ArmClient.Answer rp = RestorePointsTest.point(arm, c, "p1", "{}");
            assertEquals(500, rp.status());
            long deadline = System.currentTimeMillis() + 10_000;
            JsonNode point = arm.get(c + "/restorePoints/p1?" + API).json();
            while (!point.at("/properties/provisioningState").asText().equals("Succeeded") && System.currentTimeMillis() < deadline) {
                ArmClient.sleep(20);
                point = arm.get(c + "/restorePoints/p1?" + API).json();
            }
            assertEquals("Succeeded", point.at("/properties/provisioningState").asText(), "the point was made");

            ArmClient.Answer restore = arm.send("PUT", "/subscriptions/" + SUB + "/resourceGroups/rg-app/providers/"
                    + "Microsoft.Compute/disks/r1?api-version=2024-03-02", "{\"location\":\"eastus\",\"properties\":"
                    + "{\"creationData\":{\"createOption\":\"Restore\",\"sourceResourceId\":\""
                    + point.at("/properties/sourceMetadata/storageProfile/osDisk/diskRestorePoint/id").asText() + "\"}}}");
            assertEquals(202, restore.status(), restore.raw().body());
            assertEquals("Failed", arm.await(restore.header("Azure-AsyncOperation")).path("status").asText());
            assertEquals(200, arm.get("/subscriptions/" + SUB + "/resourceGroups/rg-app/providers/Microsoft.Compute/disks/r1"
                    + "?api-version=2024-03-02").status(), "the disk exists although its operation failed");

            ArmClient.Answer off = arm.send("POST", WEB01 + "/deallocate?" + API, null);
            arm.await(off.header("Azure-AsyncOperation"));
            ArmClient.Answer tl = arm.send("PATCH", WEB01 + "?" + API, TrustedLaunchRulesTest.TL);
            assertEquals(503, tl.status());
            assertEquals("TrustedLaunch", truth(arm).path("securityType").asText(), "the lost response of an applied change");
        }
    }

    private static JsonNode awaitTruth(ArmClient arm, String pointer, String expected) {
        long deadline = System.currentTimeMillis() + 10_000;
        JsonNode vm = truth(arm);
        while (!vm.at(pointer).asText().equals(expected) && System.currentTimeMillis() < deadline) {
            ArmClient.sleep(20);
            vm = truth(arm);
        }
        return vm;
    }

    @Test
    void appliedFaultsOnPatchRunCommandAndDiskUpdate() throws Exception {
        try (SandboxServer s = serve("[{\"op\": \"update-vm\", \"times\": 1, \"status\": 500, \"applied\": true},"
                + "{\"op\": \"run-command\", \"times\": 1, \"status\": 500, \"applied\": true},"
                + "{\"op\": \"disk-update\", \"times\": 1, \"status\": 503, \"applied\": true}]")) {
            ArmClient arm = new ArmClient(s.endpoint());
            // The run command first: a request refused with 409 (another operation in flight) would
            // use up its fault, so nothing else may run on the VM while it is sent.
            assertEquals("MBR", truth(arm).at("/osDisk/layout/scheme").asText());
            ArmClient.Answer run = arm.send("POST", WEB01 + "/runCommand?" + API,
                    "{\"commandId\":\"RunPowerShellScript\",\"script\":[\"MBR2GPT /convert /allowFullOS\"]}");
            assertEquals(500, run.status(), run.raw().body());
            assertEquals("GPT", awaitTruth(arm, "/osDisk/layout/scheme", "GPT").at("/osDisk/layout/scheme").asText(),
                    "the script ran although the answer was lost");

            ArmClient.Answer patch = arm.send("PATCH", WEB01 + "?" + API, "{\"tags\":{\"owner\":\"ops\"}}");
            assertEquals(500, patch.status());
            assertEquals("ops", arm.get(WEB01 + "?" + API).json().at("/tags/owner").asText(), "the PATCH was applied");

            long deadline = System.currentTimeMillis() + 10_000;
            ArmClient.Answer off;
            do {
                // the applied PATCH's own operation may still be in flight (409 until it ends)
                off = arm.send("POST", WEB01 + "/deallocate?" + API, null);
            } while (off.status() == 409 && System.currentTimeMillis() < deadline && sleep());
            arm.await(off.header("Azure-AsyncOperation"));
            ArmClient.Answer grow = arm.send("PATCH", "/subscriptions/" + SUB + "/resourceGroups/rg-app/providers/"
                    + "Microsoft.Compute/disks/web01-os?api-version=2024-03-02", "{\"properties\":{\"diskSizeGB\":128}}");
            assertEquals(503, grow.status(), grow.raw().body());
            assertEquals("128", awaitTruth(arm, "/osDisk/sizeGb", "128").at("/osDisk/sizeGb").asText(),
                    "the disk grew although the answer was lost");
        }
    }

    private static boolean sleep() {
        ArmClient.sleep(20);
        return true;
    }

    @Test
    void faultsArmedOnARunningSandboxFireLikeFleetFaults() throws Exception {
        try (SandboxServer s = SandboxServer.start(Fleets.load("rules.json"), 0)) {
            ArmClient arm = new ArmClient(s.endpoint());
            assertEquals(200, arm.get(WEB01 + "?" + API).status());
            ArmClient.Answer armed = arm.send("POST", "/_sandbox/faults", "{\"vm\": \"" + WEB01 + "\", \"faults\": ["
                    + "{\"op\": \"get-vm\", \"times\": 1, \"status\": 500},"
                    + "{\"op\": \"skus\", \"times\": 1, \"status\": 503}]}");
            assertEquals(200, armed.status(), armed.raw().body());
            assertEquals(2, armed.json().path("armed").asInt());
            assertEquals(500, arm.get(WEB01 + "?" + API).status());
            assertEquals(200, arm.get(WEB01 + "?" + API).status());
            String skus = "/subscriptions/" + SUB + "/providers/Microsoft.Compute/skus?api-version=2021-07-01";
            assertEquals(503, arm.get(skus).status(), "a subscription-wide operation fails for the VM's subscription");
            assertEquals(200, arm.get(skus).status());

            ArmClient.Answer bad = arm.send("POST", "/_sandbox/faults", "{\"vm\": \"" + WEB01 + "\", \"faults\": ["
                    + "{\"op\": \"reboot\", \"status\": 500}]}");
            assertEquals(400, bad.status());
            assertTrue(bad.json().at("/error/message").asText().contains("reboot"), bad.raw().body());
            ArmClient.Answer appliedRead = arm.send("POST", "/_sandbox/faults", "{\"vm\": \"" + WEB01 + "\", \"faults\": ["
                    + "{\"op\": \"get-vm\", \"status\": 500, \"applied\": true}]}");
            assertEquals(400, appliedRead.status(), "applied is for operations that change something");
            assertEquals(404, arm.send("POST", "/_sandbox/faults", "{\"vm\": \"" + vm("rg-app", "nope")
                    + "\", \"faults\": []}").status());
        }
    }
}
