package dev.trustlift.core.upgrade;

import dev.trustlift.core.journal.VmState;
import java.util.Map;

/**
 * How a run of the runner ended.
 *
 * @param counts every VM of the campaign by state, as the journal holds them at the end
 * @param interrupted the run stopped early on request (Ctrl-C); parked VMs wait for resume
 * @param connectionLost the run stopped because ARM could not be reached
 * @param toolFailed a step failed with an error of trustlift itself (the journal names where)
 */
public record RunOutcome(Map<VmState, Integer> counts, boolean interrupted, boolean connectionLost, boolean toolFailed) {
    public RunOutcome {
        counts = Map.copyOf(counts);
    }

    /** Issue 9's exit codes: 0 all upgraded/already/skipped, 3 blocked or failed, 5 resume needed, 1 tool failure. */
    public int exitCode() {
        if (toolFailed) {
            return 1;
        }
        if (interrupted || connectionLost || count(VmState.PENDING) + count(VmState.IN_PROGRESS) > 0) {
            return 5;
        }
        if (count(VmState.BLOCKED) + count(VmState.FAILED) > 0) {
            return 3;
        }
        return 0;
    }

    public int count(VmState state) {
        return counts.getOrDefault(state, 0);
    }
}
