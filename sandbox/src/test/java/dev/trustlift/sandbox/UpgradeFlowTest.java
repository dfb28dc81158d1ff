package dev.trustlift.sandbox;

import static dev.trustlift.sandbox.ArmClient.API;
import static dev.trustlift.sandbox.ArmClient.SUB;
import static dev.trustlift.sandbox.ArmClient.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Gen1 -> Trusted Launch flow through plain ARM calls, checked against the sandbox's truth:
 * a converted Windows disk does not boot as Gen1, boots under Trusted Launch, and a restore point
 * taken before brings the MBR disk back.
 */
class UpgradeFlowTest {
    private static final String WEB01 = vm("rg-app", "web01");
    @RegisterExtension
    final RulesSandbox sandbox = new RulesSandbox();

    private JsonNode truth() {
        return sandbox.arm().get("/_sandbox/state?vm=web01").json().at("/vms/0");
    }

    private void lro(String method, String path, String body, int expected) {
        ArmClient.Answer a = sandbox.arm().send(method, path, body);
        assertEquals(expected, a.status(), method + " " + path + ": " + a.raw().body());
        assertEquals("Succeeded", sandbox.arm().await(a.header("Azure-AsyncOperation")).path("status").asText());
    }

    private String runCommand(String script) {
        ArmClient.Answer a = sandbox.arm().send("POST", WEB01 + "/runCommand?" + API,
                "{\"commandId\":\"RunPowerShellScript\",\"script\":[\"" + script + "\"," + ArmClient.PS_EXIT_ECHO + "]}");
        assertEquals(202, a.status(), a.raw().body());
        sandbox.arm().await(a.header("Azure-AsyncOperation"));
        return sandbox.arm().get(a.header("Location")).json().at("/value/0/message").asText();
    }

