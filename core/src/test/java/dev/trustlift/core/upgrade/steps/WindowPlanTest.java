package dev.trustlift.core.upgrade.steps;

import static dev.trustlift.core.upgrade.steps.WindowCloud.WIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.cloud.CloudException;
import dev.trustlift.core.cloud.ManagedRunCommand;
import dev.trustlift.core.cloud.OperationKind;
import dev.trustlift.core.cloud.OsType;
import dev.trustlift.core.cloud.PowerState;
import dev.trustlift.core.cloud.RestorePoint;
import dev.trustlift.core.cloud.RunCommandView;
import dev.trustlift.core.cloud.SecurityType;
import dev.trustlift.core.journal.AttemptState;
import dev.trustlift.core.journal.CampaignVm;
import dev.trustlift.core.journal.SqliteJournal;
import dev.trustlift.core.journal.StepAttempt;
import dev.trustlift.core.journal.VmState;
import dev.trustlift.core.upgrade.StepHarness;
import dev.trustlift.core.upgrade.RunOutcome;
import dev.trustlift.core.upgrade.Step;
import dev.trustlift.core.upgrade.StepResult;
import dev.trustlift.core.upgrade.VmUpgrade;
import dev.trustlift.core.upgrade.Timing;
import dev.trustlift.core.upgrade.UpgradeNames;
import dev.trustlift.core.upgrade.UpgradePlan;
import dev.trustlift.core.upgrade.UpgradeRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window and recovery steps wired as the report recommends for StandardPlan, run by the real
 * runner over a fake cloud: the feature detour, Trusted Launch refused for good (disk restored, VM
 * running as it was), a failed conversion with and without a changed disk.
 */
class WindowPlanTest {
    static final String COLLECTION = RecoveryStepsTest.COLLECTION;
    static final Timing FAST = new Timing(Duration.ofMillis(5), Duration.ofMillis(1), Duration.ofMillis(20),
            Duration.ofMillis(5), Duration.ofSeconds(2), Duration.ofSeconds(5));

    @TempDir
    Path dir;
    SqliteJournal journal;
    WindowCloud cloud;
    int mbr2gptExit = 0;

    /** The window of StandardPlan: guest-convert .. start, its recoverable steps, its recovery and its detour. */
    static UpgradePlan windowPlan(WindowCloud cloud) {
        List<Step> steps = List.of(recorded("guest-probe", "{\"diskNumber\": 0}"),
                recorded("protect", "{\"restorePointId\": \"" + RecoveryStepsTest.POINT + "\"}"), new GuestConvertStep(cloud), new DeallocateStep(cloud), new SetTrustedLaunchStep(cloud),
                new VerifyProfileStep(cloud), new StartStep(cloud));
        return new UpgradePlan(steps, Set.of(GuestConvertStep.NAME, DeallocateStep.NAME, SetTrustedLaunchStep.NAME,
                VerifyProfileStep.NAME, StartStep.NAME),
                Set.of(DeallocateStep.NAME, SetTrustedLaunchStep.NAME, VerifyProfileStep.NAME),
                List.of(new RestoreOsDiskStep(cloud), new StartAsWasStep(cloud)),
                List.of(new UpgradePlan.Detour(SetTrustedLaunchStep.NAME, ArmCodes.FEATURE_NOT_REGISTERED,
                        new RegisterFeatureStep(cloud))));
    }

