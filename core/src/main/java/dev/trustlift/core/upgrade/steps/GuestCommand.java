package dev.trustlift.core.upgrade.steps;

import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.GuestScript;
import dev.trustlift.core.cloud.ManagedRunCommand;
import dev.trustlift.core.cloud.OperationHandle;
import dev.trustlift.core.cloud.RunCommandView;
import dev.trustlift.core.cloud.ScriptResult;
import dev.trustlift.core.upgrade.EndedOperation;
import dev.trustlift.core.upgrade.StepResult;
import dev.trustlift.core.upgrade.UpgradeNames;
import dev.trustlift.core.upgrade.VmUpgrade;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Runs one guest script as the VM's managed run command ({@link UpgradeNames#RUN_COMMAND}, re-PUT
 * for each script) from inside a step, and reads its result back; the same call works again after
 * a crash. A step calls {@link #run} on every call until it gets {@link Ran}:
 * <ul>
 * <li>the operation labelled {@code label} ended in this attempt: the run command's instance view
 *     is read and turned into a {@link ScriptResult}, unless it holds another command by now (the
 *     run command was re-PUT: this run's result is gone and the script is sent again);</li>
 * <li>it did not: first the view is read, because the process may have died after ARM accepted
 *     the PUT and before the runner journaled it; a run of this script that started since this
 *     attempt began, and since the operation that ended last began, is used (still running:
 *     {@link StepResult.Later}); otherwise the script is PUT and the step returns the
 *     {@link StepResult.Await} it gets.</li>
 * </ul>
 * A step that runs several scripts in a row gives each a distinct label and tells from
 * {@link VmUpgrade#endedOperation()}'s label which one ended last. Shared by every guest script
 * step; it keeps no state (steps are shared by all VMs).
 */
public final class GuestCommand {
    /** How long to wait before reading the view of a run that a crashed process had started. */
    static final Duration RUNNING_POLL = Duration.ofSeconds(2);

    private final Cloud cloud;

    public GuestCommand(Cloud cloud) {
        this.cloud = cloud;
    }

    /** What one call decided: the script's result, or what the step returns now. */
    public sealed interface Outcome permits Ran, Pending {
    }

    /** The script ran to its end; {@code view} is the run command as ARM reported it. */
    public record Ran(ScriptResult result, RunCommandView view) implements Outcome {
    }

    /** Not yet: return {@code next} from the step (an Await, a Later, or a Failed when ARM could not run it). */
    public record Pending(StepResult next) implements Outcome {
    }

    /**
     * Begins {@code script} as the managed run command, or reads back its result.
     *
     * @param location the VM's location (the run command is a child resource created there)
     * @param label the step's name for this run, e.g. "run-command:mbr2gpt-validate"; unique within the step
     */
    public Outcome run(VmUpgrade vm, String location, String label, GuestScript script) {
        ManagedRunCommand command = ManagedRunCommand.of(UpgradeNames.RUN_COMMAND, script);
        Optional<EndedOperation> ended = vm.endedOperation();
        Optional<RunCommandView> view = cloud.findRunCommand(vm.ref(), UpgradeNames.RUN_COMMAND);
        // A view of another command means the run command was re-PUT since: this run's result is gone.
        boolean stillThisRun = view.isEmpty() || view.get().script() == null || view.get().ran(command);
        if (ended.isPresent() && ended.get().is(label) && stillThisRun) {
            if (view.isPresent() && view.get().finished()) {
                return new Ran(resultOf(view.get()), view.get());
            }
            if (!ended.get().succeeded()) {
                String code = ended.get().state().errorCode() == null ? "RunCommandFailed" : ended.get().state().errorCode();
                return new Pending(new StepResult.Failed(code, "the run command " + label + " ended "
                        + ended.get().state().status() + ": " + nullToEmpty(ended.get().state().errorMessage()), true, false,
                        null, requestIds(ended.get().handle())));
            }
            // ARM said the PUT succeeded but the view does not show the end yet: read it again shortly.
            return new Pending(new StepResult.Later(RUNNING_POLL, label + ": waiting for the run command's instance view"));
        }
        // The process may have died after ARM accepted the PUT and before the runner journaled it:
        // a run of this very script with these parameters that started since this attempt began,
        // and after the operation that ended last began, is ours (a step may run one command several
        // times in an attempt, e.g. drive-letter-fix.ps1 once per phase with a restart between).
        Instant since = vm.attemptStarted();
        if (ended.isPresent() && ended.get().handle().startedAt().isAfter(since)) {
            since = ended.get().handle().startedAt();
        }
        if (view.isPresent() && view.get().ran(command) && startedSince(view.get(), since)) {
            if (view.get().finished()) {
                return new Ran(resultOf(view.get()), view.get());
            }
            if (Duration.between(vm.attemptStarted(), vm.now()).compareTo(script.timeout().multipliedBy(2)) < 0) {
                return new Pending(new StepResult.Later(RUNNING_POLL, label + ": the run command sent before a restart"
                        + " is still running"));
            }
        }
        OperationHandle handle = cloud.beginRunCommand(vm.ref(), location, command);
        return new Pending(new StepResult.Await(label, handle));
    }

    /**
     * The script's result as the view reports it: the managed run command gives the exit code
     * itself (no exit marker), stdout and stderr; a view without an exit code reads as
     * {@link ScriptResult#UNKNOWN_EXIT}.
     */
    public static ScriptResult resultOf(RunCommandView view) {
        return new ScriptResult(view.exitCode() == null ? ScriptResult.UNKNOWN_EXIT : view.exitCode(),
                nullToEmpty(view.output()), nullToEmpty(view.error()));
    }

    private static boolean startedSince(RunCommandView view, Instant since) {
        return view.startTime() != null && !view.startTime().isBefore(since);
    }

    private static List<String> requestIds(OperationHandle handle) {
        return handle.requestId() == null ? List.of() : List.of(handle.requestId());
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
