package dev.trustlift.core.cloud;

import java.time.Instant;
import java.util.List;

/**
 * A managed Run Command read back with {@code $expand=instanceView}: the guest-command steps
 * decide from this, also after a crash, whether a script ran and what it said.
 *
 * @param provisioningState the resource's (Succeeded even for a script that exited non-zero,
 *        unless treatFailureAsDeploymentFailure was set)
 * @param executionState Unknown, Pending, Running, Failed, Succeeded, TimedOut, Canceled
 * @param exitCode null until the script ended
 * @param output stdout (ARM keeps its last 4 KB), {@code error} stderr
 * @param script {@code properties.source.script} as ARM returns it (the text last PUT under this
 *        name, lines joined by {@code \n}); null when the resource has none (a scriptUri or commandId).
 *        One name is re-PUT for each script, so a step resumed after a crash reads which script this
 *        result (or this running execution) belongs to before it trusts it or sends its own again
 */
public record RunCommandView(String name, String provisioningState, String executionState, String executionMessage,
                             Integer exitCode, String output, String error, Instant startTime, Instant endTime,
                             String script, List<ManagedRunCommand.Parameter> parameters) {

    public RunCommandView {
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }

    /** A view without parameters (a run command that was given none, or one read where they do not matter). */
    public RunCommandView(String name, String provisioningState, String executionState, String executionMessage,
                          Integer exitCode, String output, String error, Instant startTime, Instant endTime, String script) {
        this(name, provisioningState, executionState, executionMessage, exitCode, output, error, startTime, endTime, script,
                List.of());
    }

    /**
     * The run is of exactly this command: its lines and its (non-protected) parameters, which ARM
     * returns on GET. A step that runs one script several times with other parameters (log chunks)
     * tells its runs apart by them.
     */
    public boolean ran(ManagedRunCommand command) {
        return ranScript(command.script())
                && new java.util.HashSet<>(parameters).equals(new java.util.HashSet<>(command.parameters()));
    }

    /**
     * The script's first line: trustlift's scripts open with {@code # NAME version N}, which names
     * the script and its version; null without a script.
     */
    public String scriptHeader() {
        if (script == null) {
            return null;
        }
        int end = script.indexOf('\n');
        return (end < 0 ? script : script.substring(0, end)).stripTrailing();
    }

    /**
     * The run is of exactly these lines (as {@link ManagedRunCommand#script()} sends them): a
     * resumed step's own script rather than an earlier one's. Parameters are not compared (ARM
     * echoes them, but the view does not carry them).
     */
    public boolean ranScript(java.util.List<String> lines) {
        return script != null && script.replace("\r\n", "\n").equals(String.join("\n", lines));
    }

    /** The script ran to its end (whatever its exit code); Failed also covers a script that exited non-zero. */
    public boolean finished() {
        return executionState != null && switch (executionState.toLowerCase(java.util.Locale.ROOT)) {
            case "succeeded", "failed", "timedout", "canceled" -> true;
            default -> false;
        };
    }
}
