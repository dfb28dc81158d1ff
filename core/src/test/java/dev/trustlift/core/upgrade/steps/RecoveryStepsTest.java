package dev.trustlift.core.upgrade.steps;

import static dev.trustlift.core.upgrade.steps.WindowCloud.WIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.cloud.OperationKind;
import dev.trustlift.core.cloud.OsType;
import dev.trustlift.core.cloud.PowerState;
import dev.trustlift.core.cloud.RestorePoint;
import dev.trustlift.core.cloud.SecurityType;
import dev.trustlift.core.journal.SqliteJournal;
import dev.trustlift.core.upgrade.StepHarness;
import dev.trustlift.core.upgrade.StepResult;
import dev.trustlift.core.upgrade.UpgradeNames;
import dev.trustlift.core.upgrade.VmUpgrade;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** restore-os-disk: deallocate, restore from the OS disk restore point, tag the converted disk, swap; each once. */
class RecoveryStepsTest {
    static final String COLLECTION = "/subscriptions/" + WindowCloud.SUB
            + "/resourceGroups/rg-app/providers/Microsoft.Compute/restorePointCollections/trustlift-win01";
    static final String POINT = COLLECTION + "/restorePoints/before-trusted-launch-c-0001";
    static final String DISK_POINT = POINT + "/diskRestorePoints/win01-os-drp";

    @TempDir
    Path dir;
    SqliteJournal journal;
    StepHarness harness;
    WindowCloud cloud;
    final String restored = UpgradeNames.restoredDisk(WIN, StepHarness.CAMPAIGN);

    @BeforeEach
    void open() {
        harness = new StepHarness(dir);
        journal = harness.journal();
        cloud = new WindowCloud().addVm(WIN, OsType.WINDOWS, PowerState.RUNNING);
        cloud.clock = harness.clock();
        cloud.restorePoints.put("trustlift-win01/before-trusted-launch-c-0001", new RestorePoint(COLLECTION, POINT,
                List.of(DISK_POINT)));
    }

    @AfterEach
    void close() {
        journal.close();
    }

    private StepResult drive(RestoreOsDiskStep step, VmUpgrade vm, List<String> labels) {
        StepResult r = step.run(vm);
        for (int i = 0; i < 10 && r instanceof StepResult.Await a; i++) {
            labels.add(a.label());
            cloud.end(vm, r);
            r = step.run(vm);
        }
        return r;
    }

    @Test
    void theOsDiskIsRestoredFromProtectsDiskRestorePointAndTheConvertedDiskKeptTagged() {
        harness.completed(WIN, "protect", "{\"restorePointId\": \"" + POINT + "\", \"osDiskRestorePointId\": \"" + DISK_POINT
                + "\"}");
        VmUpgrade vm = harness.begin(WIN, RestoreOsDiskStep.NAME);
        List<String> labels = new ArrayList<>();
        StepResult.Done done = assertInstanceOf(StepResult.Done.class, drive(new RestoreOsDiskStep(cloud), vm, labels));
        assertEquals(List.of("deallocate", "restore-disk", "tag-converted-disk", "swap-os-disk"), labels);
        assertEquals(WindowCloud.diskId(restored), cloud.vm(WIN).osDisk().id());
        assertEquals(WindowCloud.diskId(restored), done.detail().path("restoredDisk").asText());
        assertEquals(1, cloud.count("beginRestoreDisk " + restored + " from " + DISK_POINT + " tags {trustlift-campaign=c-0001}"),
                cloud.calls.toString());
        var converted = cloud.disks.get(WindowCloud.diskId("win01-os").toLowerCase(Locale.ROOT));
        assertEquals(StepHarness.CAMPAIGN, converted.tags().get(UpgradeNames.TAG_CAMPAIGN));
        assertTrue(converted.tags().containsKey(UpgradeNames.TAG_CONVERTED));
        assertEquals(0, cloud.count("findRestorePoint"), "protect's detail named the disk restore point");
        assertNotNull(harness.row(WIN).downtimeStart());
        assertEquals(PowerState.DEALLOCATED, cloud.power.get(WIN.key()), "start-as-was starts it");
    }

