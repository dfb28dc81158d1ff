package dev.trustlift.core.upgrade.steps;

import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.GuestScript;
import dev.trustlift.core.cloud.ManagedRunCommand;
import dev.trustlift.core.cloud.RunCommandView;
import dev.trustlift.core.cloud.ScriptResult;
import dev.trustlift.core.upgrade.EndedOperation;
import dev.trustlift.core.upgrade.StepResult;
import dev.trustlift.core.upgrade.UpgradeNames;
import dev.trustlift.core.upgrade.VmUpgrade;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * One guest script run as the VM's managed run command, for the steps after start: begin it, or
 * read back the result of the run this step attempt started under {@code label}.
 *
 * <p>TODO-fold: helper "front" writes steps/GuestCommand, the shared begin-or-read-back helper;
 * fold this class into it. A finished view is trusted only for the run this attempt journaled under
 * {@code label} and only when it still holds this script ({@link RunCommandView#ranScript}): the
 * scripts these steps run are all safe to run again, so anything less certain (a new attempt, a
 * crash between ARM's accept and the journal, the same script run in an earlier phase) runs the
 * script again.
 */
final class GuestRun {
    /** How soon to look again while a run this step did not start (a crash's leftover) is still going. */
    static final Duration RUNNING_POLL = Duration.ofSeconds(5);

    sealed interface Outcome {
    }

    /** ARM accepted the run: return this to the runner. */
    record Started(StepResult.Await await) implements Outcome {
    }

    /** A run is still going: look again later. */
    record Waiting(StepResult.Later later) implements Outcome {
    }

    /** The run this attempt started ended; {@code requestId} is the accepting answer's. */
    record Ended(ScriptResult result, String requestId) implements Outcome {
    }

    /** ARM could not run the script at all (the operation failed without a result, e.g. the agent went away). */
    record NotRun(String code, String message) implements Outcome {
    }

    private GuestRun() {
    }

    static Outcome advance(Cloud cloud, VmUpgrade vm, String location, String label, GuestScript script) {
        Optional<EndedOperation> ours = vm.endedOperation().filter(e -> e.is(label));
        Optional<RunCommandView> view = cloud.findRunCommand(vm.ref(), UpgradeNames.RUN_COMMAND);
        if (ours.isPresent() && (view.isEmpty() || view.get().script() == null || view.get().ranScript(script.lines()))) {
            if (view.isPresent() && view.get().finished()) {
                return new Ended(result(view.get()), ours.get().handle().requestId());
            }
            if (!ours.get().succeeded()) {
                return new NotRun(ours.get().state().errorCode() == null ? "RunCommandFailed" : ours.get().state().errorCode(),
                        ours.get().state().errorMessage() == null ? "the run command operation " + label + " ended "
                                + ours.get().state().status() : ours.get().state().errorMessage());
            }
            return new Waiting(new StepResult.Later(RUNNING_POLL, label + " ended but its instance view is "
                    + view.map(RunCommandView::executionState).orElse("missing")));
        }
        if (view.isPresent() && running(view.get())) {
            // Re-PUT while it runs would cut a script (maybe one that changes the guest) short.
            return new Waiting(new StepResult.Later(RUNNING_POLL, "a run of " + UpgradeNames.RUN_COMMAND
                    + " is still " + view.get().executionState() + " (started before this attempt)"));
        }
        return new Started(new StepResult.Await(label, cloud.beginRunCommand(vm.ref(), location,
                ManagedRunCommand.of(UpgradeNames.RUN_COMMAND, script))));
    }

    /** The parsers' input from the instance view: its exit code, stdout and stderr as ARM keeps them. */
    static ScriptResult result(RunCommandView view) {
        return new ScriptResult(view.exitCode() == null ? ScriptResult.UNKNOWN_EXIT : view.exitCode(),
                view.output() == null ? "" : view.output(), view.error() == null ? "" : view.error());
    }

    private static boolean running(RunCommandView view) {
        String state = view.executionState() == null ? "" : view.executionState().toLowerCase(Locale.ROOT);
        return state.equals("running") || state.equals("pending");
    }
}
