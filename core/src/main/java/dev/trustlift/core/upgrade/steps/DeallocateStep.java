package dev.trustlift.core.upgrade.steps;

import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.upgrade.RetryPolicy;
import dev.trustlift.core.upgrade.Step;
import dev.trustlift.core.upgrade.StepResult;
import dev.trustlift.core.upgrade.VmUpgrade;

/** Deallocates the VM (the downtime starts), so its security profile may change. */
public final class DeallocateStep implements Step {
    public static final String NAME = "deallocate";
    private final VmPower power;

    public DeallocateStep(Cloud cloud) {
        this.power = new VmPower(cloud);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StepResult run(VmUpgrade vm) {
        return power.deallocated(vm).orElseGet(StepResult::done);
    }

    @Override
    public RetryPolicy retry() {
        return RetryPolicy.DOWNTIME;
    }
}
