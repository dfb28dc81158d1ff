package dev.trustlift.sandbox;

import static dev.trustlift.sandbox.ArmClient.API;
import static dev.trustlift.sandbox.ArmClient.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustlift.sandbox.fleet.Fleet;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Run Command's limits: 4,096 bytes per output stream, 90 minutes per action run, timeoutInSeconds. */
class RunCommandLimitsTest {
    private static final String WEB01 = vm("rg-app", "web01");

    private static SandboxServer serve(double timeScale) throws Exception {
        String text = Fleets.text("rules.json").replace("\"timeScale\": 0.001", "\"timeScale\": " + timeScale);
        return SandboxServer.start(Fleet.parse(text, "rules.json"), 0);
    }

    private static String managed(String script, int timeout, boolean treatFailure) {
        return "{\"location\":\"eastus\",\"properties\":{\"source\":{\"script\":\"" + script + "\"},\"timeoutInSeconds\":"
                + timeout + ",\"treatFailureAsDeploymentFailure\":" + treatFailure + "}}";
    }

    @Test
    void eachOutputStreamKeepsOnlyItsLast4096Bytes() throws Exception {
        try (SandboxServer s = serve(0.001)) {
            ArmClient arm = new ArmClient(s.endpoint());
            String longLine = "Write-Output '" + "x".repeat(6000) + "END'";
            ArmClient.Answer a = arm.send("POST", WEB01 + "/runCommand?" + API,
                    "{\"commandId\":\"RunPowerShellScript\",\"script\":[\"" + longLine + "\"," + ArmClient.PS_EXIT_ECHO + "]}");
            arm.await(a.header("Azure-AsyncOperation"));
            JsonNode value = arm.get(a.header("Location")).json().path("value");
            String stderr = value.at("/1/message").asText();
            assertEquals(4096, stderr.getBytes(StandardCharsets.UTF_8).length, "the simulated guest wrote more than 6,000");
            assertFalse(stderr.contains("script not recognized"), "the head of the stream is gone");
            assertTrue(stderr.contains("END'"), "the tail stays: " + stderr.substring(stderr.length() - 200));
            assertEquals("TRUSTLIFT_EXIT=127\n", value.at("/0/message").asText(), "a short stream is kept whole");
        }
    }

    @Test
    void anActionRunCommandEndsAfterNinetyMinutes() throws Exception {
        try (SandboxServer s = serve(0.0001)) { // 90 min -> 0.54 s
            ArmClient arm = new ArmClient(s.endpoint());
            long t0 = System.nanoTime();
            ArmClient.Answer tooLong = arm.send("POST", WEB01 + "/runCommand?" + API, "{\"commandId\":\"RunPowerShellScript\","
                    + "\"script\":[\"Start-Sleep -Seconds 6000\",\"MBR2GPT /convert /allowFullOS\"]}");
            JsonNode status = arm.await(tooLong.header("Azure-AsyncOperation"));
            assertTrue(System.nanoTime() - t0 > 400_000_000L, "it ran until the scaled 90 minutes");
            assertEquals("Failed", status.path("status").asText());
            assertEquals("VMExtensionProvisioningTimeout", status.at("/error/code").asText());
            assertEquals("MBR", arm.get("/_sandbox/state?vm=web01").json().at("/vms/0/osDisk/layout/scheme").asText(),
                    "the script was stopped before it converted anything");

            ArmClient.Answer inTime = arm.send("POST", WEB01 + "/runCommand?" + API, "{\"commandId\":\"RunPowerShellScript\","
                    + "\"script\":[\"Start-Sleep -Seconds 3000\",\"MBR2GPT /convert /allowFullOS\"]}");
            assertEquals("Succeeded", arm.await(inTime.header("Azure-AsyncOperation")).path("status").asText());
            assertEquals("GPT", arm.get("/_sandbox/state?vm=web01").json().at("/vms/0/osDisk/layout/scheme").asText());
        }
    }

    @Test
    void aManagedRunCommandEndsTimedOutAtItsTimeout() throws Exception {
        try (SandboxServer s = serve(0.001)) {
            ArmClient arm = new ArmClient(s.endpoint());
            String url = WEB01 + "/runCommands/slow";
            ArmClient.Answer slow = arm.send("PUT", url + "?" + API, managed("Start-Sleep -Seconds 200", 120, false));
            assertEquals("Succeeded", arm.await(slow.header("Azure-AsyncOperation")).path("status").asText());
            JsonNode iv = arm.get(url + "?$expand=instanceView&" + API).json().at("/properties/instanceView");
            assertEquals("TimedOut", iv.path("executionState").asText());
            assertTrue(iv.path("exitCode").isMissingNode(), iv.toString());

            ArmClient.Answer failing = arm.send("PUT", WEB01 + "/runCommands/slow2?" + API,
                    managed("Start-Sleep -Seconds 200", 120, true));
            JsonNode failed = arm.await(failing.header("Azure-AsyncOperation"));
            assertEquals("Failed", failed.path("status").asText());
            assertTrue(failed.at("/error/message").asText().contains("timed out"), failed.toString());

            ArmClient.Answer inTime = arm.send("PUT", WEB01 + "/runCommands/ok?" + API,
                    managed("Start-Sleep -Seconds 100\\nMBR2GPT /validate /allowFullOS", 120, true));
            assertEquals("Succeeded", arm.await(inTime.header("Azure-AsyncOperation")).path("status").asText());
            JsonNode ok = arm.get(WEB01 + "/runCommands/ok?$expand=instanceView&" + API).json().at("/properties/instanceView");
            assertEquals("Succeeded", ok.path("executionState").asText());
            assertEquals(0, ok.path("exitCode").asInt());
        }
    }
}
