package dev.trustlift.sandbox;

import static dev.trustlift.sandbox.ArmClient.API;
import static dev.trustlift.sandbox.ArmClient.SUB_B;
import static dev.trustlift.sandbox.ArmClient.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Azure's rules for switching a Gen1 VM to Trusted Launch, through PATCH and PUT. */
class TrustedLaunchRulesTest {
    static final String TL = "{\"properties\":{\"securityProfile\":{\"securityType\":\"TrustedLaunch\","
            + "\"uefiSettings\":{\"secureBootEnabled\":true,\"vTpmEnabled\":true}}}}";
    @RegisterExtension
    final RulesSandbox sandbox = new RulesSandbox();

    private JsonNode truth(String name) {
        return sandbox.arm().get("/_sandbox/state?vm=" + name).json().at("/vms/0");
    }

    @Test
    void runningVmIsRefusedWith409() {
        ArmClient.Answer a = sandbox.arm().send("PATCH", vm("rg-app", "web01") + "?" + API, TL);
        assertEquals(409, a.status());
        assertEquals("OperationNotAllowed", a.json().at("/error/code").asText());
        assertTrue(a.json().at("/error/message").asText().contains("Deallocate"));
        assertEquals("Standard", truth("web01").path("securityType").asText());
        assertEquals("V1", truth("web01").at("/osDisk/hyperVGeneration").asText());
    }

    @Test
    void sizeWithoutTrustedLaunchIsRefusedWithAzuresMessage() {
        ArmClient.Answer a = sandbox.arm().send("PATCH", vm("rg-app", "old01") + "?" + API, TL);
        assertEquals(400, a.status());
        assertEquals("The VM size 'Standard_A2_v2' is not supported for creation of VMs and Virtual Machine Scale Set "
                + "with 'TrustedLaunch' security type. For more information, see https://aka.ms/TrustedLaunch-FAQ",
                a.json().at("/error/message").asText());
    }

    @Test
    void resizingToATrustedLaunchSizeInTheSameCallIsAccepted() {
        String body = "{\"properties\":{\"hardwareProfile\":{\"vmSize\":\"Standard_D2s_v5\"},"
                + "\"securityProfile\":{\"securityType\":\"TrustedLaunch\"}}}";
        ArmClient.Answer a = sandbox.arm().send("PATCH", vm("rg-app", "old01") + "?" + API, body);
        assertEquals(200, a.status(), a.raw().body());
        assertEquals("Standard_D2s_v5", truth("old01").path("size").asText());
        assertEquals("TrustedLaunch", truth("old01").path("securityType").asText());
    }

    @Test
    void unregisteredFeatureIsRefused() {
        ArmClient.Answer a = sandbox.arm().send("PATCH", vm(SUB_B, "rg-b", "nofeat01") + "?" + API, TL);
        assertEquals(400, a.status());
        assertEquals("SubscriptionNotRegisteredForFeature", a.json().at("/error/code").asText());
        assertTrue(a.json().at("/error/message").asText().contains("Gen1ToTLMigrationPreview"));
    }

    @Test
    void registeringTheFeatureLetsTheUpdateThrough() {
        String feature = "/subscriptions/" + SUB_B + "/providers/Microsoft.Features/providers/Microsoft.Compute/features/"
                + "Gen1ToTLMigrationPreview";
        assertEquals("NotRegistered", sandbox.arm().get(feature + "?api-version=2021-07-01").json().at("/properties/state").asText());
        ArmClient.Answer reg = sandbox.arm().send("POST", feature + "/register?api-version=2021-07-01", null);
        assertEquals("Registering", reg.json().at("/properties/state").asText());
        long deadline = System.currentTimeMillis() + 10_000;
        while (!sandbox.arm().get(feature + "?api-version=2021-07-01").json().at("/properties/state").asText().equals("Registered")) {
            assertTrue(System.currentTimeMillis() < deadline, "feature never registered");
            ArmClient.sleep(20);
        }
        assertEquals(400, sandbox.arm().send("PATCH", vm(SUB_B, "rg-b", "nofeat01") + "?" + API, TL).status(),
                "registered, but Compute picks the feature up only when the provider is registered again");
        String provider = "/subscriptions/" + SUB_B + "/providers/Microsoft.Compute";
        sandbox.arm().send("POST", provider + "/register?api-version=2021-04-01", null);
        while (!sandbox.arm().get(provider + "?api-version=2021-04-01").json().at("/registrationState").asText()
                .equals("Registered")) {
            assertTrue(System.currentTimeMillis() < deadline, "provider never registered");
            ArmClient.sleep(20);
        }
        assertEquals(200, sandbox.arm().send("PATCH", vm(SUB_B, "rg-b", "nofeat01") + "?" + API, TL).status());
    }

