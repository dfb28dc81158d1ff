package dev.trustlift.core.upgrade;

import dev.trustlift.core.cloud.OperationState;
import dev.trustlift.core.cloud.VmRef;
import dev.trustlift.core.journal.Campaign;
import dev.trustlift.core.journal.CampaignState;
import dev.trustlift.core.journal.CampaignVm;
import dev.trustlift.core.journal.SqliteJournal;
import dev.trustlift.core.journal.StepAttempt;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Calls one step the way {@link VmDriver} does, on a real SqliteJournal, so step tests can set up
 * each branch (an operation that ended ok or failed, a restart in a new process) without the
 * runner's scheduling: {@link #begin} journals the attempt STARTED, {@link #ended} hands the step
 * the operation's end, {@link #complete} journals a Done/Finish, {@link #restart} is a new process.
 */
public final class StepHarness {
    public static final String CAMPAIGN = "c-0001";
    private final SqliteJournal journal;
    private final TestClock clock = new TestClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final Timing timing = Timing.defaults();

    public StepHarness(Path dir) {
        this.journal = SqliteJournal.open(dir.resolve("journal.db"));
        journal.createCampaign(new Campaign(CAMPAIGN, clock.instant(), "{}", "test", CampaignState.RUNNING));
    }

    public SqliteJournal journal() {
        return journal;
    }

    public TestClock clock() {
        return clock;
    }

    /** A VM added to the campaign with these options. */
    public VmUpgrade vm(VmRef ref, VmOptions options) {
        CampaignVm row = CampaignVm.pending(CAMPAIGN, ref.id(), options.toJson());
        journal.saveVm(row);
        return new VmUpgrade(journal, row, clock, timing);
    }

    /** Journals a new attempt of {@code step} STARTED, as the driver does before the first call. */
    public void begin(VmUpgrade vm, Step step) {
        StepAttempt started = journal.startAttempt(CAMPAIGN, vm.row().vmId(), step.name(), clock.instant());
        vm.beginAttempt(started);
    }

    /** The Await's operation ended with {@code status}: the step's next call sees it in endedOperation(). */
    public void ended(VmUpgrade vm, StepResult result, OperationState.Status status, String errorCode) {
        StepResult.Await a = (StepResult.Await) result;
        journal.recordOperation(vm.attempt().key(), a.operation().pollUrl(), new JournaledOperation(a.label(), a.operation())
                .kindJson(), List.of());
        vm.operationEnded(new EndedOperation(a.label(), a.operation(), new OperationState(status, errorCode,
                errorCode == null ? null : errorCode + " happened", null, "req-poll", a.operation())));
    }

    /** Journals what the step's Done or Finish said, as the driver does. */
    public void complete(VmUpgrade vm, StepResult result) {
        String detail = result instanceof StepResult.Done d ? (d.detail() == null ? null : d.detail().toString())
                : ((StepResult.Finish) result).detail() == null ? null : ((StepResult.Finish) result).detail().toString();
        journal.completeAttempt(vm.attempt().key(), clock.instant(), List.of(), detail);
        vm.stepFinished();
    }

    /**
     * The same VM in a new process: memory (scratch, memo) is gone; the open attempt is taken up
     * again, with {@code ended} (the journaled operation, re-polled to its end) or none.
     */
    public VmUpgrade restart(VmUpgrade before, EndedOperation ended) {
        CampaignVm row = journal.vm(CAMPAIGN, before.row().vmId()).orElseThrow();
        VmUpgrade after = new VmUpgrade(journal, row, clock, timing);
        List<StepAttempt> attempts = journal.attempts(CAMPAIGN, row.vmId());
        StepAttempt last = attempts.get(attempts.size() - 1);
        if (last.isOpen()) {
            after.beginAttempt(last);
            if (ended != null) {
                after.operationEnded(ended);
            }
        }
        return after;
    }

    public void close() {
        journal.close();
    }

    /** A clock tests move by hand. */
    public static final class TestClock extends Clock {
        private Instant now;

        TestClock(Instant start) {
            now = start;
        }

        public void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
