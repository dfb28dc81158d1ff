package dev.trustlift.sandbox;

import static dev.trustlift.sandbox.ArmClient.API;
import static dev.trustlift.sandbox.ArmClient.SUB;
import static dev.trustlift.sandbox.ArmClient.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Swapping the OS disk of a VM whose generation differs from the disk's is refused as Azure
 * refuses it (MicrosoftDocs/SupportArticles-docs issues 214 and 338): once a VM is Gen2 or
 * Trusted Launch, a V1 disk cannot come back under it.
 */
class OsDiskSwapTest {
    static final String MISMATCH = "Swapping OS Disk is not supported since HyperVisor property on the OSDisk and VM do "
            + "not match. Please make sure the HyperVisor property on the OSDisk is HyperVisor Generation 'V2'";
    @RegisterExtension
    final RulesSandbox sandbox = new RulesSandbox("arm-rules.json");

    /** A V1 copy of gen1's OS disk, unattached. */
    private String gen1DiskCopy() {
        String source = sandbox.arm().get(vm("rg-app", "gen1") + "?" + API).json()
                .at("/properties/storageProfile/osDisk/managedDisk/id").asText();
        String copy = "/subscriptions/" + SUB + "/resourceGroups/rg-app/providers/Microsoft.Compute/disks/gen1-copy";
        ArmClient.Answer a = sandbox.arm().send("PUT", copy + "?api-version=2024-03-02", "{\"location\":\"eastus\","
                + "\"properties\":{\"creationData\":{\"createOption\":\"Copy\",\"sourceResourceId\":\"" + source + "\"}}}");
        assertEquals(202, a.status(), a.raw().body());
        sandbox.arm().await(a.header("Azure-AsyncOperation"));
        assertEquals("V1", sandbox.arm().get(copy + "?api-version=2024-03-02").json().at("/properties/hyperVGeneration").asText());
        return copy;
    }

    private ArmClient.Answer swap(String vmName, String diskId) {
        return sandbox.arm().send("PATCH", vm("rg-app", vmName) + "?" + API,
                "{\"properties\":{\"storageProfile\":{\"osDisk\":{\"managedDisk\":{\"id\":\"" + diskId + "\"}}}}}");
    }

    private String truthDisk(String vmName) {
        return sandbox.arm().get("/_sandbox/state?vm=" + vmName).json().at("/vms/0/osDisk/id").asText();
    }

    @Test
    void aV1DiskCannotGoUnderAGen2Vm() {
        String before = truthDisk("gen2");
        ArmClient.Answer a = swap("gen2", gen1DiskCopy());
        assertEquals(409, a.status(), a.raw().body());
        assertEquals("PropertyChangeNotAllowed", a.json().at("/error/code").asText());
        assertEquals(MISMATCH, a.json().at("/error/message").asText());
        assertEquals(before, truthDisk("gen2"));
    }

    @Test
    void aV1DiskCannotGoUnderATrustedLaunchVm() {
        ArmClient.Answer a = swap("tl01", gen1DiskCopy());
        assertEquals(409, a.status(), a.raw().body());
        assertEquals(MISMATCH, a.json().at("/error/message").asText());
    }

    @Test
    void aV1DiskGoesUnderAGen1Vm() {
        String copy = gen1DiskCopy();
        assertEquals(200, swap("gen1", copy).status());
        assertEquals(copy.toLowerCase(), truthDisk("gen1").toLowerCase());
    }
}
