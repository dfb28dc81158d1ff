package dev.trustlift.core.upgrade;

import dev.trustlift.core.journal.VmState;
import java.time.Duration;

/** What the runner does with a VM after one {@link VmDriver#advance()}: call again later, or let it go. */
sealed interface Tick {
    record Again(Duration after) implements Tick {
    }

    /** The VM stopped at a safe point (Ctrl-C, lost connection) and stays IN_PROGRESS for resume. */
    record Parked(String why, boolean connectionLost) implements Tick {
    }

    record Finished(VmState state) implements Tick {
    }

    Tick NOW = new Again(Duration.ZERO);
}