    @Test
    void deallocatedTlSizeRegisteredIsAcceptedAndDiskBecomesV2() {
        ArmClient.Answer a = sandbox.arm().send("PATCH", vm("rg-app", "web02") + "?" + API, TL);
        assertEquals(200, a.status(), a.raw().body());
        assertEquals("TrustedLaunch", a.json().at("/properties/securityProfile/securityType").asText());
        assertTrue(a.json().at("/properties/securityProfile/uefiSettings/secureBootEnabled").asBoolean());
        assertTrue(a.json().at("/properties/securityProfile/uefiSettings/vTpmEnabled").asBoolean());
        sandbox.arm().await(a.header("Azure-AsyncOperation"));
        JsonNode disk = sandbox.arm().get(a.json().at("/properties/storageProfile/osDisk/managedDisk/id").asText()
                + "?api-version=2024-03-02").json();
        assertEquals("V2", disk.at("/properties/hyperVGeneration").asText());
        assertEquals("TrustedLaunch", disk.at("/properties/securityProfile/securityType").asText());
        assertEquals("V2", truth("web02").at("/osDisk/hyperVGeneration").asText());
    }

    @Test
    void putFollowsTheSameRules() {
        String put = "{\"location\":\"eastus\",\"properties\":{\"hardwareProfile\":{\"vmSize\":\"Standard_D2s_v3\"},"
                + "\"storageProfile\":{\"osDisk\":{\"createOption\":\"FromImage\"}},"
                + "\"securityProfile\":{\"securityType\":\"TrustedLaunch\",\"uefiSettings\":{\"secureBootEnabled\":true,"
                + "\"vTpmEnabled\":true}}}}";
        assertEquals(409, sandbox.arm().send("PUT", vm("rg-app", "web01") + "?" + API, put).status());
        assertEquals(400, sandbox.arm().send("PUT", vm("rg-app", "old01") + "?" + API,
                put.replace("Standard_D2s_v3", "Standard_A2_v2")).status());
        assertEquals(400, sandbox.arm().send("PUT", vm(SUB_B, "rg-b", "nofeat01") + "?" + API, put).status());
        ArmClient.Answer ok = sandbox.arm().send("PUT", vm("rg-app", "web02") + "?" + API, put);
        assertEquals(200, ok.status(), ok.raw().body());
        assertEquals("V2", truth("web02").at("/osDisk/hyperVGeneration").asText());
    }

    @Test
    void readOnlyLockRefusesUpdatesAndActions() {
        ArmClient.Answer a = sandbox.arm().send("PATCH", vm("rg-app", "locked01") + "?" + API, TL);
        assertEquals(409, a.status());
        assertEquals("ScopeLocked", a.json().at("/error/code").asText());
        assertEquals(409, sandbox.arm().send("POST", vm("rg-app", "locked01") + "/start?" + API, null).status());
        JsonNode locks = sandbox.arm().get(vm("rg-app", "locked01") + "/providers/Microsoft.Authorization/locks?api-version=2016-09-01")
                .json();
        assertEquals("ReadOnly", locks.at("/value/0/properties/level").asText());
    }

    @Test
    void standardBackupRefusesTrustedLaunch() {
        ArmClient.Answer a = sandbox.arm().send("PATCH", vm("rg-app", "bk01") + "?" + API, TL);
        assertEquals(409, a.status());
        assertEquals("OperationNotAllowed", a.json().at("/error/code").asText());
        assertTrue(a.json().at("/error/message").asText().contains("configured for Azure Backup using standard policy"));
    }

    @Test
    void runCommandNeedsARunningVmWithAReadyAgent() {
        String body = "{\"commandId\":\"RunPowerShellScript\",\"script\":[\"MBR2GPT /validate /allowFullOS\"]}";
        ArmClient.Answer stopped = sandbox.arm().send("POST", vm("rg-app", "web02") + "/runCommand?" + API, body);
        assertEquals(409, stopped.status());
        assertEquals("The operation requires the VM to be running (or set to run).",
                stopped.json().at("/error/message").asText());
        ArmClient.Answer agent = sandbox.arm().send("POST", vm("rg-app", "agent01") + "/runCommand?" + API, body);
        assertEquals(409, agent.status());
        assertEquals("VMAgentStatusCommunicationError", agent.json().at("/error/code").asText());
        ArmClient.Answer ok = sandbox.arm().send("POST", vm("rg-app", "web01") + "/runCommand?" + API, body);
        assertEquals(202, ok.status());
        assertEquals("Succeeded", sandbox.arm().await(ok.header("Azure-AsyncOperation")).path("status").asText());
        JsonNode result = sandbox.arm().get(ok.header("Location")).json();
        assertEquals("ComponentStatus/StdOut/succeeded", result.at("/value/0/code").asText());
        assertTrue(result.at("/value/0/message").asText().contains("MBR2GPT: Validation completed successfully"),
                result.toString());
    }
}
