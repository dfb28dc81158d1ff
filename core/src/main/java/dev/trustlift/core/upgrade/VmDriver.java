package dev.trustlift.core.upgrade;

import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.CloudException;
import dev.trustlift.core.cloud.OperationHandle;
import dev.trustlift.core.cloud.OperationState;
import dev.trustlift.core.journal.AttemptState;
import dev.trustlift.core.journal.Journal;
import dev.trustlift.core.journal.StepAttempt;
import dev.trustlift.core.journal.VmState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves one VM through the plan, one short call at a time: the runner calls {@link #advance()}
 * and schedules the next call when the answer says, so no thread waits for a VM. Every step call
 * is journaled STARTED before it acts and COMPLETED/FAILED after; an accepted operation is
 * journaled by its URL before it is polled. A driver built by {@link #resume} continues from the
 * journal: an attempt left open is re-attached (its operation polled again, then the step asked
 * to re-read the real state), never assumed done.
 */
final class VmDriver {
    private enum Mode { MAIN, RECOVERY, CLEANUP }

    private final UpgradePlan plan;
    private final Cloud cloud;
    private final Journal journal;
    private final VmUpgrade vm;
    private final StopSignal stop;
    private final UpgradeListener listener;
    private Mode mode = Mode.MAIN;
    private int index;
    private Step detour;
    private JournaledOperation pending;
    private Instant firstPollError;
    private boolean toolFailed;
    private StepResult.Failed pendingDecision;
    private VmState finalState;

    private VmDriver(UpgradePlan plan, Cloud cloud, Journal journal, VmUpgrade vm, StopSignal stop,
                     UpgradeListener listener) {
        this.listener = listener;
        this.plan = plan;
        this.cloud = cloud;
        this.journal = journal;
        this.vm = vm;
        this.stop = stop;
    }

    /** A driver positioned where the journal says the VM stands (the first step for a new VM). */
    static VmDriver resume(UpgradePlan plan, Cloud cloud, Journal journal, VmUpgrade vm, StopSignal stop,
                           UpgradeListener listener) {
        VmDriver d = new VmDriver(plan, cloud, journal, vm, stop, listener);
        d.position(journal.attempts(vm.campaignId(), vm.row().vmId()));
        return d;
    }

    private void position(List<StepAttempt> attempts) {
        if (attempts.isEmpty()) {
            return;
        }
        boolean recovering = attempts.stream().anyMatch(a -> plan.recoveryIndex(a.key().step()) >= 0);
        mode = recovering ? Mode.RECOVERY : Mode.MAIN;
        StepAttempt last = attempts.get(attempts.size() - 1);
        String name = last.key().step();
        var detourOf = plan.detourNamed(name);
        if (detourOf.isPresent()) {
            index = plan.index(detourOf.get().step());
            if (last.state() == AttemptState.COMPLETED) {
                return;
            }
            detour = detourOf.get().detour();
        } else {
            index = mode == Mode.MAIN ? plan.index(name) : plan.recoveryIndex(name);
            if (index < 0) {
                throw new IllegalStateException("the journal names a step this version does not know: " + name);
            }
        }
        if (last.isOpen()) {
            vm.beginAttempt(last);
            if (last.operationUrl() != null && last.operationKind() != null) {
                pending = JournaledOperation.read(last.operationUrl(), last.operationKind());
            }
        } else if (last.state() == AttemptState.COMPLETED) {
            index++;
        } else {
            // Failed before the process died: make the retry-or-give-up decision again.
            vm.beginAttempt(last);
            pendingDecision = new StepResult.Failed(last.errorCode() == null ? "Unknown" : last.errorCode(),
                    last.errorMessage(), true, false, null, List.of());
        }
    }

    VmUpgrade vm() {
        return vm;
    }

    boolean toolFailed() {
        return toolFailed;
    }

    /** The step the VM is in or will run next; null when the plan is through. */
    Step current() {
        if (detour != null) {
            return detour;
        }
        List<Step> steps = mode == Mode.MAIN ? plan.steps() : mode == Mode.RECOVERY ? plan.recovery() : plan.cleanup();
        return index < steps.size() ? steps.get(index) : null;
    }

    /** Past the point of no pause: a converted disk boots only under UEFI, so the window must be finished. */
    boolean inWindow() {
        if (mode == Mode.RECOVERY) {
            return true;
        }
        if (mode == Mode.CLEANUP) {
            return false;
        }
        Step step = current();
        if (step == null) {
            return false;
        }
        String name = mode == Mode.MAIN && detour == null ? step.name() : plan.steps().get(index).name();
        if (!plan.inWindow(name)) {
            return false;
        }
        return !(plan.windowStart().orElse("").equals(name) && vm.attempt() == null && detour == null);
    }

    Tick advance() {
        if (pendingDecision != null) {
            StepResult.Failed f = pendingDecision;
            pendingDecision = null;
            return decide(current(), f);
        }
        if (pending != null) {
            return poll();
        }
        Step step = current();
        if (step == null) {
            return mode == Mode.CLEANUP ? new Tick.Finished(finalState)
                    : finish(mode == Mode.MAIN ? VmState.UPGRADED : VmState.FAILED);
        }
        if (vm.attempt() == null) {
            if (stop.requested() && !inWindow() && mode != Mode.CLEANUP) {
                return new Tick.Parked("stopped on request before " + step.name(), false);
            }
            StepAttempt started = journal.startAttempt(vm.campaignId(), vm.row().vmId(), step.name(), vm.now());
            vm.beginAttempt(started);
            if (mode != Mode.CLEANUP) {
                vm.save(vm.row().withState(VmState.IN_PROGRESS, step.name()));
            }
            listener.stepStarted(vm.ref(), step.name(), started.key().attempt());
        }
        StepResult result;
        try {
            result = step.run(vm);
        } catch (CloudException e) {
            result = fromCloud(e);
        } catch (RuntimeException e) {
            toolFailed = true;
            result = new StepResult.Failed("ToolError", e.getClass().getSimpleName() + ": " + e.getMessage()
                    + " (at " + where(e) + ")", false, false, null, List.of());
        }
        return handle(step, result);
    }

    private Tick handle(Step step, StepResult result) {
        if (result instanceof StepResult.Done d) {
            journal.completeAttempt(vm.attempt().key(), vm.now(), d.requestIds(),
                    d.detail() == null ? null : d.detail().toString());
            vm.stepFinished();
            if (detour != null) {
                detour = null;
            } else {
                index++;
            }
            return Tick.NOW;
        }
        if (result instanceof StepResult.Await a) {
            return await(a);
        }
        if (result instanceof StepResult.Later l) {
            if (stop.requested() && !inWindow()) {
                return new Tick.Parked("stopped on request in " + step.name(), false);
            }
            return new Tick.Again(l.after());
        }
        if (result instanceof StepResult.Finish f) {
            journal.completeAttempt(vm.attempt().key(), vm.now(), List.of(), f.detail() == null ? null : f.detail().toString());
            vm.stepFinished();
            return finish(f.state());
        }
        StepResult.Failed f = (StepResult.Failed) result;
        journal.failAttempt(vm.attempt().key(), vm.now(), f.requestIds(), f.code(), f.message(),
                f.detail() == null ? null : f.detail().toString());
        return decide(step, f);
    }

    private Tick await(StepResult.Await a) {
        OperationHandle op = a.operation();
        List<String> ids = op.requestId() == null ? List.of() : List.of(op.requestId());
        JournaledOperation journaled = new JournaledOperation(a.label(), op);
        if (op.polling() == OperationHandle.Polling.COMPLETED) {
            journal.recordOperation(vm.attempt().key(), null, journaled.kindJson(), ids);
            vm.operationEnded(new EndedOperation(a.label(), op, new OperationState(
                    OperationState.Status.SUCCEEDED, null, null, null, op.requestId(), op)));
            return Tick.NOW;
        }
        journal.recordOperation(vm.attempt().key(), op.pollUrl(), journaled.kindJson(), ids);
        pending = journaled;
        return new Tick.Again(vm.timing().nextPoll(null, inWindow(), false));
    }

    private Tick poll() {
        OperationState state;
        try {
            state = cloud.pollOperation(pending.handle());
            firstPollError = null;
        } catch (CloudException e) {
            if (e.httpStatus() != 0 && e.httpStatus() < 500 && !e.isThrottled()) {
                // ARM cannot tell us about it any more: let the step read the real state instead.
                vm.operationEnded(new EndedOperation(pending.label(), pending.handle(), new OperationState(
                        OperationState.Status.FAILED, e.code(), e.armMessage(), null, e.requestId(), pending.handle())));
                pending = null;
                return Tick.NOW;
            }
            Instant now = vm.now();
            if (firstPollError == null) {
                firstPollError = now;
            }
            if (Duration.between(firstPollError, now).compareTo(vm.timing().connectionGrace()) > 0) {
                return new Tick.Parked("lost the connection to ARM while polling " + pending.label() + ": " + e.getMessage(), true);
            }
            return new Tick.Again(vm.timing().nextPoll(Duration.ofSeconds(2), false, false));
        }
        if (!state.done()) {
            if (state.next() != null && !state.next().equals(pending.handle())) {
                pending = new JournaledOperation(pending.label(), state.next());
                journal.recordOperation(vm.attempt().key(), state.next().pollUrl(), pending.kindJson(),
                        state.requestId() == null ? List.of() : List.of(state.requestId()));
            }
            if (stop.requested() && !inWindow()) {
                return new Tick.Parked("stopped on request while " + pending.label() + " runs (resume re-attaches)", false);
            }
            return new Tick.Again(vm.timing().nextPoll(state.retryAfter(), inWindow(), false));
        }
        vm.operationEnded(new EndedOperation(pending.label(), pending.handle(), state));
        pending = null;
        return Tick.NOW;
    }

    private Tick decide(Step step, StepResult.Failed f) {
        int attemptNo = vm.attemptNumber();
        vm.stepFinished();
        if (mode == Mode.CLEANUP) {
            if (f.retryable() && attemptNo < step.retry().maxAttempts()) {
                return new Tick.Again(step.retry().backoffBefore(attemptNo + 1));
            }
            index++;
            return Tick.NOW;
        }
        if (CloudException.UNREACHABLE.equals(f.code()) && attemptNo >= step.retry().maxAttempts()) {
            return new Tick.Parked("lost the connection to ARM in " + step.name() + ": " + f.message(), true);
        }
        if (detour == null && mode == Mode.MAIN) {
            var d = plan.detour(step.name(), f.code());
            if (d.isPresent() && !vm.completed(d.get().detour().name())) {
                detour = d.get().detour();
                return Tick.NOW;
            }
        }
        if (f.retryable() && attemptNo < step.retry().maxAttempts()) {
            return new Tick.Again(step.retry().backoffBefore(attemptNo + 1));
        }
        if (detour != null) {
            detour = null;
        }
        String failed = mode == Mode.MAIN ? plan.steps().get(Math.min(index, plan.steps().size() - 1)).name() : step.name();
        if (mode == Mode.MAIN && !plan.recovery().isEmpty() && (plan.recoverable().contains(failed) || f.diskChanged())) {
            mode = Mode.RECOVERY;
            index = 0;
            return Tick.NOW;
        }
        if (mode == Mode.RECOVERY && index < plan.recovery().size() - 1) {
            // The disk could not be restored: still run the last recovery step (start the VM as it is
            // now), because a deallocated VM is down for sure and the report says what happened.
            index = plan.recovery().size() - 1;
            return Tick.NOW;
        }
        return finish(VmState.FAILED);
    }

    /** Journals the final state first, then runs the cleanup steps (a crash there keeps the state). */
    private Tick finish(VmState state) {
        vm.save(vm.row().withState(state, vm.row().currentStep()));
        if (mode == Mode.CLEANUP || plan.cleanup().isEmpty()) {
            return new Tick.Finished(state);
        }
        finalState = state;
        mode = Mode.CLEANUP;
        index = 0;
        detour = null;
        return Tick.NOW;
    }

    private static StepResult fromCloud(CloudException e) {
        int status = e.httpStatus();
        boolean retryable = status == 0 || status == 409 || status == 429 || status >= 500;
        List<String> ids = e.requestId() == null ? List.of() : List.of(e.requestId());
        return new StepResult.Failed(e.code(), e.getMessage(), retryable, false, null, ids);
    }

    private static String where(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < Math.min(3, trace.length); i++) {
            frames.add(trace[i].getClassName().replaceFirst("^.*\\.", "") + "." + trace[i].getMethodName() + ":" + trace[i].getLineNumber());
        }
        return String.join(" <- ", frames);
    }
}