    @Test
    void convertedWindowsDiskFailsAsGen1AndBootsUnderTrustedLaunch() {
        String collection = "/subscriptions/" + SUB + "/resourceGroups/rg-app/providers/Microsoft.Compute/"
                + "restorePointCollections/web01-rpc";
        ArmClient.Answer rpc = sandbox.arm().send("PUT", collection + "?" + API, "{\"location\":\"eastus\",\"properties\":{\"source\":"
                + "{\"id\":\"" + WEB01 + "\"}}}");
        assertEquals(201, rpc.status(), rpc.raw().body());
        ArmClient.Answer rp = sandbox.arm().send("PUT", collection + "/restorePoints/before-tl?" + API, "{\"properties\":{}}");
        assertEquals(201, rp.status(), rp.raw().body());
        assertEquals("Creating", rp.json().at("/properties/provisioningState").asText());
        sandbox.arm().await(rp.header("Azure-AsyncOperation"));
        JsonNode point = sandbox.arm().get(collection + "/restorePoints/before-tl?" + API).json();
        assertEquals("Succeeded", point.at("/properties/provisioningState").asText());
        String diskRestorePoint = point.at("/properties/sourceMetadata/storageProfile/osDisk/diskRestorePoint/id").asText();

        assertTrue(runCommand("MBR2GPT /convert /allowFullOS").contains("TRUSTLIFT_EXIT=0"));
        assertEquals("GPT", truth().at("/osDisk/layout/scheme").asText());

        lro("POST", WEB01 + "/deallocate?" + API, null, 202);
        lro("POST", WEB01 + "/start?" + API, null, 202);
        JsonNode gen1 = truth();
        assertEquals("running", gen1.path("power").asText());
        assertFalse(gen1.at("/boot/booted").asBoolean());
        assertEquals("BIOS", gen1.at("/boot/firmware").asText());
        JsonNode iv = sandbox.arm().get(WEB01 + "/instanceView?" + API).json();
        assertEquals(2, iv.path("statuses").size(), "Azure has no boot status: " + iv);
        String serial = sandbox.arm().text(iv.at("/bootDiagnostics/serialConsoleLogBlobUri").asText()).body();
        assertTrue(serial.contains("Boot failed: not a bootable disk") && serial.contains("No bootable device"), serial);
        assertEquals("Not Ready", iv.at("/vmAgent/statuses/0/displayStatus").asText());
        assertEquals(409, sandbox.arm().send("POST", WEB01 + "/runCommand?" + API,
                "{\"commandId\":\"RunPowerShellScript\",\"script\":[\"Get-Disk | ConvertTo-Json\"]}").status());

        lro("POST", WEB01 + "/deallocate?" + API, null, 202);
        lro("PATCH", WEB01 + "?" + API, TrustedLaunchRulesTest.TL, 200);
        lro("POST", WEB01 + "/start?" + API, null, 202);
        JsonNode tl = truth();
        assertTrue(tl.at("/boot/booted").asBoolean(), tl.toString());
        assertEquals("UEFI", tl.at("/boot/firmware").asText());
        assertEquals("TrustedLaunch", tl.path("securityType").asText());
        String probe = runCommand("Get-Disk -Number 0 | Select-Object PartitionStyle | ConvertTo-Json -Compress");
        assertTrue(probe.contains("{\"PartitionStyle\":2}"), "MSFT_Disk.PartitionStyle 2 is GPT: " + probe);
        String secureBoot = runCommand("Confirm-SecureBootUEFI");
        assertTrue(secureBoot.contains("True") && secureBoot.contains("TRUSTLIFT_EXIT=0"), secureBoot);
        String tpm = runCommand("Get-Tpm | Select-Object TpmPresent | ConvertTo-Json -Compress");
        assertTrue(tpm.contains("{\"TpmPresent\":true}"), tpm);

        lro("POST", WEB01 + "/deallocate?" + API, null, 202);
        String restored = "/subscriptions/" + SUB + "/resourceGroups/rg-app/providers/Microsoft.Compute/disks/web01-restored";
        lro("PUT", restored + "?api-version=2024-03-02", "{\"location\":\"eastus\",\"properties\":{\"creationData\":"
                + "{\"createOption\":\"Restore\",\"sourceResourceId\":\"" + diskRestorePoint + "\"}}}", 202);
        JsonNode disk = sandbox.arm().get(restored + "?api-version=2024-03-02").json();
        assertEquals("V1", disk.at("/properties/hyperVGeneration").asText());
        assertEquals("Unattached", disk.at("/properties/diskState").asText());
        ArmClient.Answer swap = sandbox.arm().send("PATCH", WEB01 + "?" + API, "{\"properties\":{\"storageProfile\":{\"osDisk\":"
                + "{\"managedDisk\":{\"id\":\"" + restored + "\"}}}}}");
        assertEquals(409, swap.status(), "a V1 disk cannot go under a Trusted Launch VM");
        assertEquals("PropertyChangeNotAllowed", swap.json().at("/error/code").asText());
    }

    @Test
    void unconvertedDiskDoesNotBootUnderTrustedLaunch() {
        lro("POST", WEB01 + "/deallocate?" + API, null, 202);
        lro("PATCH", WEB01 + "?" + API, TrustedLaunchRulesTest.TL, 200);
        lro("POST", WEB01 + "/start?" + API, null, 202);
        assertFalse(truth().at("/boot/booted").asBoolean());
        assertEquals("UEFI", truth().at("/boot/firmware").asText());
    }

