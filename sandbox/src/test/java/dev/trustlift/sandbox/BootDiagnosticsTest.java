package dev.trustlift.sandbox;

import static dev.trustlift.sandbox.ArmClient.API;
import static dev.trustlift.sandbox.ArmClient.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Boot as Azure shows it: no boot status in the instance view, a VM that did not boot is running
 * with an agent that is not Ready, and the serial console log (instanceView.bootDiagnostics and
 * retrieveBootDiagnosticsData) says why.
 */
class BootDiagnosticsTest {
    private static final String WEB01 = vm("rg-app", "web01");

    private static void lro(ArmClient arm, String method, String path, String body) {
        ArmClient.Answer a = arm.send(method, path, body);
        assertTrue(a.status() == 200 || a.status() == 202, method + " " + path + ": " + a.raw().body());
        assertEquals("Succeeded", arm.await(a.header("Azure-AsyncOperation")).path("status").asText());
    }

    private static void runScript(ArmClient arm, String line) {
        ArmClient.Answer a = arm.send("POST", WEB01 + "/runCommand?" + API,
                "{\"commandId\":\"RunPowerShellScript\",\"script\":[\"" + line + "\"]}");
        assertEquals(202, a.status(), a.raw().body());
        arm.await(a.header("Azure-AsyncOperation"));
    }

    @Test
    void unconvertedDiskUnderUefiRunsWithAgentNotReadyAndTheSerialLogSaysNotFound() throws Exception {
        try (SandboxServer s = SandboxServer.start(Fleets.load("rules.json"), 0)) {
            ArmClient arm = new ArmClient(s.endpoint());
            lro(arm, "POST", WEB01 + "/deallocate?" + API, null);
            lro(arm, "PATCH", WEB01 + "?" + API, TrustedLaunchRulesTest.TL);
            lro(arm, "POST", WEB01 + "/start?" + API, null);

            JsonNode iv = arm.get(WEB01 + "/instanceView?" + API).json();
            assertEquals("PowerState/running", iv.at("/statuses/1/code").asText());
            assertEquals(2, iv.path("statuses").size(), iv.toString());
            assertFalse(iv.toString().contains("BootStatus"), iv.toString());
            assertEquals("Not Ready", iv.at("/vmAgent/statuses/0/displayStatus").asText());
            assertEquals(409, arm.send("POST", WEB01 + "/runCommand?" + API,
                    "{\"commandId\":\"RunPowerShellScript\",\"script\":[\"hostname\"]}").status());

            ArmClient.Text log = arm.text(iv.at("/bootDiagnostics/serialConsoleLogBlobUri").asText());
            assertEquals(200, log.status());
            assertTrue(log.contentType().startsWith("text/plain"), log.contentType());
            assertTrue(log.body().contains("BdsDxe: failed to load Boot0001") && log.body().contains(": Not Found"), log.body());
            assertTrue(log.body().contains("No bootable option or device was found"), log.body());
            assertFalse(log.body().contains("SAC started"), "Windows never started: " + log.body());

            ArmClient.Answer sas = arm.send("POST", WEB01 + "/retrieveBootDiagnosticsData?sasUriExpirationTimeInMinutes=5&"
                    + API, null);
            assertEquals(200, sas.status(), sas.raw().body());
            String serialUri = sas.json().path("serialConsoleLogBlobUri").asText();
            assertTrue(serialUri.contains("se=") && serialUri.contains("sig="), serialUri);
            assertEquals(log.body(), arm.text(serialUri).body());
            String screen = arm.text(sas.json().path("consoleScreenshotBlobUri").asText()).body();
            assertTrue(screen.contains("No bootable option or device was found"), screen);

            String expired = serialUri.replaceAll("se=[^&]+", "se=2020-01-01T00%3A00%3A00Z");
            ArmClient.Text refused = arm.text(expired);
            assertEquals(403, refused.status());
            assertTrue(refused.body().contains("<Code>AuthenticationFailed</Code>"), refused.body());
            assertEquals(400, arm.send("POST", WEB01 + "/retrieveBootDiagnosticsData?sasUriExpirationTimeInMinutes=0&"
                    + API, null).status());
            assertEquals(404, arm.text(s.endpoint() + "_sandbox/blobs/bootdiagnostics-x-0/x.0.serialconsole.log").status());
        }
    }

    @Test
    void gen1BootOfAConvertedWindowsDiskFailsInSeaBios() throws Exception {
        try (SandboxServer s = SandboxServer.start(Fleets.load("rules.json"), 0)) {
            ArmClient arm = new ArmClient(s.endpoint());
            runScript(arm, "MBR2GPT /convert /allowFullOS");
            lro(arm, "POST", WEB01 + "/deallocate?" + API, null);
            lro(arm, "POST", WEB01 + "/start?" + API, null);
            JsonNode view = arm.get(WEB01 + "?$expand=instanceView&" + API).json().at("/properties/instanceView");
            assertEquals("Not Ready", view.at("/vmAgent/statuses/0/displayStatus").asText());
            String log = arm.text(view.at("/bootDiagnostics/serialConsoleLogBlobUri").asText()).body();
            assertTrue(log.startsWith("SeaBIOS") && log.contains("Boot failed: not a bootable disk"), log);
        }
    }

    @Test
    void secureBootViolationIsInTheLogOfAConvertedTrustedLaunchVm() throws Exception {
        try (SandboxServer s = SandboxServer.start(Fleets.rulesWith("\"faults\": []",
                "\"faults\": [{\"guest\": \"boot\", \"times\": 1, \"result\": \"secure-boot\"}]"), 0)) {
            ArmClient arm = new ArmClient(s.endpoint());
            runScript(arm, "MBR2GPT /convert /allowFullOS");
            lro(arm, "POST", WEB01 + "/deallocate?" + API, null);
            lro(arm, "PATCH", WEB01 + "?" + API, TrustedLaunchRulesTest.TL);
            lro(arm, "POST", WEB01 + "/start?" + API, null);
            JsonNode iv = arm.get(WEB01 + "/instanceView?" + API).json();
            assertEquals("Not Ready", iv.at("/vmAgent/statuses/0/displayStatus").asText());
            String log = arm.text(iv.at("/bootDiagnostics/serialConsoleLogBlobUri").asText()).body();
            assertTrue(log.contains(": Access Denied") && log.contains("Secure Boot Violation"), log);

            lro(arm, "POST", WEB01 + "/deallocate?" + API, null);
            lro(arm, "POST", WEB01 + "/start?" + API, null);
            JsonNode again = arm.get(WEB01 + "/instanceView?" + API).json();
            assertEquals("Ready", again.at("/vmAgent/statuses/0/displayStatus").asText(), "the fault fired once");
            String ok = arm.text(again.at("/bootDiagnostics/serialConsoleLogBlobUri").asText()).body();
            assertTrue(ok.contains("BdsDxe: starting Boot0001") && ok.contains("SAC started and initialized"), ok);
        }
    }

    @Test
    void runningLinuxVmLogEndsAtTheLoginPrompt() throws Exception {
        try (SandboxServer s = SandboxServer.start(Fleets.load("rules.json"), 0)) {
            ArmClient arm = new ArmClient(s.endpoint());
            JsonNode iv = arm.get(vm("rg-linux", "lin01") + "/instanceView?" + API).json();
            String uri = iv.at("/bootDiagnostics/serialConsoleLogBlobUri").asText();
            assertFalse(uri.contains("?"), "the instance view's URIs carry no SAS: " + uri);
            String log = arm.text(uri).body();
            assertTrue(log.startsWith("SeaBIOS") && log.contains("lin01 login:"), log);
        }
    }
}
