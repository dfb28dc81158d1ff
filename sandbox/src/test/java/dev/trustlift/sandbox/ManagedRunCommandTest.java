package dev.trustlift.sandbox;

import static dev.trustlift.sandbox.ArmClient.API;
import static dev.trustlift.sandbox.ArmClient.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Managed Run Commands, as the official script runs MBR2GPT: PUT, then GET with $expand=instanceView. */
class ManagedRunCommandTest {
    @RegisterExtension
    final RulesSandbox sandbox = new RulesSandbox();

    private static String body(String script, boolean treatFailure) {
        return "{\"location\":\"eastus\",\"properties\":{\"source\":{\"script\":\"" + script + "\"},\"timeoutInSeconds\":120,"
                + "\"treatFailureAsDeploymentFailure\":" + treatFailure + "}}";
    }

    @Test
    void putRunsTheScriptAndTheInstanceViewHasTheExitCode() throws Exception {
        String url = vm("rg-app", "web01") + "/runCommands/managedRuncommand";
        ArmClient.Answer a = sandbox.arm().send("PUT", url + "?" + API, body("MBR2GPT /validate /allowFullOS", false));
        assertEquals(201, a.status(), a.raw().body());
        assertEquals("Creating", a.json().at("/properties/provisioningState").asText());
        assertEquals("Succeeded", sandbox.arm().await(a.header("Azure-AsyncOperation")).path("status").asText());
        JsonNode rc = sandbox.arm().get(url + "?" + API + "&$expand=instanceView").json();
        assertEquals("Succeeded", rc.at("/properties/provisioningState").asText());
        assertEquals("Succeeded", rc.at("/properties/instanceView/executionState").asText());
        assertEquals(0, rc.at("/properties/instanceView/exitCode").asInt());
        assertTrue(rc.at("/properties/instanceView/output").asText().contains("MBR2GPT: Validation completed successfully"));
        assertEquals("", rc.at("/properties/instanceView/error").asText());
        assertEquals(1, sandbox.arm().get(vm("rg-app", "web01") + "/runCommands?" + API).json().path("value").size());

        try (InputStream in = getClass().getResourceAsStream("/examples/VirtualMachineRunCommand_Get.json")) {
            JsonNode example = new ObjectMapper().readTree(in).at("/responses/200/body");
            assertEquals(List.of(), ExamplePayloadShapeTest.typeMismatches(example, rc, "$"));
        }
        assertEquals(200, sandbox.arm().send("DELETE", url + "?" + API, null).status());
        assertEquals(404, sandbox.arm().get(url + "?" + API).status());
    }

    @Test
    void failingScriptFailsTheDeploymentWhenAsked() {
        String url = vm("rg-app", "web01") + "/runCommands/fails";
        ArmClient.Answer a = sandbox.arm().send("PUT", url + "?" + API, body("MBR2GPT /validate", true));
        JsonNode done = sandbox.arm().await(a.header("Azure-AsyncOperation"));
        assertEquals("Failed", done.path("status").asText());
        JsonNode rc = sandbox.arm().get(url + "?" + API + "&$expand=instanceView").json();
        assertEquals(3, rc.at("/properties/instanceView/exitCode").asInt(), "no /allowFullOS: initialization error");
        assertEquals("Failed", rc.at("/properties/instanceView/executionState").asText());
    }

    @Test
    void sameRefusalsAsTheActionApi() {
        assertEquals(409, sandbox.arm().send("PUT", vm("rg-app", "web02") + "/runCommands/x?" + API, body("echo", false)).status());
        assertEquals(409, sandbox.arm().send("PUT", vm("rg-app", "agent01") + "/runCommands/x?" + API, body("echo", false)).status());
        assertEquals(400, sandbox.arm().send("PUT", vm("rg-app", "web01") + "/runCommands/x?" + API,
                "{\"location\":\"eastus\",\"properties\":{\"source\":{\"scriptUri\":\"https://x\"}}}").status());
    }

