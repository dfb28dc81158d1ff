package dev.trustlift.sandbox;

import static dev.trustlift.sandbox.ArmClient.API;
import static dev.trustlift.sandbox.ArmClient.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ARM refuses Trusted Launch where assess sees a blocker, even on a deallocated VM of a TL size. */
class TrustedLaunchBlockersTest {
    static final String UNSUPPORTED_IMAGE = "Use of TrustedLaunch setting is not supported for the provided image. "
            + "Please select Trusted Launch Supported Gen2 OS Image. For more information, see https://aka.ms/TrustedLaunch-FAQ.";
    @RegisterExtension
    final RulesSandbox sandbox = new RulesSandbox("arm-rules.json");

    private JsonNode truth(String name) {
        return sandbox.arm().get("/_sandbox/state?vm=" + name).json().at("/vms/0");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "ephemeral, 400, BadRequest, ephemeral OS disk",
            "unmanaged, 400, BadRequest, unmanaged disk",
            "linhib, 400, BadRequest, hibernation is enabled",
            "vmss01, 409, OperationNotAllowed, Virtual Machine Scale Set 'vmss-app'",
            "cvm01, 400, BadRequest, from 'ConfidentialVM'"})
    void blockerIsRefusedAndNothingChanges(String name, int status, String code, String words) {
        String before = truth(name).path("securityType").asText();
        ArmClient.Answer a = sandbox.arm().send("PATCH", vm("rg-app", name) + "?" + API, TrustedLaunchRulesTest.TL);
        assertEquals(status, a.status(), a.raw().body());
        assertEquals(code, a.json().at("/error/code").asText());
        assertTrue(a.json().at("/error/message").asText().contains(words), a.raw().body());
        assertEquals(before, truth(name).path("securityType").asText());
        assertEquals("cvm01".equals(name) ? "V2" : "V1", truth(name).at("/osDisk/hyperVGeneration").asText());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"deb01", "img01"})
    void unsupportedImageGetsAzuresMessage(String name) {
        ArmClient.Answer a = sandbox.arm().send("PATCH", vm("rg-app", name) + "?" + API, TrustedLaunchRulesTest.TL);
        assertEquals(400, a.status());
        assertEquals("BadRequest", a.json().at("/error/code").asText());
        assertEquals(UNSUPPORTED_IMAGE, a.json().at("/error/message").asText());
        assertEquals("Standard", truth(name).path("securityType").asText());
    }

    @Test
    void hibernationBlocksOnlyLinux() {
        ArmClient.Answer a = sandbox.arm().send("PATCH", vm("rg-app", "winhib") + "?" + API, TrustedLaunchRulesTest.TL);
        assertEquals(200, a.status(), a.raw().body());
        assertEquals("TrustedLaunch", truth("winhib").path("securityType").asText());
    }

    @Test
    void aConfidentialVmDoesNotBecomeStandardThroughAPutEither() {
        String put = "{\"location\":\"eastus\",\"properties\":{\"hardwareProfile\":{\"vmSize\":\"Standard_D2s_v3\"},"
                + "\"storageProfile\":{\"osDisk\":{}}}}";
        ArmClient.Answer a = sandbox.arm().send("PUT", vm("rg-app", "cvm01") + "?" + API, put);
        assertEquals(400, a.status(), a.raw().body());
        assertTrue(a.json().at("/error/message").asText().contains("from 'ConfidentialVM' to 'Standard'"), a.raw().body());
        assertEquals("ConfidentialVM", truth("cvm01").path("securityType").asText());
    }

    @Test
    void blockersAlsoHoldForPut() {
        String put = "{\"location\":\"eastus\",\"properties\":{\"hardwareProfile\":{\"vmSize\":\"Standard_D2s_v3\"},"
                + "\"storageProfile\":{\"osDisk\":{}},\"securityProfile\":{\"securityType\":\"TrustedLaunch\"}}}";
        ArmClient.Answer a = sandbox.arm().send("PUT", vm("rg-app", "ephemeral") + "?" + API, put);
        assertEquals(400, a.status(), a.raw().body());
        assertTrue(a.json().at("/error/message").asText().contains("ephemeral OS disk"));
    }
}
