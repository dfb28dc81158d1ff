package dev.trustlift.core.upgrade;

import dev.trustlift.core.cloud.VmRef;
import dev.trustlift.core.journal.VmState;

/** What the CLI shows while a campaign runs; called from the runner's threads. */
public interface UpgradeListener {
    UpgradeListener NONE = new UpgradeListener() { };

    default void stepStarted(VmRef vm, String step, int attempt) {
    }

    default void vmFinished(VmRef vm, VmState state, int finished, int total) {
    }

    default void vmParked(VmRef vm, String why) {
    }
}
