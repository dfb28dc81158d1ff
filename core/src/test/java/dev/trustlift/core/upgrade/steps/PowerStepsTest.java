package dev.trustlift.core.upgrade.steps;

import static dev.trustlift.core.upgrade.steps.WindowCloud.WIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.cloud.OperationKind;
import dev.trustlift.core.cloud.OsType;
import dev.trustlift.core.cloud.PowerState;
import dev.trustlift.core.journal.SqliteJournal;
import dev.trustlift.core.upgrade.StepHarness;
import dev.trustlift.core.upgrade.RetryPolicy;
import dev.trustlift.core.upgrade.StepResult;
import dev.trustlift.core.upgrade.VmUpgrade;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deallocate, start and start-as-was: power state first, one request, the crash gap, ARM's failures. */
class PowerStepsTest {
    @TempDir
    Path dir;
    SqliteJournal journal;
    StepHarness harness;
    WindowCloud cloud;

    @BeforeEach
    void open() {
        harness = new StepHarness(dir);
        journal = harness.journal();
        cloud = new WindowCloud();
        cloud.clock = harness.clock();
    }

    @AfterEach
    void close() {
        journal.close();
    }

    @Test
    void aDeallocatedVmIsDoneWithoutARequest() {
        cloud.addVm(WIN, OsType.WINDOWS, PowerState.DEALLOCATED);
        StepResult r = new DeallocateStep(cloud).run(harness.begin(WIN, DeallocateStep.NAME));
        assertInstanceOf(StepResult.Done.class, r);
        assertEquals(0, cloud.count("beginDeallocate"));
    }

    @Test
    void aRunningVmIsDeallocatedOnceAndItsDowntimeStartsWithTheRequest() {
        cloud.addVm(WIN, OsType.WINDOWS, PowerState.RUNNING);
        DeallocateStep step = new DeallocateStep(cloud);
        VmUpgrade vm = harness.begin(WIN, DeallocateStep.NAME);
        Instant sent = harness.clock().instant();
        StepResult r = step.run(vm);
        StepResult.Await await = assertInstanceOf(StepResult.Await.class, r);
        assertEquals(OperationKind.DEALLOCATE, await.operation().kind());
        assertEquals(sent, harness.row(WIN).downtimeStart());
        harness.clock().advance(Duration.ofSeconds(30));
        cloud.end(vm, r);
        assertInstanceOf(StepResult.Done.class, step.run(vm));
        assertEquals(1, cloud.count("beginDeallocate"));
        assertEquals(sent, harness.row(WIN).downtimeStart(), "the downtime starts when the request was sent");
        assertEquals(RetryPolicy.DOWNTIME, step.retry());
    }

    @Test
    void aDeallocateAcceptedBeforeACrashIsWaitedForNotSentAgain() {
        cloud.addVm(WIN, OsType.WINDOWS, PowerState.RUNNING);
        new DeallocateStep(cloud).run(harness.begin(WIN, DeallocateStep.NAME));
        // The process died before the runner journaled the operation: a new process sees only the open attempt.
        VmUpgrade resumed = harness.restart(WIN);
        assertTrue(resumed.endedOperation().isEmpty());
        DeallocateStep step = new DeallocateStep(cloud);
        StepResult.Later later = assertInstanceOf(StepResult.Later.class, step.run(resumed));
        assertTrue(later.after().compareTo(Duration.ofSeconds(1)) <= 0, "inside the window it looks again soon: " + later);
        cloud.power.put(WIN.key(), PowerState.DEALLOCATED);
        assertInstanceOf(StepResult.Done.class, step.run(resumed));
        assertEquals(1, cloud.count("beginDeallocate"));
    }

    @Test
    void aDeallocateFoundInProgressStartsTheDowntime() {
        cloud.addVm(WIN, OsType.WINDOWS, PowerState.DEALLOCATING);
        VmUpgrade vm = harness.begin(WIN, DeallocateStep.NAME);
        assertInstanceOf(StepResult.Later.class, new DeallocateStep(cloud).run(vm));
        assertNotNull(harness.row(WIN).downtimeStart());
        assertEquals(0, cloud.count("beginDeallocate"));
    }

    @Test
    void aFailedDeallocateIsRetryableForAConflictAndFinalForABadRequest() {
        cloud.addVm(WIN, OsType.WINDOWS, PowerState.RUNNING);
        cloud.failNextOperation(OperationKind.DEALLOCATE, "Conflict", "another operation is in progress");
        cloud.failNextOperation(OperationKind.DEALLOCATE, "BadRequest", "not allowed now");
        DeallocateStep step = new DeallocateStep(cloud);
        VmUpgrade vm = harness.begin(WIN, DeallocateStep.NAME);
        StepResult r = step.run(vm);
        cloud.power.put(WIN.key(), PowerState.RUNNING);
        cloud.end(vm, r);
        StepResult.Failed conflict = assertInstanceOf(StepResult.Failed.class, step.run(vm));
        assertEquals("Conflict", conflict.code());
        assertTrue(conflict.retryable());
        assertTrue(conflict.message().contains("another operation is in progress"), conflict.message());
        assertEquals(java.util.List.of("poll-req"), conflict.requestIds());
        harness.journalEnd(vm, conflict);

        VmUpgrade next = harness.begin(WIN, DeallocateStep.NAME);
        StepResult again = step.run(next);
        cloud.power.put(WIN.key(), PowerState.RUNNING);
        cloud.end(next, again);
        StepResult.Failed bad = assertInstanceOf(StepResult.Failed.class, step.run(next));
        assertEquals("BadRequest", bad.code());
        assertFalse(bad.retryable());
        assertFalse(bad.diskChanged());
    }

