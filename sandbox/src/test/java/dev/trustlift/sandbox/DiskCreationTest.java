package dev.trustlift.sandbox;

import static dev.trustlift.sandbox.ArmClient.API;
import static dev.trustlift.sandbox.ArmClient.SUB;
import static dev.trustlift.sandbox.ArmClient.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * creationData as DiskRP takes it: Restore from a disk restore point, Copy from a disk or
 * snapshot; a restored disk is the source disk as it was, so swapping it in after an MBR2GPT
 * conversion gives the VM its MBR disk back and it boots as Gen1 again.
 */
class DiskCreationTest {
    private static final String WEB01 = vm("rg-app", "web01");
    private static final String DISKS = "/subscriptions/" + SUB + "/resourceGroups/rg-app/providers/Microsoft.Compute/";
    private static final String DISK_API = "?api-version=2024-03-02";

    private static ArmClient.Answer createDisk(ArmClient arm, String name, String option, String source, String extra) {
        return arm.send("PUT", DISKS + "disks/" + name + DISK_API, "{\"location\":\"eastus\",\"properties\":{" + extra
                + "\"creationData\":{\"createOption\":\"" + option + "\",\"sourceResourceId\":\"" + source + "\"}}}");
    }

    private static void lro(ArmClient arm, ArmClient.Answer a) {
        assertTrue(a.status() == 200 || a.status() == 202, a.raw().body());
        assertEquals("Succeeded", arm.await(a.header("Azure-AsyncOperation")).path("status").asText());
    }

    private static String diskRestorePoint(ArmClient arm) {
        String c = RestorePointsTest.collection(arm, "web01-rpc", "web01");
        return RestorePointsTest.created(arm, c, "before", "{}")
                .at("/properties/sourceMetadata/storageProfile/osDisk/diskRestorePoint/id").asText();
    }

    @Test
    void restoredDiskBringsBackTheMbrLayoutAndBootsAsGen1() throws Exception {
        try (SandboxServer s = SandboxServer.start(Fleets.load("rules.json"), 0)) {
            ArmClient arm = new ArmClient(s.endpoint());
            String drp = diskRestorePoint(arm);
            ArmClient.Answer convert = arm.send("POST", WEB01 + "/runCommand?" + API,
                    "{\"commandId\":\"RunPowerShellScript\",\"script\":[\"MBR2GPT /convert /allowFullOS\"]}");
            arm.await(convert.header("Azure-AsyncOperation"));
            assertEquals("GPT", arm.get("/_sandbox/state?vm=web01").json().at("/vms/0/osDisk/layout/scheme").asText());

            lro(arm, arm.send("POST", WEB01 + "/deallocate?" + API, null));
            lro(arm, createDisk(arm, "web01-restored", "Restore", drp, ""));
            JsonNode disk = arm.get(DISKS + "disks/web01-restored" + DISK_API).json();
            assertEquals("V1", disk.at("/properties/hyperVGeneration").asText());
            assertEquals("Restore", disk.at("/properties/creationData/createOption").asText());
            lro(arm, arm.send("PATCH", WEB01 + "?" + API, "{\"properties\":{\"storageProfile\":{\"osDisk\":{\"managedDisk\":"
                    + "{\"id\":\"" + DISKS + "disks/web01-restored\"}}}}}"));
            lro(arm, arm.send("POST", WEB01 + "/start?" + API, null));
            JsonNode truth = arm.get("/_sandbox/state?vm=web01").json().at("/vms/0");
            assertEquals("MBR", truth.at("/osDisk/layout/scheme").asText());
            assertEquals(DISKS + "disks/web01-restored", truth.at("/osDisk/id").asText());
            assertTrue(truth.at("/boot/booted").asBoolean(), truth.toString());
            assertEquals("BIOS", truth.at("/boot/firmware").asText());
        }
    }

    @Test
    void eachSourceKindTakesOnlyItsOwnCreateOption() throws Exception {
        try (SandboxServer s = SandboxServer.start(Fleets.load("rules.json"), 0)) {
            ArmClient arm = new ArmClient(s.endpoint());
            String drp = diskRestorePoint(arm);
            String osDisk = DISKS + "disks/web01-os";
            ArmClient.Answer copyPoint = createDisk(arm, "d1", "Copy", drp, "");
            assertEquals(400, copyPoint.status(), copyPoint.raw().body());
            assertTrue(copyPoint.json().at("/error/message").asText().contains("'Restore'"), copyPoint.raw().body());
            ArmClient.Answer restoreDisk = createDisk(arm, "d2", "Restore", osDisk, "");
            assertEquals(400, restoreDisk.status(), restoreDisk.raw().body());

            lro(arm, arm.send("PUT", DISKS + "snapshots/snap1" + DISK_API, "{\"location\":\"eastus\",\"properties\":"
                    + "{\"creationData\":{\"createOption\":\"Copy\",\"sourceResourceId\":\"" + osDisk + "\"},\"incremental\":true}}"));
            assertEquals(400, createDisk(arm, "d3", "Restore", DISKS + "snapshots/snap1", "").status());
            lro(arm, createDisk(arm, "d4", "Copy", DISKS + "snapshots/snap1", ""));
            lro(arm, createDisk(arm, "d5", "Copy", osDisk, ""));
            assertEquals("Copy", arm.get(DISKS + "disks/d5" + DISK_API).json().at("/properties/creationData/createOption").asText());

            ArmClient.Answer otherGeneration = createDisk(arm, "d6", "Restore", drp, "\"hyperVGeneration\":\"V2\",");
            assertEquals(400, otherGeneration.status(), "a restored disk keeps the source disk's generation");
            assertEquals(404, arm.get(DISKS + "disks/d6" + DISK_API).status());
        }
    }

    @Test
    void aDiskRestoredFromATrustedLaunchVmsPointIsGen2TrustedLaunch() throws Exception {
        try (SandboxServer s = SandboxServer.start(Fleets.load("rules.json"), 0)) {
            ArmClient arm = new ArmClient(s.endpoint());
            lro(arm, arm.send("POST", WEB01 + "/deallocate?" + API, null));
            lro(arm, arm.send("PATCH", WEB01 + "?" + API, TrustedLaunchRulesTest.TL));
            String c = RestorePointsTest.collection(arm, "web01-rpc", "web01");
            String drp = RestorePointsTest.created(arm, c, "after", "{\"properties\":{\"consistencyMode\":\"CrashConsistent\"}}")
                    .at("/properties/sourceMetadata/storageProfile/osDisk/diskRestorePoint/id").asText();
            lro(arm, createDisk(arm, "web01-tl", "Restore", drp, ""));
            JsonNode disk = arm.get(DISKS + "disks/web01-tl" + DISK_API).json();
            assertEquals("V2", disk.at("/properties/hyperVGeneration").asText());
            assertEquals("TrustedLaunch", disk.at("/properties/securityProfile/securityType").asText());
        }
    }
}
