package dev.trustlift.core.upgrade.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.core.cloud.CloudException;
import dev.trustlift.core.cloud.ConsistencyMode;
import dev.trustlift.core.cloud.OperationState.Status;
import dev.trustlift.core.cloud.OsType;
import dev.trustlift.core.upgrade.StepHarness;
import dev.trustlift.core.upgrade.StepResult;
import dev.trustlift.core.upgrade.UpgradeNames;
import dev.trustlift.core.upgrade.VmOptions;
import dev.trustlift.core.upgrade.VmUpgrade;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProtectStepTest {
    static final String APP = UpgradeNames.restorePoint(StepHarness.CAMPAIGN);
    static final String CRASH = UpgradeNames.crashConsistentRestorePoint(StepHarness.CAMPAIGN);
    static final String COLLECTION = "collection " + UpgradeNames.restorePointCollection(StepCloud.REF);
    @TempDir
    Path dir;
    StepHarness h;
    StepCloud cloud;
    ProtectStep step;
    VmUpgrade vm;

    @BeforeEach
    void setUp() {
        h = new StepHarness(dir);
        cloud = new StepCloud(h.clock(), OsType.WINDOWS, "Windows Server 2019 Datacenter", "10.0.17763.6054");
        step = new ProtectStep(cloud);
        vm = h.vm(StepCloud.REF, VmOptions.defaults());
        h.begin(vm, step);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void anApplicationConsistentPointIsTakenAndItsIdsJournaled() {
        StepResult.Await a = assertInstanceOf(StepResult.Await.class, step.run(vm));
        assertEquals(List.of(COLLECTION, "restorePoint " + APP + " APPLICATION_CONSISTENT"), cloud.writes);
        h.ended(vm, a, Status.SUCCEEDED, null);
        cloud.restorePoints.put(APP, StepCloud.point(APP, "Succeeded", ConsistencyMode.APPLICATION_CONSISTENT));
        ObjectNode d = assertInstanceOf(StepResult.Done.class, step.run(vm)).detail();
        String id = d.get(ProtectStep.RESTORE_POINT_ID).asText();
        assertTrue(id.endsWith("/restorePoints/" + APP), id);
        assertEquals(id + "/diskRestorePoints/os-drp", d.get(ProtectStep.OS_DISK_RESTORE_POINT_ID).asText(),
                "the OS disk's, not a data disk's");
        assertEquals("ApplicationConsistent", d.get("consistency").asText());
        assertFalse(d.get("reused").asBoolean());
        assertEquals(id, vm.restorePointId().orElseThrow(), "the VM row names it for rollback");
        assertEquals(2, cloud.writes.size(), "nothing more after the operation ended");
    }

    @Test
    void aPointThisCampaignTookBeforeIsReusedNeverCreatedTwice() {
        cloud.restorePoints.put(APP, StepCloud.point(APP, "Succeeded", ConsistencyMode.APPLICATION_CONSISTENT));
        ObjectNode d = assertInstanceOf(StepResult.Done.class, step.run(vm)).detail();
        assertTrue(d.get("reused").asBoolean());
        assertEquals(List.of(), cloud.writes);
    }

    @Test
    void aPointStillCreatingIsWaitedForUntilItsLimit() {
        cloud.restorePoints.put(APP, StepCloud.point(APP, "Creating", null));
        assertInstanceOf(StepResult.Later.class, step.run(vm));
        assertEquals(List.of(), cloud.writes);
        h.clock().advance(Duration.ofMinutes(61));
        StepResult.Failed f = assertInstanceOf(StepResult.Failed.class, step.run(vm));
        assertEquals("RestorePointStuck", f.code());
    }

    @Test
    void whenTheAgentCannotTakeAnApplicationConsistentPointACrashConsistentOneIsTaken() {
        cloud.refusals.put("restorePoint APPLICATION_CONSISTENT", new CloudException("VMAgentStatusCommunicationError",
                "VM 'win01' has not reported status for VM agent or extensions.", 409, "req-9", null));
        StepResult.Await a = assertInstanceOf(StepResult.Await.class, step.run(vm));
        assertEquals(ProtectStep.LABEL_CRASH, a.label());
        assertEquals(List.of(COLLECTION, "restorePoint " + CRASH + " CRASH_CONSISTENT"), cloud.writes);
        h.ended(vm, a, Status.SUCCEEDED, null);
        cloud.restorePoints.put(CRASH, StepCloud.point(CRASH, "Succeeded", ConsistencyMode.CRASH_CONSISTENT));
        ObjectNode d = assertInstanceOf(StepResult.Done.class, step.run(vm)).detail();
        assertEquals("CrashConsistent", d.get("consistency").asText());
        assertTrue(d.get("applicationConsistentRefused").asText().startsWith("VMAgentStatusCommunicationError"));
    }

    @Test
    void anApplicationConsistentPointThatFailedIsFollowedByACrashConsistentOneUnderItsOwnName() {
        StepResult a = step.run(vm);
        h.ended(vm, a, Status.FAILED, "VMRestorePointClientError");
        cloud.restorePoints.put(APP, StepCloud.point(APP, "Failed", ConsistencyMode.APPLICATION_CONSISTENT));
        StepResult.Await crash = assertInstanceOf(StepResult.Await.class, step.run(vm));
        assertEquals(ProtectStep.LABEL_CRASH, crash.label());
        assertEquals("restorePoint " + CRASH + " CRASH_CONSISTENT", cloud.writes.get(cloud.writes.size() - 1));
    }

    @Test
    void afterARestartACrashConsistentPointFromBeforeIsReusedAndNoApplicationConsistentOneTried() {
        cloud.restorePoints.put(CRASH, StepCloud.point(CRASH, "Succeeded", ConsistencyMode.CRASH_CONSISTENT));
        VmUpgrade resumed = h.restart(vm, null);
        ObjectNode d = assertInstanceOf(StepResult.Done.class, step.run(resumed)).detail();
        assertEquals("CrashConsistent", d.get("consistency").asText());
        assertEquals(List.of(), cloud.writes, "a second point would be two restore points for one VM");
    }

    @Test
    void aRefusalThatIsNotAboutTheAgentGoesToTheRunnersRetry() {
        cloud.refusals.put("restorePoint APPLICATION_CONSISTENT", new CloudException("OperationNotAllowed",
                "A restore point of this VM is still being created.", 409, "req-10", null));
        assertThrows(CloudException.class, () -> step.run(vm));
        assertFalse(cloud.writes.stream().anyMatch(w -> w.contains("CRASH")), "not a reason for crash consistency");
    }

    @Test
    void aFailedCrashConsistentPointFailsTheStep() {
        cloud.restorePoints.put(APP, StepCloud.point(APP, "Failed", ConsistencyMode.APPLICATION_CONSISTENT));
        cloud.restorePoints.put(CRASH, StepCloud.point(CRASH, "Failed", ConsistencyMode.CRASH_CONSISTENT));
        StepResult.Failed f = assertInstanceOf(StepResult.Failed.class, step.run(vm));
        assertEquals("RestorePointFailed", f.code());
        assertFalse(f.retryable());
        assertEquals(List.of(), cloud.writes);
    }
}
