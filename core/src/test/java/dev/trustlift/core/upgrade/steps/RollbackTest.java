package dev.trustlift.core.upgrade.steps;

import static dev.trustlift.core.upgrade.steps.WindowCloud.WIN;
import static dev.trustlift.core.upgrade.steps.WindowCloud.WIN2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.cloud.OsType;
import dev.trustlift.core.cloud.PowerState;
import dev.trustlift.core.cloud.RestorePoint;
import dev.trustlift.core.cloud.SecurityType;
import dev.trustlift.core.journal.CampaignVm;
import dev.trustlift.core.journal.SqliteJournal;
import dev.trustlift.core.journal.VmState;
import dev.trustlift.core.upgrade.StepHarness;
import dev.trustlift.core.upgrade.RunOutcome;
import dev.trustlift.core.upgrade.Campaigns;
import dev.trustlift.core.upgrade.UpgradeNames;
import dev.trustlift.core.upgrade.UpgradeRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rollback --vm: restore and start before Trusted Launch was set, a clear refusal after. */
class RollbackTest {
    @TempDir
    Path dir;
    SqliteJournal journal;
    StepHarness harness;
    WindowCloud cloud;
    Rollback rollback;

    @BeforeEach
    void open() {
        harness = new StepHarness(dir);
        journal = harness.journal();
        cloud = new WindowCloud().addVm(WIN, OsType.WINDOWS, PowerState.RUNNING).addVm(WIN2, OsType.WINDOWS, PowerState.RUNNING);
        cloud.restorePoints.put("trustlift-win01/before-trusted-launch-c-0001", new RestorePoint(RecoveryStepsTest.COLLECTION,
                RecoveryStepsTest.POINT, List.of(RecoveryStepsTest.DISK_POINT)));
        harness.completed(WIN, "protect", null);
        journal.saveVm(harness.row(WIN).withRestorePointId(RecoveryStepsTest.POINT).withState(VmState.FAILED, "guest-convert"));
        harness.addVm(WIN2, dev.trustlift.core.upgrade.VmOptions.defaults());
        rollback = new Rollback(journal, cloud);
    }

    @AfterEach
    void close() {
        journal.close();
    }

    private RunOutcome run(String campaign) throws InterruptedException {
        return new UpgradeRunner(journal, cloud, Rollback.plan(cloud), WindowPlanTest.FAST, Clock.systemUTC(), 1, 1, null)
                .run(campaign);
    }

    @Test
    void beforeTrustedLaunchTheOsDiskIsRestoredAndTheVmStartedInARollbackCampaignOfItsOwn() throws Exception {
        CampaignVm vm = harness.row(WIN);
        Rollback.Decision.Allowed allowed = assertInstanceOf(Rollback.Decision.Allowed.class, rollback.decide(vm));
        assertEquals(RecoveryStepsTest.POINT, allowed.restorePointId());
        String id = Campaigns.createRollback(journal, vm, Clock.systemUTC(), "test").id();
        assertEquals(0, run(id).exitCode());

        String restored = UpgradeNames.restoredDisk(WIN, id);
        assertEquals(restored, cloud.vm(WIN).osDisk().name());
        assertEquals(PowerState.RUNNING, cloud.power.get(WIN.key()));
        assertTrue(cloud.disks.get(WindowCloud.diskId("win01-os").toLowerCase(Locale.ROOT)).tags()
                .containsKey(UpgradeNames.TAG_CONVERTED));
        assertEquals(1, cloud.count("beginRestoreDisk " + restored + " from " + RecoveryStepsTest.DISK_POINT));
        assertEquals(1, cloud.count("findRestorePoint trustlift-win01/before-trusted-launch-c-0001"),
                "the rollback campaign reads the point its row names");
        assertEquals(VmState.UPGRADED, journal.vm(id, WIN.id()).orElseThrow().state(), "the rollback plan ran through");
        assertEquals(VmState.PENDING, harness.row(WIN2).state(), "the upgrade campaign's other VMs are not resumed");
        assertEquals(VmState.FAILED, harness.row(WIN).state(), "the upgrade campaign's record is kept as it was");
    }

    @Test
    void afterTrustedLaunchWasSetRollbackRefusesAndSaysTheVmMustBeRecreated() {
        harness.completed(WIN, SetTrustedLaunchStep.NAME, null);
        Rollback.Decision.Refused refused = assertInstanceOf(Rollback.Decision.Refused.class,
                rollback.decide(harness.row(WIN)));
        assertTrue(refused.reason().contains("must be recreated") && refused.reason().contains("rollback --recreate"),
                refused.reason());
        assertTrue(refused.reason().contains("Linux issue"), refused.reason());
    }

    @Test
    void aVmThatArmShowsTrustedLaunchIsRefusedWhateverTheJournalSays() {
        cloud.setProfile(WIN, SecurityType.TRUSTED_LAUNCH, true, true, "Succeeded");
        assertInstanceOf(Rollback.Decision.Refused.class, rollback.decide(harness.row(WIN)));
    }

    @Test
    void withoutARestorePointThereIsNothingToRollBackTo() {
        cloud.restorePoints.clear();
        CampaignVm win2 = harness.row(WIN2);
        Rollback.Decision.Refused refused = assertInstanceOf(Rollback.Decision.Refused.class, rollback.decide(win2));
        assertTrue(refused.reason().contains("no restore point"), refused.reason());
    }

}
