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
 * The methods by {@link VmRef} do the same for tests that start several attempts on one VM.
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

    // ---- by VM reference: the window steps' tests, which start several attempts on one VM ----

    /** Adds the VM to the campaign once (a second call keeps its row). */
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

    /** A new attempt of {@code step} on the VM's row as journaled, as the driver starts it. */
    public VmUpgrade begin(VmRef vm, String step) {
        addVm(vm, VmOptions.defaults());
        StepAttempt a = journal.startAttempt(CAMPAIGN, vm.id(), step, clock.instant());
        VmUpgrade u = new VmUpgrade(journal, journal.vm(CAMPAIGN, vm.id()).orElseThrow(), clock, timing);
        u.beginAttempt(a);
        return u;
    }

    /** A new process after a crash that left no operation journaled: the open attempt, scratch and memo empty. */
    public VmUpgrade restart(VmRef vm) {
        List<StepAttempt> all = journal.attempts(CAMPAIGN, vm.id());
        VmUpgrade u = new VmUpgrade(journal, journal.vm(CAMPAIGN, vm.id()).orElseThrow(), clock, timing);
        u.beginAttempt(all.get(all.size() - 1));
        return u;
    }

    /** The Await's operation ended with ARM's {@code code} and {@code message} (not journaled: a test of the crash gap). */
    public static void ended(VmUpgrade vm, StepResult result, OperationState.Status status, String code, String message) {
        StepResult.Await a = (StepResult.Await) result;
        vm.operationEnded(new EndedOperation(a.label(), a.operation(),
                new OperationState(status, code, message, null, "poll-req", a.operation())));
    }

    /** Journals the end of the VM's current attempt as the driver does (Done -> COMPLETED, Failed -> FAILED). */
    public void journalEnd(VmUpgrade vm, StepResult result) {
        if (result instanceof StepResult.Failed f) {
            journal.failAttempt(vm.attempt().key(), clock.instant(), f.requestIds(), f.code(), f.message(),
                    f.detail() == null ? null : f.detail().toString());
            vm.stepFinished();
        } else {
            complete(vm, result);
        }
    }

    public CampaignVm row(VmRef vm) {
        return journal.vm(CAMPAIGN, vm.id()).orElseThrow();
    }

    /** A clock tests move by hand. */
    public static final class TestClock extends Clock {
        private volatile Instant now;

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
