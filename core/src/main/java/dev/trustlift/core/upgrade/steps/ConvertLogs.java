package dev.trustlift.core.upgrade.steps;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.ManagedRunCommand;
import dev.trustlift.core.cloud.RunCommandView;
import dev.trustlift.core.guest.GuestScripts;
import dev.trustlift.core.guest.LogAssembly;
import dev.trustlift.core.guest.LogChunk;
import dev.trustlift.core.upgrade.EndedOperation;
import dev.trustlift.core.upgrade.StepResult;
import dev.trustlift.core.upgrade.UpgradeNames;
import dev.trustlift.core.upgrade.VmUpgrade;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * After a failed MBR2GPT /convert: fetches {@code %windir%\setupact.log} and {@code setuperr.log}
 * into the journal's artifact folder, one fetch-log run per 2,400-byte chunk (Run Command keeps
 * 4 KB of output), then returns the step's failure naming them. A log that cannot be fetched
 * never hides the conversion's failure: the failure is returned with what went wrong.
 *
 * <p>Kept in the VM's scratch between calls. After a restart the chunks are fetched again from
 * the start (the managed run command then shows a fetch-log run of this attempt).
 *
 * <p>TODO(coordinator): fold into helper "front"'s steps/SetupLogs when it is merged; this is
 * the minimal private equivalent for guest-convert.
 */
final class ConvertLogs {
    static final String LABEL = "run-command:fetch-log";
    static final List<String> FILES = List.of("setupact.log", "setuperr.log");
    static final int CHUNK = 2400;

    private final StepResult.Failed failure;
    private int file;
    private LogAssembly current;
    private boolean awaiting;
    private final ArrayNode saved;

    /** @param failure the conversion's failure; its detail gets {@code logs} (and {@code logError}) */
    ConvertLogs(StepResult.Failed failure) {
        this.failure = failure;
        this.saved = failure.detail().putArray("logs");
    }

    StepResult next(Cloud cloud, VmUpgrade vm, String location) {
        try {
            Optional<EndedOperation> ended = vm.endedOperation().filter(op -> op.is(LABEL));
            if (awaiting && ended.isPresent()) {
                awaiting = false;
                if (!ended.get().succeeded()) {
                    throw new IllegalStateException("the fetch-log run of " + current.file() + " ended "
                            + ended.get().state().status() + " " + ended.get().state().errorCode());
                }
                RunCommandView view = cloud.findRunCommand(vm.ref(), UpgradeNames.RUN_COMMAND)
                        .orElseThrow(() -> new IllegalStateException("the managed run command disappeared"));
                current.add(LogChunk.parse(GuestConvertStep.result(view)));
                if (current.complete()) {
                    if (!current.absent()) {
                        saved.add(vm.saveArtifact(current.file(), current.bytes()).relativePath());
                    }
                    file++;
                    current = null;
                }
            }
            if (file >= FILES.size()) {
                return failure;
            }
            if (current == null) {
                current = new LogAssembly(FILES.get(file));
            }
            ManagedRunCommand fetch = ManagedRunCommand.of(UpgradeNames.RUN_COMMAND, GuestScripts.FETCH_LOG.script(Map.of(
                    "File", current.file(), "Offset", Long.toString(current.nextOffset()), "Count", Integer.toString(CHUNK))));
            var handle = cloud.beginRunCommand(vm.ref(), location, fetch);
            awaiting = true;
            return new StepResult.Await(LABEL, handle);
        } catch (RuntimeException e) {
            ObjectNode detail = failure.detail();
            detail.put("logError", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return failure;
        }
    }

    /**
     * Whether the run command shows a fetch-log run of this attempt: the process died while fetching
     * logs, so the conversion had ended and failed, and its own output is gone.
     */
    static boolean isFetchRun(RunCommandView view, Instant since) {
        return view.ranScript(GuestScripts.FETCH_LOG.lines())
                && (view.startTime() == null || !view.startTime().isBefore(since.minus(GuestConvertStep.CLOCK_SKEW)));
    }
}
