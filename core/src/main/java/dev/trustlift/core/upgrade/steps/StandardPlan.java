package dev.trustlift.core.upgrade.steps;

import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.upgrade.UpgradePlan;
import java.util.List;
import java.util.Set;

/**
 * The upgrade's steps in order, and the plan a rollback runs.
 *
 * <p>PLACEHOLDER (branch cli9): the coordinator replaces this file with the real plan when the
 * steps are merged. Until then both plans have no step, so the commands compile and their
 * command-line behaviour can be tested; a run with these plans changes nothing.
 */
public final class StandardPlan {
    private StandardPlan() {
    }

    /** The upgrade: inspect .. done, with the window, the recovery steps and the register-feature detour. */
    public static UpgradePlan create(Cloud cloud) {
        return new UpgradePlan(List.of(), Set.of(), Set.of(), List.of(), List.of()); // coordinator replaces
    }

    /** {@code rollback --vm}: restore-os-disk, start-as-was, run as a one-VM campaign. */
    public static UpgradePlan rollback(Cloud cloud) {
        return new UpgradePlan(List.of(), Set.of(), Set.of(), List.of(), List.of()); // coordinator replaces
    }
}