    @Test
    void linuxDiskGrowsThenConvertsAndBootsBothWays() {
        String lin = vm("rg-linux", "lin01");
        String disk = "/subscriptions/" + SUB + "/resourceGroups/rg-linux/providers/Microsoft.Compute/disks/lin01_OsDisk_1";
        String script = "{\"commandId\":\"RunShellScript\",\"script\":[\"# trustlift:linux-convert\"," + ArmClient.SH_EXIT_ECHO + "]}";
        ArmClient.Answer refused = sandbox.arm().send("POST", lin + "/runCommand?" + API, script);
        sandbox.arm().await(refused.header("Azure-AsyncOperation"));
        String message = sandbox.arm().get(refused.header("Location")).json().at("/value/0/message").asText();
        assertTrue(message.startsWith("Enable succeeded: \n[stdout]\n") && message.contains("TRUSTLIFT_EXIT=3"), message);

        ArmClient.Answer runningResize = sandbox.arm().send("PATCH", disk + "?api-version=2024-03-02",
                "{\"properties\":{\"diskSizeGB\":31}}");
        assertEquals(409, runningResize.status());
        lro("POST", lin + "/deallocate?" + API, null, 202);
        ArmClient.Answer resize = sandbox.arm().send("PATCH", disk + "?api-version=2024-03-02", "{\"properties\":{\"diskSizeGB\":31}}");
        assertEquals(202, resize.status());
        assertTrue(resize.header("Location").contains("/DiskOperations/"), resize.header("Location"));
        sandbox.arm().await(resize.header("Azure-AsyncOperation"));
        assertEquals(31, sandbox.arm().get(disk + "?api-version=2024-03-02").json().at("/properties/diskSizeGB").asInt());
        assertEquals(400, sandbox.arm().send("PATCH", disk + "?api-version=2024-03-02", "{\"properties\":{\"diskSizeGB\":30}}").status());
        lro("POST", lin + "/start?" + API, null, 202);

        ArmClient.Answer ok = sandbox.arm().send("POST", lin + "/runCommand?" + API, script);
        sandbox.arm().await(ok.header("Azure-AsyncOperation"));
        String converted = sandbox.arm().get(ok.header("Location")).json().at("/value/0/message").asText();
        assertTrue(converted.contains("result=converted") && converted.contains("TRUSTLIFT_EXIT=0"), converted);

        lro("POST", lin + "/deallocate?" + API, null, 202);
        lro("POST", lin + "/start?" + API, null, 202);
        JsonNode gen1 = sandbox.arm().get("/_sandbox/state?vm=lin01").json().at("/vms/0");
        assertTrue(gen1.at("/boot/booted").asBoolean(), "a converted Linux disk still boots as Gen1");
        lro("POST", lin + "/deallocate?" + API, null, 202);
        lro("PATCH", lin + "?" + API, TrustedLaunchRulesTest.TL, 200);
        lro("POST", lin + "/start?" + API, null, 202);
        JsonNode tl = sandbox.arm().get("/_sandbox/state?vm=lin01").json().at("/vms/0");
        assertTrue(tl.at("/boot/booted").asBoolean(), tl.toString());
        assertEquals("UEFI", tl.at("/boot/firmware").asText());
    }

    @Test
    void incrementalSnapshotOfTheOsDisk() {
        String disk = "/subscriptions/" + SUB + "/resourceGroups/rg-app/providers/Microsoft.Compute/disks/web01-os";
        String snap = "/subscriptions/" + SUB + "/resourceGroups/rg-app/providers/Microsoft.Compute/snapshots/web01-snap";
        ArmClient.Answer a = sandbox.arm().send("PUT", snap + "?api-version=2024-03-02", "{\"location\":\"eastus\",\"properties\":"
                + "{\"creationData\":{\"createOption\":\"Copy\",\"sourceResourceId\":\"" + disk + "\"},\"incremental\":true}}");
        assertEquals(202, a.status(), a.raw().body());
        sandbox.arm().await(a.header("Azure-AsyncOperation"));
        JsonNode s = sandbox.arm().get(snap + "?api-version=2024-03-02").json();
        assertTrue(s.at("/properties/incremental").asBoolean());
        assertEquals(disk, s.at("/properties/creationData/sourceResourceId").asText());
        assertEquals("V1", s.at("/properties/hyperVGeneration").asText());
    }
}
