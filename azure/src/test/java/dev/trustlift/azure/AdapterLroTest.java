package dev.trustlift.azure;

import static dev.trustlift.azure.AdapterReadTest.MY_VM;
import static dev.trustlift.azure.AdapterReadTest.RG_PATH;
import static dev.trustlift.azure.AdapterReadTest.VM_PATH;
import static dev.trustlift.azure.AdapterReadTest.trustedLaunchVm;
import static dev.trustlift.azure.FakeArm.SUB;
import static dev.trustlift.azure.FakeArm.example;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustlift.azure.FakeArm.Answer;
import dev.trustlift.core.cloud.CloudException;
import dev.trustlift.core.cloud.GuestScript;
import dev.trustlift.core.cloud.OsDisk;
import dev.trustlift.core.cloud.OsType;
import dev.trustlift.core.cloud.RestorePoint;
import dev.trustlift.core.cloud.ScriptResult;
import dev.trustlift.core.cloud.SecurityProfileChange;
import dev.trustlift.core.cloud.SecurityType;
import dev.trustlift.core.cloud.Snapshot;
import dev.trustlift.core.cloud.Vm;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Long-running operations: the SDK's pollers really follow ARM's async-operation protocol
 * (the fake's call log shows every status poll and the final GET).
 */
class AdapterLroTest extends AdapterOnFakeArm {

    static final String OPS = "/subscriptions/" + SUB + "/providers/Microsoft.Compute/locations/westus/operations/";
    static final ObjectMapper JSON = new ObjectMapper();

    /** A 202 answer pointing at operation {@code id}, which reports InProgress {@code polls} times. */
    Answer accepted(String id, int polls, String finalBody) {
        AtomicInteger seen = new AtomicInteger();
        arm.on("GET", OPS + id, call -> {
            if (call.query() != null && call.query().contains("monitor=true")) {
                return Answer.json(200, finalBody);
            }
            boolean done = seen.incrementAndGet() > polls;
            return Answer.json(200, "{\"name\":\"" + id + "\",\"status\":\"" + (done ? "Succeeded" : "InProgress")
                    + "\",\"startTime\":\"2026-11-29T00:00:00Z\"}");
        });
        return new Answer(202, java.util.Map.of(
                "Azure-AsyncOperation", "{base}" + OPS + id + "?api-version=2024-11-01",
                "Location", "{base}" + OPS + id + "?monitor=true&api-version=2024-11-01"), null);
    }

    @Test
    void deallocatePollsTheOperationUntilSucceeded() {
        arm.on("POST", VM_PATH + "/deallocate", accepted("op-deallocate", 2, null));
        cloud.deallocate(MY_VM);
        assertEquals(1, arm.count("POST", VM_PATH + "/deallocate"));
        assertEquals(4, arm.count("GET", OPS + "op-deallocate"), "3 status polls + the final GET on Location: " + arm.calls());
    }

    @Test
    void startPollsTheOperationUntilSucceeded() {
        arm.on("POST", VM_PATH + "/start", accepted("op-start", 1, null));
        cloud.start(MY_VM);
        assertEquals(3, arm.count("GET", OPS + "op-start"), arm.calls().toString());
    }

    @Test
    void failedOperationBecomesCloudExceptionWithArmCode() {
        arm.on("POST", VM_PATH + "/start", new Answer(202, java.util.Map.of(
                "Azure-AsyncOperation", "{base}" + OPS + "op-fail?api-version=2024-11-01"), null));
        arm.on("GET", OPS + "op-fail", Answer.json(200, "{\"name\":\"op-fail\",\"status\":\"Failed\","
                + "\"error\":{\"code\":\"AllocationFailed\",\"message\":\"No capacity for Standard_D2s_v3\"}}"));
        CloudException e = assertThrows(CloudException.class, () -> cloud.start(MY_VM));
        assertEquals("AllocationFailed", e.code());
        assertTrue(e.getMessage().contains("No capacity"), e.getMessage());
    }

    @Test
    void setSecurityProfilePatchesAndPollsThenReadsTheVm() throws Exception {
        arm.on("PATCH", VM_PATH, Answer.json(200, example("VirtualMachine_Get.json", 200)
                        .replace("\"Succeeded\"", "\"Updating\""))
                .with("Azure-AsyncOperation", "{base}" + OPS + "op-patch?api-version=2024-11-01"));
        accepted("op-patch", 1, null);
        arm.on("GET", VM_PATH, Answer.json(200, trustedLaunchVm("myVM")));
        Vm vm = cloud.setSecurityProfile(MY_VM, SecurityProfileChange.trustedLaunch(true));
        assertEquals(SecurityType.TRUSTED_LAUNCH, vm.securityType());
        assertTrue(vm.secureBootEnabled() && vm.vTpmEnabled());
        JsonNode sent = JSON.readTree(arm.calls().get(0).body());
        assertEquals("TrustedLaunch", sent.at("/properties/securityProfile/securityType").asText());
        assertTrue(sent.at("/properties/securityProfile/uefiSettings/secureBootEnabled").asBoolean());
        assertTrue(sent.at("/properties/securityProfile/uefiSettings/vTpmEnabled").asBoolean());
        assertEquals(1, sent.size(), "a PATCH carries only what changes: " + sent);
        assertEquals(2, arm.count("GET", OPS + "op-patch"));
        assertEquals(1, arm.count("GET", VM_PATH), "the final GET on the resource");
    }

    @Test
    void runCommandSendsTheWrappedScriptAndReadsTheMarker() throws Exception {
        String result = "{\"value\":[{\"code\":\"ComponentStatus/StdOut/succeeded\",\"level\":\"Info\","
                + "\"message\":\"Validation failed\\nTRUSTLIFT_EXIT=1\\n\"},{\"code\":\"ComponentStatus/StdErr/succeeded\","
                + "\"level\":\"Info\",\"message\":\"Cannot find OS partition\"}]}";
        arm.on("POST", VM_PATH + "/runCommand", accepted("op-run", 1, result));
        ScriptResult out = cloud.runScript(MY_VM,
                new GuestScript(OsType.WINDOWS, List.of("MBR2GPT.exe /validate /allowFullOS"), Duration.ofSeconds(30)));
        assertEquals(1, out.exitCode());
        assertEquals("Validation failed\n", out.stdout());
        assertEquals("Cannot find OS partition", out.stderr());
        JsonNode sent = JSON.readTree(arm.calls().get(0).body());
        assertEquals("RunPowerShellScript", sent.path("commandId").asText());
        List<String> lines = JSON.convertValue(sent.path("script"), JSON.getTypeFactory()
                .constructCollectionType(List.class, String.class));
        assertTrue(lines.contains("MBR2GPT.exe /validate /allowFullOS"), lines.toString());
        assertTrue(lines.get(lines.size() - 1).contains("TRUSTLIFT_EXIT="), lines.toString());
        assertEquals(3, arm.count("GET", OPS + "op-run"), "2 polls + the result at Location: " + arm.calls());
    }

    @Test
    void linuxRunCommandOutputIsSplitIntoSections() {
        String result = "{\"value\":[{\"code\":\"ProvisioningState/succeeded\",\"level\":\"Info\","
                + "\"message\":\"Enable succeeded: \\n[stdout]\\nsda1 83\\nTRUSTLIFT_EXIT=0\\n\\n[stderr]\\nwarn\\n\"}]}";
        arm.on("POST", VM_PATH + "/runCommand", accepted("op-linux", 0, result));
        ScriptResult out = cloud.runScript(MY_VM, new GuestScript(OsType.LINUX, List.of("lsblk"), Duration.ofSeconds(30)));
        assertEquals(0, out.exitCode());
        assertEquals("sda1 83\n", out.stdout());
        assertEquals("warn", out.stderr());
        assertTrue(arm.calls().get(0).body().contains("RunShellScript"));
    }

    @Test
    void runCommandGivesUpAtTheScriptTimeout() {
        arm.on("POST", VM_PATH + "/runCommand", accepted("op-slow", Integer.MAX_VALUE, "{}"));
        long t0 = System.nanoTime();
        CloudException e = assertThrows(CloudException.class, () -> cloud.runScript(MY_VM,
                new GuestScript(OsType.LINUX, List.of("sleep 600"), Duration.ofMillis(300))));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(CloudException.TIMED_OUT, e.code(), e.getMessage());
        assertTrue(ms < 5000, "took " + ms + " ms");
    }

    @Test
    void aHungOperationFailsAtTheOperationTimeout() {
        AzureCloudAdapter impatient = new AzureCloudAdapter(AzureConnection.open(ConnectionSettings
                .endpoint(arm.endpoint(), false).withPollInterval(Duration.ofMillis(20))), Duration.ofMillis(300));
        arm.on("POST", VM_PATH + "/deallocate", accepted("op-hung", Integer.MAX_VALUE, null));
        CloudException e = assertThrows(CloudException.class, () -> impatient.deallocate(MY_VM));
        assertEquals(CloudException.TIMED_OUT, e.code());
        assertTrue(e.getMessage().contains("deallocate myResourceGroup/myVM"), e.getMessage());
    }

    @Test
    void restorePointCreatesCollectionThenPoint() throws Exception {
        arm.on("GET", VM_PATH, Answer.json(200, example("VirtualMachine_Get.json", 200)));
        String coll = RG_PATH + "/providers/Microsoft.Compute/restorePointCollections/rpcName";
        arm.on("PUT", coll, Answer.json(201, example("RestorePointCollection_CreateOrUpdate.json", 201)
                .replace("myRpc", "rpcName")));
        // Creating in the first answer: the SDK then polls; a terminal state would end the LRO at once.
        arm.on("PUT", coll + "/restorePoints/rpName", Answer.json(201, example("RestorePoint_Create.json", 201)
                        .replace("\"provisioningState\":\"Succeeded\"", "\"provisioningState\":\"Creating\""))
                .with("Azure-AsyncOperation", "{base}" + OPS + "op-rp?api-version=2024-11-01"));
        accepted("op-rp", 1, null);
        arm.on("GET", coll + "/restorePoints/rpName", Answer.json(200, example("RestorePoint_Create.json", 201)));
        RestorePoint rp = cloud.createRestorePoint(MY_VM, "rpcName", "rpName");
        assertTrue(rp.collectionId().endsWith("/restorePointCollections/rpcName"), rp.collectionId());
        assertTrue(rp.pointId().endsWith("/restorePoints/rpName"));
        assertEquals(2, rp.diskRestorePointIds().size(), arm.calls().toString());
        assertTrue(rp.diskRestorePointIds().get(0).contains("/diskRestorePoints/osDisk123_"));
        JsonNode sentCollection = JSON.readTree(arm.calls().get(1).body());
        assertEquals(MY_VM.id(), sentCollection.at("/properties/source/id").asText());
        assertEquals("West US", sentCollection.path("location").asText());
        assertEquals(2, arm.count("GET", OPS + "op-rp"));
    }

    @Test
    void incrementalSnapshotIsCreatedBesideTheDisk() throws Exception {
        String disk = RG_PATH + "/providers/Microsoft.Compute/disks/myDisk";
        arm.on("GET", disk, Answer.json(200, example("Disk_Get.json", 200)));
        arm.on("PUT", RG_PATH + "/providers/Microsoft.Compute/snapshots/snap1",
                Answer.json(200, example("Snapshot_GetIncrementalSnapshot.json", 200)));
        Snapshot snap = cloud.createIncrementalSnapshot(disk, "snap1");
        assertTrue(snap.incremental());
        assertTrue(snap.sourceDiskId().endsWith("/disks/myDisk"));
        JsonNode sent = JSON.readTree(arm.calls().get(1).body());
        assertTrue(sent.at("/properties/incremental").asBoolean());
        assertEquals("Copy", sent.at("/properties/creationData/createOption").asText());
        assertEquals(disk, sent.at("/properties/creationData/sourceResourceId").asText());
        assertEquals("westus", sent.path("location").asText());
        assertTrue(arm.calls().get(1).query().contains("api-version=2024-03-02"));
    }

    @Test
    void growDiskPatchesSizeAndFollowsLocation() throws Exception {
        String disk = RG_PATH + "/providers/Microsoft.Compute/disks/myOsDisk";
        String grown = example("Disk_Get.json", 200).replace("\"diskSizeGB\":10", "\"diskSizeGB\":64");
        arm.on("PATCH", disk, new Answer(202, java.util.Map.of("Location", "{base}" + OPS + "op-disk?monitor=true"), null));
        AtomicInteger polls = new AtomicInteger();
        arm.on("GET", OPS + "op-disk", call -> polls.incrementAndGet() < 2
                ? new Answer(202, java.util.Map.of("Location", "{base}" + OPS + "op-disk?monitor=true"), null)
                : Answer.json(200, grown));
        arm.on("GET", disk, Answer.json(200, grown));
        OsDisk result = cloud.growDisk(disk, 64);
        assertEquals(64, result.sizeGb());
        assertEquals(64, JSON.readTree(arm.calls().get(0).body()).at("/properties/diskSizeGB").asInt());
        assertTrue(polls.get() >= 2, "Location was polled " + polls.get() + " times");
    }

    @Test
    void swapOsDiskPutsTheModelWithTheNewDisk() throws Exception {
        String newDisk = RG_PATH + "/providers/Microsoft.Compute/disks/restoredOs";
        arm.on("GET", VM_PATH, Answer.json(200, example("VirtualMachine_Get.json", 200)));
        arm.on("PUT", VM_PATH, call -> {
            try {
                com.fasterxml.jackson.databind.node.ObjectNode echo =
                        (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(call.body());
                return Answer.json(200, echo.put("id", MY_VM.id()).put("name", "myVM").toString());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Vm vm = cloud.swapOsDisk(MY_VM, newDisk);
        assertEquals(newDisk, vm.osDisk().id());
        JsonNode sent = JSON.readTree(arm.calls().get(1).body());
        assertEquals(newDisk, sent.at("/properties/storageProfile/osDisk/managedDisk/id").asText());
        assertEquals("restoredOs", sent.at("/properties/storageProfile/osDisk/name").asText());
    }
}