    @Test
    void withoutProtectsDetailTheRestorePointIsFoundByItsName() {
        List<String> labels = new ArrayList<>();
        assertInstanceOf(StepResult.Done.class, drive(new RestoreOsDiskStep(cloud), harness.begin(WIN, RestoreOsDiskStep.NAME),
                labels));
        assertEquals(1, cloud.count("findRestorePoint trustlift-win01/before-trusted-launch-c-0001"));
        assertEquals(1, cloud.count("beginRestoreDisk " + restored + " from " + DISK_POINT));
    }

    @Test
    void aVmAlreadyOnTheRestoredDiskIsDone() {
        cloud.setOsDisk(WIN, WindowCloud.diskId(restored));
        assertInstanceOf(StepResult.Done.class, new RestoreOsDiskStep(cloud).run(harness.begin(WIN, RestoreOsDiskStep.NAME)));
        assertEquals(List.of("getVm win01"), cloud.calls);
    }

    @Test
    void eachOperationAcceptedBeforeACrashIsFoundNotSentAgain() {
        RestoreOsDiskStep step = new RestoreOsDiskStep(cloud);
        VmUpgrade vm = harness.begin(WIN, RestoreOsDiskStep.NAME);
        cloud.end(vm, step.run(vm)); // deallocated
        StepResult restore = step.run(vm);
        assertEquals("restore-disk", ((StepResult.Await) restore).label());
        cloud.finish(((StepResult.Await) restore).operation()); // ARM created the disk; the journal never knew
        VmUpgrade resumed = harness.restart(WIN);
        StepResult tag = step.run(resumed);
        assertEquals("tag-converted-disk", ((StepResult.Await) tag).label());
        cloud.finish(((StepResult.Await) tag).operation());
        VmUpgrade again = harness.restart(WIN);
        StepResult swap = step.run(again);
        assertEquals("swap-os-disk", ((StepResult.Await) swap).label());
        cloud.finish(((StepResult.Await) swap).operation());
        assertInstanceOf(StepResult.Done.class, step.run(harness.restart(WIN)));
        assertEquals(1, cloud.count("beginRestoreDisk"));
        assertEquals(1, cloud.count("beginTagDisk"));
        assertEquals(1, cloud.count("beginSwapOsDisk"));
        assertEquals(1, cloud.count("beginDeallocate"));
    }

    @Test
    void aTrustedLaunchVmCannotTakeAGen1DiskBack() {
        cloud.setProfile(WIN, SecurityType.TRUSTED_LAUNCH, true, true, "Succeeded");
        StepResult.Failed f = assertInstanceOf(StepResult.Failed.class,
                new RestoreOsDiskStep(cloud).run(harness.begin(WIN, RestoreOsDiskStep.NAME)));
        assertEquals("TrustedLaunchSet", f.code());
        assertFalse(f.retryable());
        assertEquals("Trusted Launch is set: rollback needs the VM recreated (issue 10 adds rollback --recreate)", f.message());
        assertEquals(0, cloud.count("beginDeallocate") + cloud.count("beginRestoreDisk") + cloud.count("beginSwapOsDisk"));
    }

    @Test
    void noRestorePointNoRestore() {
        cloud.restorePoints.clear();
        cloud.power.put(WIN.key(), PowerState.DEALLOCATED);
        StepResult.Failed f = assertInstanceOf(StepResult.Failed.class,
                new RestoreOsDiskStep(cloud).run(harness.begin(WIN, RestoreOsDiskStep.NAME)));
        assertEquals("RestorePointNotFound", f.code());
        assertEquals(0, cloud.count("beginRestoreDisk"));
    }

    @Test
    void aFailedSwapIsRetryableByArmsCode() {
        cloud.failNextOperation(OperationKind.SWAP_OS_DISK, "Conflict", "the VM is being updated");
        List<String> labels = new ArrayList<>();
        StepResult.Failed f = assertInstanceOf(StepResult.Failed.class, drive(new RestoreOsDiskStep(cloud),
                harness.begin(WIN, RestoreOsDiskStep.NAME), labels));
        assertEquals("swap-os-disk", labels.get(labels.size() - 1));
        assertEquals("Conflict", f.code());
        assertTrue(f.retryable());
    }
}
