package dev.trustlift.core.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.cloud.VmRef;
import dev.trustlift.core.journal.AttemptState;
import dev.trustlift.core.journal.Campaign;
import dev.trustlift.core.journal.CampaignState;
import dev.trustlift.core.journal.CampaignVm;
import dev.trustlift.core.journal.Journal;
import dev.trustlift.core.journal.SqliteJournal;
import dev.trustlift.core.journal.StepAttempt;
import dev.trustlift.core.journal.VmState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpgradeRunnerTest {
    static final Timing FAST = new Timing(Duration.ofMillis(5), Duration.ofMillis(1), Duration.ofMillis(50),
            Duration.ofMillis(5), Duration.ofSeconds(5), Duration.ofSeconds(5));
    static final RetryPolicy THREE = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20));
    static final String CAMPAIGN = "tl-test";

    @TempDir
    Path dir;
    Journal journal;
    final ScriptedSteps s = new ScriptedSteps();

    @BeforeEach
    void open() {
        journal = SqliteJournal.open(dir.resolve("j.db"));
        journal.createCampaign(new Campaign(CAMPAIGN, Instant.now(), "{}", "test", CampaignState.RUNNING));
    }

    @AfterEach
    void close() {
        journal.close();
    }

    VmRef addVm(String name) {
        VmRef ref = new VmRef("sub", "rg", name);
        journal.saveVm(CampaignVm.pending(CAMPAIGN, ref.id(), VmOptions.defaults().toJson()));
        return ref;
    }

    UpgradePlan plan(List<Step> steps, Set<String> window, Set<String> recoverable, List<Step> recovery) {
        return new UpgradePlan(steps, window, recoverable, recovery, List.of());
    }

    RunOutcome run(UpgradePlan plan, int maxParallel) throws InterruptedException {
        return new UpgradeRunner(journal, s.cloud(), plan, FAST, Clock.systemUTC(), maxParallel, 2, UpgradeListener.NONE)
                .run(CAMPAIGN);
    }

    List<String> stepsOf(VmRef vm) {
        return journal.attempts(CAMPAIGN, vm.id()).stream().map(a -> a.key().step() + "#" + a.key().attempt() + ":" + a.state())
                .toList();
    }

    @Test
    void stepsRunInOrderAndAnOperationIsJournaledByItsUrlThenPolledToItsEnd() throws InterruptedException {
        VmRef a = addVm("a");
        RunOutcome out = run(plan(List.of(s.done("one"), s.withOperation("two", 3), s.done("three")), Set.of(), Set.of(),
                List.of()), 5);
        assertEquals(0, out.exitCode());
        assertEquals(VmState.UPGRADED, journal.vm(CAMPAIGN, a.id()).orElseThrow().state());
        assertEquals(List.of("one#1:COMPLETED", "two#1:COMPLETED", "three#1:COMPLETED"), stepsOf(a));
        StepAttempt two = journal.attempts(CAMPAIGN, a.id()).get(1);
        assertEquals("https://management.azure.com/op/a/two", two.operationUrl());
        assertEquals("two-op", JournaledOperation.labelOf(two.operationKind()));
        assertEquals(4, s.polls.get(two.operationUrl()).get(), "three answers in progress, then the end");
        assertEquals(2, s.callsOf("a:two"), "called to start the operation, then once more after it ended");
        assertEquals(CampaignState.FINISHED, journal.campaign(CAMPAIGN).orElseThrow().state());
    }

    @Test
    void aRetryableFailureIsTriedAgainWithinThePolicyAndEachTryIsItsOwnAttempt() throws InterruptedException {
        VmRef a = addVm("a");
        AtomicInteger calls = new AtomicInteger();
        Step flaky = s.step("flaky", THREE, vm -> calls.incrementAndGet() < 3
                ? StepResult.retryable("Conflict", "busy") : StepResult.done());
        run(plan(List.of(flaky), Set.of(), Set.of(), List.of()), 5);
        assertEquals(List.of("flaky#1:FAILED", "flaky#2:FAILED", "flaky#3:COMPLETED"), stepsOf(a));
        assertEquals("Conflict", journal.attempts(CAMPAIGN, a.id()).get(0).errorCode());
    }

    @Test
    void giveUpOutsideTheWindowEndsFailedWithoutRecoveryAndExitThree() throws InterruptedException {
        VmRef a = addVm("a");
        Step broken = s.step("probe", THREE, vm -> StepResult.failed("Nope", "no"));
        RunOutcome out = run(plan(List.of(broken, s.done("convert")), Set.of("convert"), Set.of("convert"),
                List.of(s.done("restore"))), 5);
        assertEquals(3, out.exitCode());
        assertEquals(VmState.FAILED, journal.vm(CAMPAIGN, a.id()).orElseThrow().state());
        assertEquals(List.of("probe#1:FAILED"), stepsOf(a), "not retryable: one attempt, and no recovery outside the window");
    }

    @Test
    void aRecoverableWindowStepThatGivesUpRunsTheRecoveryAndTheVmEndsFailed() throws InterruptedException {
        VmRef a = addVm("a");
        Step tl = s.step("set-tl", THREE, vm -> StepResult.retryable("InternalServerError", "500"));
        RunOutcome out = run(plan(List.of(s.done("convert"), tl, s.done("start")), Set.of("convert", "set-tl", "start"),
                Set.of("set-tl"), List.of(s.done("restore"), s.done("start-as-was"))), 5);
        assertEquals(3, out.exitCode());
        assertEquals(VmState.FAILED, journal.vm(CAMPAIGN, a.id()).orElseThrow().state());
        assertEquals(List.of("convert#1:COMPLETED", "set-tl#1:FAILED", "set-tl#2:FAILED", "set-tl#3:FAILED",
                "restore#1:COMPLETED", "start-as-was#1:COMPLETED"), stepsOf(a));
        assertEquals(0, s.callsOf("a:start"));
    }

    @Test
    void aFailureThatChangedTheDiskRecoversEvenFromAStepNotMarkedRecoverable() throws InterruptedException {
        VmRef a = addVm("a");
        Step convert = s.step("convert", RetryPolicy.ONCE, vm -> new StepResult.Failed("Mbr2GptFailed", "exit 6", false,
                true, null, List.of()));
        run(plan(List.of(convert, s.done("start")), Set.of("convert", "start"), Set.of(), List.of(s.done("restore"))), 5);
        assertEquals(List.of("convert#1:FAILED", "restore#1:COMPLETED"), stepsOf(a));
    }

    @Test
    void finishBlockedStopsTheVmWhereItIs() throws InterruptedException {
        VmRef a = addVm("a");
        VmRef b = addVm("b");
        Step assess = s.step("assess", vm -> vm.ref().name().equals("a")
                ? new StepResult.Finish(VmState.BLOCKED, "TL030", null) : StepResult.done());
        RunOutcome out = run(plan(List.of(assess, s.done("convert")), Set.of(), Set.of(), List.of()), 5);
        assertEquals(VmState.BLOCKED, journal.vm(CAMPAIGN, a.id()).orElseThrow().state());
        assertEquals(VmState.UPGRADED, journal.vm(CAMPAIGN, b.id()).orElseThrow().state());
        assertEquals(0, s.callsOf("a:convert"));
        assertEquals(3, out.exitCode());
        assertEquals(1, out.count(VmState.BLOCKED));
    }

    @Test
    void resumeReattachesToAJournaledOperationInsteadOfStartingItAgain() throws InterruptedException {
        VmRef a = addVm("a");
        String url = "https://management.azure.com/op/a/deallocate";
        StepAttempt open = journal.startAttempt(CAMPAIGN, a.id(), "deallocate", Instant.now());
        VmUpgrade probe = new VmUpgrade(journal, journal.vm(CAMPAIGN, a.id()).orElseThrow(), Clock.systemUTC(), FAST);
        journal.recordOperation(open.key(), url, new JournaledOperation("deallocate-op", ScriptedSteps.handle(probe, url))
                .kindJson(), List.of("req-1"));
        s.pollsBeforeEnd.put(url, 2);
        AtomicInteger starts = new AtomicInteger();
        Step deallocate = s.step("deallocate", vm -> {
            if (vm.endedOperation().isPresent()) {
                return StepResult.done();
            }
            starts.incrementAndGet();
            return new StepResult.Await("deallocate-op", ScriptedSteps.handle(vm, url + "/again"));
        });
        run(plan(List.of(deallocate, s.done("start")), Set.of(), Set.of(), List.of()), 5);
        assertEquals(0, starts.get(), "the operation accepted before the crash is polled, not sent again");
        assertEquals(3, s.polls.get(url).get());
        assertEquals(List.of("deallocate#1:COMPLETED", "start#1:COMPLETED"), stepsOf(a));
    }

    @Test
    void resumeAfterACompletedStepContinuesWithTheNextAndAFailedLastAttemptIsDecidedAgain() throws InterruptedException {
        VmRef a = addVm("a");
        StepAttempt one = journal.startAttempt(CAMPAIGN, a.id(), "one", Instant.now());
        journal.completeAttempt(one.key(), Instant.now(), List.of(), "{\"diskNumber\":0}");
        StepAttempt two = journal.startAttempt(CAMPAIGN, a.id(), "two", Instant.now());
        journal.failAttempt(two.key(), Instant.now(), List.of(), "Conflict", "busy", null);
        Step second = s.step("two", THREE, vm -> StepResult.done(
                VmUpgrade.mapper().createObjectNode().put("sawDisk", vm.detailOf("one").orElseThrow().path("diskNumber").asInt())));
        run(plan(List.of(s.done("one"), second), Set.of(), Set.of(), List.of()), 5);
        assertEquals(0, s.callsOf("a:one"));
        assertEquals(List.of("one#1:COMPLETED", "two#1:FAILED", "two#2:COMPLETED"), stepsOf(a));
        assertEquals("{\"sawDisk\":0}", journal.attempts(CAMPAIGN, a.id()).get(2).detailJson());
    }

    @Test
    void aStopParksVmsBeforeTheWindowButFinishesAWindowAlreadyStarted() throws Exception {
        VmRef inWindow = addVm("w");
        VmRef before = addVm("b");
        UpgradeRunner[] runner = new UpgradeRunner[1];
        Step gate = s.step("probe", vm -> {
            if (vm.ref().name().equals("w")) {
                return StepResult.done();
            }
            runner[0].stop();
            return new StepResult.Later(Duration.ofMillis(5), "waiting");
        });
        Step convert = s.step("convert", vm -> {
            runner[0].stop();
            return StepResult.done();
        });
        UpgradePlan plan = plan(List.of(gate, convert, s.withOperation("deallocate", 2), s.done("start"), s.done("verify")),
                Set.of("convert", "deallocate", "start"), Set.of(), List.of());
        runner[0] = new UpgradeRunner(journal, s.cloud(), plan, FAST, Clock.systemUTC(), 5, 2, UpgradeListener.NONE);
        RunOutcome out = runner[0].run(CAMPAIGN);
        assertEquals(5, out.exitCode());
        assertEquals(CampaignState.INTERRUPTED, journal.campaign(CAMPAIGN).orElseThrow().state());
        List<String> w = stepsOf(inWindow);
        if (w.contains("convert#1:COMPLETED")) {
            assertTrue(w.contains("start#1:COMPLETED"), "a started window is finished before the stop: " + w);
            assertTrue(!w.contains("verify#1:COMPLETED"), "and the VM parks right after it: " + w);
        }
        assertEquals(List.of("probe#1:STARTED"), stepsOf(before), "parked inside a step before the window, left open for resume");
        assertEquals(VmState.IN_PROGRESS, journal.vm(CAMPAIGN, before.id()).orElseThrow().state());

        RunOutcome resumed = new UpgradeRunner(journal, s.cloud(), plan(List.of(s.done("probe"), s.done("convert"),
                s.withOperation("deallocate", 0), s.done("start"), s.done("verify")), Set.of("convert", "deallocate", "start"),
                Set.of(), List.of()), FAST, Clock.systemUTC(), 5, 2, UpgradeListener.NONE).run(CAMPAIGN);
        assertEquals(0, resumed.exitCode());
        assertEquals(List.of("probe#1:COMPLETED", "convert#1:COMPLETED", "deallocate#1:COMPLETED", "start#1:COMPLETED",
                "verify#1:COMPLETED"), stepsOf(before), "the open probe attempt was re-run, not a second one started");
    }

    @Test
    void aDetourRunsOnceBeforeTheFailedStepIsTriedAgain() throws InterruptedException {
        VmRef a = addVm("a");
        AtomicInteger tries = new AtomicInteger();
        Step tl = s.step("set-tl", THREE, vm -> tries.incrementAndGet() == 1
                ? StepResult.failed("SubscriptionNotRegisteredForFeature", "register it") : StepResult.done());
        UpgradePlan plan = new UpgradePlan(List.of(tl), Set.of("set-tl"), Set.of(), List.of(),
                List.of(new UpgradePlan.Detour("set-tl", "SubscriptionNotRegisteredForFeature", s.done("register-feature"))));
        run(plan, 5);
        assertEquals(List.of("set-tl#1:FAILED", "register-feature#1:COMPLETED", "set-tl#2:COMPLETED"), stepsOf(a));
    }

    @Test
    void aBugInAStepIsJournaledWhereItHappenedAndExitsOne() throws InterruptedException {
        VmRef a = addVm("a");
        Step buggy = s.step("buggy", vm -> {
            throw new IllegalStateException("boom");
        });
        RunOutcome out = run(plan(List.of(buggy), Set.of(), Set.of(), List.of()), 5);
        assertEquals(1, out.exitCode());
        StepAttempt failed = journal.attempts(CAMPAIGN, a.id()).get(0);
        assertEquals(AttemptState.FAILED, failed.state());
        assertEquals("ToolError", failed.errorCode());
        assertTrue(failed.errorMessage().contains("boom") && failed.errorMessage().contains("UpgradeRunnerTest"), failed.errorMessage());
    }

    @Test
    void maxParallelBoundsTheVmsInFlight() throws InterruptedException {
        for (int i = 0; i < 12; i++) {
            addVm("vm" + i);
        }
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        Step enter = s.step("enter", vm -> {
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            return StepResult.done();
        });
        Step leave = s.step("leave", vm -> {
            inFlight.decrementAndGet();
            return StepResult.done();
        });
        RunOutcome out = run(plan(List.of(enter, s.withOperation("wait", 3), leave), Set.of(), Set.of(), List.of()), 3);
        assertEquals(12, out.count(VmState.UPGRADED));
        assertTrue(peak.get() <= 3 && peak.get() >= 2, "peak in flight " + peak.get());
        assertNull(journal.openAttempts(CAMPAIGN).stream().findFirst().orElse(null));
    }

    @Test
    void cleanupRunsForEveryFinalStateAndItsFailureChangesNothing() throws InterruptedException {
        VmRef blocked = addVm("blocked");
        VmRef upgraded = addVm("upgraded");
        Step assess = s.step("assess", vm -> vm.ref().name().equals("blocked")
                ? new StepResult.Finish(VmState.BLOCKED, "TL030", null) : StepResult.done());
        Step cleanup = s.step("done", RetryPolicy.ONCE, vm -> vm.ref().name().equals("upgraded")
                ? StepResult.failed("ScopeLocked", "a lock") : StepResult.done());
        RunOutcome out = run(new UpgradePlan(List.of(assess, s.done("convert")), Set.of(), Set.of(), List.of(), List.of(),
                List.of(cleanup)), 5);
        assertEquals(VmState.BLOCKED, journal.vm(CAMPAIGN, blocked.id()).orElseThrow().state());
        assertEquals(VmState.UPGRADED, journal.vm(CAMPAIGN, upgraded.id()).orElseThrow().state());
        assertEquals("assess", journal.vm(CAMPAIGN, blocked.id()).orElseThrow().currentStep(), "the step that decided stays named");
        assertEquals(List.of("assess#1:COMPLETED", "done#1:COMPLETED"), stepsOf(blocked));
        assertEquals(List.of("assess#1:COMPLETED", "convert#1:COMPLETED", "done#1:FAILED"), stepsOf(upgraded));
        assertEquals(1, out.count(VmState.UPGRADED));
    }

    @Test
    void aRecoveryStepThatGivesUpStillStartsTheVmWithTheLastRecoveryStep() throws InterruptedException {
        VmRef a = addVm("a");
        Step tl = s.step("set-tl", RetryPolicy.ONCE, vm -> StepResult.failed("BadRequest", "refused"));
        Step restore = s.step("restore", RetryPolicy.ONCE, vm -> StepResult.failed("TrustedLaunchSet", "cannot swap"));
        run(plan(List.of(s.done("convert"), tl), Set.of("convert", "set-tl"), Set.of("set-tl"),
                List.of(restore, s.done("start-as-was"))), 5);
        assertEquals(VmState.FAILED, journal.vm(CAMPAIGN, a.id()).orElseThrow().state());
        assertEquals(List.of("convert#1:COMPLETED", "set-tl#1:FAILED", "restore#1:FAILED", "start-as-was#1:COMPLETED"), stepsOf(a));
    }
}
