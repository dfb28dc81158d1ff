package dev.trustlift.core.upgrade.steps;

import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.upgrade.RetryPolicy;
import dev.trustlift.core.upgrade.Step;
import dev.trustlift.core.upgrade.StepResult;
import dev.trustlift.core.upgrade.VmUpgrade;

/** Starts the VM under Trusted Launch: the downtime ends when ARM reports it running. */
public final class StartStep implements Step {
    public static final String NAME = "start";
    private final VmPower power;

    public StartStep(Cloud cloud) {
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