    @Test
    void aVmStuckDeallocatingFailsAfterTheLimit() {
        cloud.addVm(WIN, OsType.WINDOWS, PowerState.DEALLOCATING);
        VmUpgrade vm = harness.begin(WIN, DeallocateStep.NAME);
        DeallocateStep step = new DeallocateStep(cloud);
        assertInstanceOf(StepResult.Later.class, step.run(vm));
        harness.clock().advance(VmPower.TRANSITION_LIMIT.plusSeconds(1));
        StepResult.Failed f = assertInstanceOf(StepResult.Failed.class, step.run(vm));
        assertEquals("PowerStateStuck", f.code());
        assertTrue(f.retryable());
    }

    @Test
    void aRunningVmIsStartedAlreadyAndItsDowntimeEnds() {
        cloud.addVm(WIN, OsType.WINDOWS, PowerState.RUNNING);
        VmUpgrade vm = harness.begin(WIN, StartStep.NAME);
        vm.downtimeStarted();
        harness.clock().advance(Duration.ofSeconds(42));
        assertInstanceOf(StepResult.Done.class, new StartStep(cloud).run(vm));
        assertEquals(0, cloud.count("beginStart"));
        assertEquals(Duration.ofSeconds(42), Duration.between(harness.row(WIN).downtimeStart(), harness.row(WIN).downtimeEnd()));
    }

    @Test
    void aDeallocatedVmIsStartedOnceAndTheDowntimeEndsWhenItRuns() {
        cloud.addVm(WIN, OsType.WINDOWS, PowerState.DEALLOCATED);
        StartStep step = new StartStep(cloud);
        VmUpgrade vm = harness.begin(WIN, StartStep.NAME);
        vm.downtimeStarted();
        StepResult r = step.run(vm);
        assertEquals(OperationKind.START, assertInstanceOf(StepResult.Await.class, r).operation().kind());
        assertNull(harness.row(WIN).downtimeEnd(), "not running yet");
        harness.clock().advance(Duration.ofSeconds(5));
        cloud.end(vm, r);
        assertInstanceOf(StepResult.Done.class, step.run(vm));
        assertEquals(harness.clock().instant(), harness.row(WIN).downtimeEnd());
        assertEquals(1, cloud.count("beginStart"));
    }

    @Test
    void aStartAcceptedBeforeACrashIsWaitedFor() {
        cloud.addVm(WIN, OsType.WINDOWS, PowerState.DEALLOCATED);
        new StartStep(cloud).run(harness.begin(WIN, StartStep.NAME));
        VmUpgrade resumed = harness.restart(WIN);
        StartStep step = new StartStep(cloud);
        assertInstanceOf(StepResult.Later.class, step.run(resumed));
        cloud.power.put(WIN.key(), PowerState.RUNNING);
        assertInstanceOf(StepResult.Done.class, step.run(resumed));
        assertEquals(1, cloud.count("beginStart"));
    }

    @Test
    void aStartThatArmFailsIsRetryableByItsCode() {
        cloud.addVm(WIN, OsType.WINDOWS, PowerState.DEALLOCATED);
        cloud.failNextOperation(OperationKind.START, "AllocationFailed", "no capacity in eastus");
        StartStep step = new StartStep(cloud);
        VmUpgrade vm = harness.begin(WIN, StartStep.NAME);
        StepResult r = step.run(vm);
        cloud.end(vm, r);
        StepResult.Failed f = assertInstanceOf(StepResult.Failed.class, step.run(vm));
        assertEquals("AllocationFailed", f.code());
        assertTrue(f.retryable());
        assertTrue(f.message().contains("no capacity in eastus"), f.message());
        assertNull(harness.row(WIN).downtimeEnd());
    }

    @Test
    void startAsWasStartsTheVmWithTheSameLogic() {
        cloud.addVm(WIN, OsType.WINDOWS, PowerState.DEALLOCATED);
        StartAsWasStep step = new StartAsWasStep(cloud);
        VmUpgrade vm = harness.begin(WIN, StartAsWasStep.NAME);
        vm.downtimeStarted();
        StepResult r = step.run(vm);
        assertInstanceOf(StepResult.Await.class, r);
        cloud.end(vm, r);
        assertInstanceOf(StepResult.Done.class, step.run(vm));
        assertNotNull(harness.row(WIN).downtimeEnd());
        assertEquals("start-as-was", step.name());
        assertEquals(RetryPolicy.DOWNTIME, step.retry());
    }
}