    @Test
    void parametersReachThePowerShellParamBlockAndSecretsAreNotEchoed() {
        String url = vm("rg-app", "web01") + "/runCommands/trustlift";
        String script = "param([int]$DiskNumber, [string]$Mode = 'shrink')\\nMBR2GPT.exe /validate \\\"/disk:$DiskNumber\\\" /allowFullOS"
                + "\\nWrite-Output '== $LASTEXITCODE =='\\n$LASTEXITCODE";
        String body = "{\"location\":\"eastus\",\"properties\":{\"source\":{\"script\":\"" + script + "\"},"
                + "\"parameters\":[{\"name\":\"Mode\",\"value\":\"defrag\"}],"
                + "\"protectedParameters\":[{\"name\":\"DiskNumber\",\"value\":\"1\"}]}}";
        ArmClient.Answer a = sandbox.arm().send("PUT", url + "?" + API, body);
        assertEquals(201, a.status(), a.raw().body());
        sandbox.arm().await(a.header("Azure-AsyncOperation"));
        JsonNode rc = sandbox.arm().get(url + "?" + API + "&$expand=instanceView").json();
        String out = rc.at("/properties/instanceView/output").asText();
        assertTrue(out.contains("MBR2GPT: Attempting to validate disk 1") && out.contains("== $LASTEXITCODE ==\n5\n"), out);
        assertEquals(5, rc.at("/properties/instanceView/exitCode").asInt());
        assertEquals("[{\"name\":\"Mode\",\"value\":\"defrag\"}]", rc.at("/properties/parameters").toString());
        assertTrue(rc.at("/properties/protectedParameters").isMissingNode(), rc.toString());

        ArmClient.Answer zero = sandbox.arm().send("PUT", url + "?" + API, body.replace("\"value\":\"1\"", "\"value\":\"0\""));
        sandbox.arm().await(zero.header("Azure-AsyncOperation"));
        assertTrue(sandbox.arm().get(url + "?" + API + "&$expand=instanceView").json().at("/properties/instanceView/output")
                .asText().contains("MBR2GPT: Validation completed successfully"));
        assertEquals(400, sandbox.arm().send("PUT", url + "?" + API, body.replace("\"name\":\"Mode\",", "")).status(),
                "a parameter without a name");
    }

    @Test
    void theInstanceViewKeepsTheLast4096BytesOfOutput() {
        String url = vm("rg-app", "web01") + "/runCommands/long";
        String line = "Write-Output '" + "x".repeat(99) + "'";
        String script = String.join("\\n", java.util.Collections.nCopies(60, line)) + "\\nGet-Disk | Select-Object Number | ConvertTo-Json -Compress";
        ArmClient.Answer a = sandbox.arm().send("PUT", url + "?" + API, body(script, false));
        sandbox.arm().await(a.header("Azure-AsyncOperation"));
        String out = sandbox.arm().get(url + "?" + API + "&$expand=instanceView").json().at("/properties/instanceView/output").asText();
        assertEquals(4096, out.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, "60 x 100 bytes were written");
        assertTrue(out.endsWith("{\"Number\":0}\n"), out.substring(out.length() - 40));
    }

    @Test
    void theExitCodeLineIsPrintedOnlyByAScriptThatEchoesIt() {
        String url = vm("rg-app", "web01") + "/runCommands/echo";
        String bare = "MBR2GPT /validate /allowFullOS";
        ArmClient.Answer a = sandbox.arm().send("PUT", url + "?" + API, body(bare, false));
        sandbox.arm().await(a.header("Azure-AsyncOperation"));
        String quiet = sandbox.arm().get(url + "?" + API + "&$expand=instanceView").json().at("/properties/instanceView/output").asText();
        assertFalse(quiet.contains("TRUSTLIFT_EXIT"), "a real guest prints nothing it was not asked to: " + quiet);
        ArmClient.Answer b = sandbox.arm().send("PUT", url + "?" + API,
                body(bare + "\\nWrite-Output \\\"TRUSTLIFT_EXIT=$trustliftExit\\\"", false));
        sandbox.arm().await(b.header("Azure-AsyncOperation"));
        String echoed = sandbox.arm().get(url + "?" + API + "&$expand=instanceView").json().at("/properties/instanceView/output").asText();
        assertTrue(echoed.endsWith("TRUSTLIFT_EXIT=0\n"), "the script's own exit code, last: " + echoed);
    }
}
