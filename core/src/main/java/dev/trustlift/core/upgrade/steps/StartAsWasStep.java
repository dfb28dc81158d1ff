package dev.trustlift.core.upgrade.steps;

import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.upgrade.RetryPolicy;
import dev.trustlift.core.upgrade.Step;
import dev.trustlift.core.upgrade.StepResult;
import dev.trustlift.core.upgrade.VmUpgrade;

/**
 * Recovery: starts the VM on its restored Gen1 disk, as it was before the campaign (also the last
 * step of {@code rollback --vm}). The same power logic as {@link StartStep}, under its own name so
 * the journal and the report tell a recovery from the upgrade's start.
 */
public final class StartAsWasStep implements Step {
    public static final String NAME = "start-as-was";
    private final VmPower power;

    public StartAsWasStep(Cloud cloud) {
        this.power = new VmPower(cloud);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StepResult run(VmUpgrade vm) {
        return power.running(vm).orElseGet(StepResult::done);
    }

    @Override
    public RetryPolicy retry() {
        return RetryPolicy.DOWNTIME;
    }
}
