package dev.trustlift.core.upgrade;

import dev.trustlift.core.cloud.OperationHandle;
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
 * Calls one step the way VmDriver does, one call at a time, on a real SqliteJournal and a clock
 * the test moves: an attempt is journaled STARTED before the first call, an accepted operation is
 * journaled by its URL, and the test decides how the operation ended ({@link #end}). {@link #crash}
 * continues in a "new process": a fresh VmUpgrade from the journal, the open attempt and its
 * journaled operation re-attached, scratch and memo empty.
 */
public final class StepCalls implements AutoCloseable {
    public static final String CAMPAIGN = "c-after";
    private final SqliteJournal journal;
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-08T04:00:00Z"));
    private final Timing timing;
    private final String vmId;
    private VmUpgrade vm;
    private JournaledOperation pending;

    public StepCalls(Path dir, VmRef ref, VmOptions options, Timing timing) {
        this.journal = SqliteJournal.open(dir.resolve("journal.db"));
        this.timing = timing;
        this.vmId = ref.id();
        journal.createCampaign(new Campaign(CAMPAIGN, clock.instant(), "{}", "test", CampaignState.RUNNING));
        journal.saveVm(CampaignVm.pending(CAMPAIGN, vmId, options.toJson()));
        this.vm = new VmUpgrade(journal, journal.vm(CAMPAIGN, vmId).orElseThrow(), clock, timing);
    }

    public VmUpgrade vm() {
        return vm;
    }

    public SqliteJournal journal() {
        return journal;
    }

    public void advance(Duration d) {
        clock.now = clock.now.plus(d);
    }

    /** An earlier step's COMPLETED attempt with this detail (what {@link VmUpgrade#detailOf} reads). */
    public void completed(String step, String detailJson) {
        StepAttempt a = journal.startAttempt(CAMPAIGN, vmId, step, clock.instant());
        journal.completeAttempt(a.key(), clock.instant(), List.of(), detailJson);
    }

    /** One call of {@code step}; Done, Finish and Failed end the attempt in the journal as the runner does. */
    public StepResult call(Step step) {
        if (pending != null) {
            throw new IllegalStateException("end the operation " + pending.label() + " first");
        }
        if (vm.attempt() == null) {
            vm.beginAttempt(journal.startAttempt(CAMPAIGN, vmId, step.name(), clock.instant()));
        }
        StepResult r = step.run(vm);
        if (r instanceof StepResult.Await a) {
            pending = new JournaledOperation(a.label(), a.operation());
            journal.recordOperation(vm.attempt().key(), a.operation().pollUrl(), pending.kindJson(), List.of());
        } else if (r instanceof StepResult.Done d) {
            journal.completeAttempt(vm.attempt().key(), clock.instant(), d.requestIds(),
                    d.detail() == null ? null : d.detail().toString());
            vm.stepFinished();
        } else if (r instanceof StepResult.Failed f) {
            journal.failAttempt(vm.attempt().key(), clock.instant(), f.requestIds(), f.code(), f.message(),
                    f.detail() == null ? null : f.detail().toString());
            vm.stepFinished();
        }
        return r;
    }

    /** The operation the last call started ended with {@code status} (errorCode/message for a failure). */
    public void end(OperationState.Status status, String errorCode, String errorMessage) {
        OperationHandle h = pending.handle();
        vm.operationEnded(new EndedOperation(pending.label(), h, new OperationState(status, errorCode, errorMessage,
                null, h.requestId(), h)));
        pending = null;
    }

    public void succeeded() {
        end(OperationState.Status.SUCCEEDED, null, null);
    }

    /**
     * The process died: a new VmUpgrade from the journal, the open attempt re-attached with the
     * operation journaled last (the test then ends it, as the new runner's poll would).
     */
    public void crash() {
        vm = new VmUpgrade(journal, journal.vm(CAMPAIGN, vmId).orElseThrow(), clock, timing);
        pending = null;
        List<StepAttempt> all = journal.attempts(CAMPAIGN, vmId);
        StepAttempt last = all.get(all.size() - 1);
        if (last.isOpen()) {
            vm.beginAttempt(last);
            if (last.operationUrl() != null && last.operationKind() != null) {
                pending = JournaledOperation.read(last.operationUrl(), last.operationKind());
            }
        }
    }

    /** The label of the operation waiting for {@link #end}, or null. */
    public String pendingLabel() {
        return pending == null ? null : pending.label();
    }

    @Override
    public void close() {
        journal.close();
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
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