    /** A step before the window, standing in for guest-probe and protect: it journals what they would. */
    static Step recorded(String name, String detailJson) {
        return new Step() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public StepResult run(VmUpgrade vm) {
                try {
                    return StepResult.done((com.fasterxml.jackson.databind.node.ObjectNode)
                            new com.fasterxml.jackson.databind.ObjectMapper().readTree(detailJson));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
    }

    @BeforeEach
    void open() {
        StepHarness harness = new StepHarness(dir);
        journal = harness.journal();
        harness.addVm(WIN, dev.trustlift.core.upgrade.VmOptions.defaults());
        cloud = new WindowCloud().addVm(WIN, OsType.WINDOWS, PowerState.RUNNING);
        cloud.restorePoints.put("trustlift-win01/before-trusted-launch-c-0001", new RestorePoint(COLLECTION,
                RecoveryStepsTest.POINT, List.of(RecoveryStepsTest.DISK_POINT)));
        cloud.guest = this::guest;
    }

    @AfterEach
    void close() {
        journal.close();
    }

    private RunCommandView guest(ManagedRunCommand c) {
        String out = c.script().get(0).startsWith("# fetch-log.ps1") ? "== Length ==\n1\n== Offset ==\n0\n== Base64 ==\nQQ==\n"
                : "== MBR2GPT.exe /convert ==\nMBR2GPT: Attempting to convert disk 0\n== $LASTEXITCODE ==\n" + mbr2gptExit + "\n";
        return cloud.view(c.script().get(0).startsWith("# fetch-log.ps1") ? 0 : mbr2gptExit, out, "");
    }

    private RunOutcome run() throws InterruptedException {
        return new UpgradeRunner(journal, cloud, windowPlan(cloud), FAST, Clock.systemUTC(), 1, 1, null)
                .run(StepHarness.CAMPAIGN);
    }

    private CampaignVm row() {
        return journal.vm(StepHarness.CAMPAIGN, WIN.id()).orElseThrow();
    }

    private List<String> steps(AttemptState state) {
        return journal.attempts(StepHarness.CAMPAIGN, WIN.id()).stream().filter(a -> a.state() == state)
                .map(a -> a.key().step()).toList();
    }

    @Test
    void theWindowRunsThroughAndTheDowntimeIsMeasured() throws Exception {
        RunOutcome outcome = run();
        assertEquals(0, outcome.exitCode(), outcome.toString());
        assertEquals(VmState.UPGRADED, row().state());
        assertEquals(SecurityType.TRUSTED_LAUNCH, cloud.vm(WIN).securityType());
        assertEquals(PowerState.RUNNING, cloud.power.get(WIN.key()));
        assertNotNull(row().downtimeStart());
        assertFalse(row().downtimeEnd().isBefore(row().downtimeStart()));
        assertEquals(0, cloud.count("beginRestoreDisk"));
    }

    @Test
    void anUnregisteredFeatureDetoursThroughRegisterFeatureAndTheChangeIsRetried() throws Exception {
        cloud.registersAtOnce = true;
        cloud.throwNext("beginSetSecurityProfile", new CloudException("SubscriptionNotRegisteredForFeature",
                ProfileStepsTest.REFUSAL, 400, "req-refused", null));
        assertEquals(0, run().exitCode());
        assertEquals(VmState.UPGRADED, row().state());
        assertEquals(List.of(SetTrustedLaunchStep.NAME), steps(AttemptState.FAILED));
        assertTrue(steps(AttemptState.COMPLETED).contains(RegisterFeatureStep.NAME));
        StepAttempt refused = journal.attempts(StepHarness.CAMPAIGN, WIN.id()).stream()
                .filter(a -> a.state() == AttemptState.FAILED).findFirst().orElseThrow();
        assertEquals("SubscriptionNotRegisteredForFeature", refused.errorCode());
        assertEquals(1, cloud.count("registerFeature Microsoft.Compute/Gen1ToTLMigrationPreview"));
        assertEquals(1, cloud.count("registerResourceProvider Microsoft.Compute"));
        assertEquals(2, cloud.count("beginSetSecurityProfile"));
    }

    @Test
    void trustedLaunchRefusedForGoodRestoresTheDiskAndStartsTheVmAsItWas() throws Exception {
        cloud.failNextOperation(OperationKind.SET_SECURITY_PROFILE, "InvalidParameter",
                "Use of TrustedLaunch setting is not supported for the provided image.");
        RunOutcome outcome = run();
        assertEquals(3, outcome.exitCode());
        assertEquals(VmState.FAILED, row().state());
        assertEquals(SecurityType.STANDARD, cloud.vm(WIN).securityType());
        assertEquals(PowerState.RUNNING, cloud.power.get(WIN.key()), "running as it was");
        String restored = UpgradeNames.restoredDisk(WIN, StepHarness.CAMPAIGN);
        assertEquals(restored, cloud.vm(WIN).osDisk().name());
        assertTrue(cloud.disks.get(WindowCloud.diskId("win01-os").toLowerCase(Locale.ROOT)).tags()
                .containsKey(UpgradeNames.TAG_CONVERTED), "the converted disk is kept and tagged");
        assertEquals(List.of(RestoreOsDiskStep.NAME, StartAsWasStep.NAME), steps(AttemptState.COMPLETED).subList(
                steps(AttemptState.COMPLETED).size() - 2, steps(AttemptState.COMPLETED).size()));
        assertNotNull(row().downtimeEnd());
    }

    @Test
    void aConversionThatChangedTheDiskIsRestored() throws Exception {
        mbr2gptExit = 9;
        assertEquals(3, run().exitCode());
        assertEquals(VmState.FAILED, row().state());
        assertEquals(UpgradeNames.restoredDisk(WIN, StepHarness.CAMPAIGN), cloud.vm(WIN).osDisk().name());
        assertEquals(PowerState.RUNNING, cloud.power.get(WIN.key()));
        assertEquals(0, cloud.count("beginSetSecurityProfile"));
    }

    @Test
    void aConversionThatDidNotTouchTheDiskLeavesTheVmRunningUntouched() throws Exception {
        mbr2gptExit = 7;
        assertEquals(3, run().exitCode());
        assertEquals(VmState.FAILED, row().state());
        assertEquals("win01-os", cloud.vm(WIN).osDisk().name());
        assertEquals(0, cloud.count("beginDeallocate"));
        assertEquals(PowerState.RUNNING, cloud.power.get(WIN.key()));
    }
}
