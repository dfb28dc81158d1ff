package dev.trustlift.core.cloud;

import java.time.Instant;

/**
 * A managed Run Command read back with {@code $expand=instanceView}: the guest-command steps
 * decide from this, also after a crash, whether a script ran and what it said.
 *
 * @param provisioningState the resource's (Succeeded even for a script that exited non-zero,
 *        unless treatFailureAsDeploymentFailure was set)
 * @param executionState Unknown, Pending, Running, Failed, Succeeded, TimedOut, Canceled
 * @param exitCode null until the script ended
 * @param output stdout (ARM keeps its last 4 KB), {@code error} stderr
 */
public record RunCommandView(String name, String provisioningState, String executionState, String executionMessage,
                             Integer exitCode, String output, String error, Instant startTime, Instant endTime) {

    /** The script ran to its end (whatever its exit code); Failed also covers a script that exited non-zero. */
    public boolean finished() {
        return executionState != null && switch (executionState.toLowerCase(java.util.Locale.ROOT)) {
            case "succeeded", "failed", "timedout", "canceled" -> true;
            default -> false;
        };
    }
}
