package dev.trustlift.core.upgrade;

import dev.trustlift.core.cloud.OperationState;
import dev.trustlift.core.cloud.VmRef;
import dev.trustlift.core.journal.Campaign;
import dev.trustlift.core.journal.CampaignState;
import dev.trustlift.core.journal.CampaignVm;
import dev.trustlift.core.journal.Journal;
import dev.trustlift.core.journal.StepAttempt;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Calls one step the way the runner does, without the runner: a STARTED attempt in a real
 * journal, the operation it started ended with a chosen state, and a "new process" that re-attaches
 * to the open attempt with empty scratch and memo (the crash of a step test).
 */
public final class AttemptHarness {
    public static final String CAMPAIGN = "c1";

    private final Journal journal;
    private final TestClock clock = new TestClock(Instant.parse("2026-12-08T03:00:00Z"));
    private final Timing timing = Timing.defaults().withGuestTimeout(Duration.ofSeconds(20));

    public AttemptHarness(Journal journal) {
        this.journal = journal;
        if (journal.campaign(CAMPAIGN).isEmpty()) {
            journal.createCampaign(new Campaign(CAMPAIGN, clock.instant(), "{}", "test", CampaignState.RUNNING));
        }
    }

    public Journal journal() {
        return journal;
    }

    public TestClock clock() {
        return clock;
    }

    public Timing timing() {
        return timing;
    }

    /** Adds the VM to the campaign (once) with these options. */
    public void addVm(VmRef vm, VmOptions options) {
        if (journal.vm(CAMPAIGN, vm.id()).isEmpty()) {
            journal.saveVm(CampaignVm.pending(CAMPAIGN, vm.id(), options.toJson()));
        }
    }

    /** An earlier step of the VM, journaled COMPLETED with this detail (null: none). */
    public void completed(VmRef vm, String step, String detailJson) {
        addVm(vm, VmOptions.defaults());
        StepAttempt a = journal.startAttempt(CAMPAIGN, vm.id(), step, clock.instant());
        journal.completeAttempt(a.key(), clock.instant(), List.of(), detailJson);
    }

    /** A new attempt of {@code step}, as the runner starts it. */
    public VmUpgrade begin(VmRef vm, String step) {
        addVm(vm, VmOptions.defaults());
        StepAttempt a = journal.startAttempt(CAMPAIGN, vm.id(), step, clock.instant());
        VmUpgrade u = new VmUpgrade(journal, journal.vm(CAMPAIGN, vm.id()).orElseThrow(), clock, timing);
        u.beginAttempt(a);
        return u;
    }

    /** Journals the end of the VM's current attempt as the runner does (Done -> COMPLETED, Failed -> FAILED). */
    public void journalEnd(VmUpgrade vm, StepResult result) {
        if (result instanceof StepResult.Failed f) {
            journal.failAttempt(vm.attempt().key(), clock.instant(), f.requestIds(), f.code(), f.message(),
                    f.detail() == null ? null : f.detail().toString());
        } else if (result instanceof StepResult.Done d) {
            journal.completeAttempt(vm.attempt().key(), clock.instant(), d.requestIds(),
                    d.detail() == null ? null : d.detail().toString());
        } else {
            throw new IllegalArgumentException("only Done and Failed end an attempt: " + result);
        }
        vm.stepFinished();
    }

    /** A new process after a crash: the VM's row as journaled, its open attempt re-attached, scratch and memo empty. */
    public VmUpgrade restart(VmRef vm) {
        List<StepAttempt> all = journal.attempts(CAMPAIGN, vm.id());
        StepAttempt last = all.get(all.size() - 1);
        VmUpgrade u = new VmUpgrade(journal, journal.vm(CAMPAIGN, vm.id()).orElseThrow(), clock, timing);
        u.beginAttempt(last);
        return u;
    }

    /** The operation of {@code await} ended with {@code status} (and ARM's code and message when it failed). */
    public static void ended(VmUpgrade vm, StepResult result, OperationState.Status status, String code, String message) {
        StepResult.Await a = (StepResult.Await) result;
        vm.operationEnded(new EndedOperation(a.label(), a.operation(),
                new OperationState(status, code, message, null, "poll-req", a.operation())));
    }

    public static void succeeded(VmUpgrade vm, StepResult result) {
        ended(vm, result, OperationState.Status.SUCCEEDED, null, null);
    }

    public CampaignVm row(VmRef vm) {
        return journal.vm(CAMPAIGN, vm.id()).orElseThrow();
    }

    /** A clock the test moves. */
    public static final class TestClock extends Clock {
        private volatile Instant now;

        TestClock(Instant start) {
            this.now = start;
        }

        public void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
