package dev.trustlift.core.upgrade.steps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.SecurityProfileChange;
import dev.trustlift.core.cloud.Vm;
import dev.trustlift.core.upgrade.RetryPolicy;
import dev.trustlift.core.upgrade.Step;
import dev.trustlift.core.upgrade.StepResult;
import dev.trustlift.core.upgrade.VmUpgrade;
import java.util.List;

/**
 * Reads the security profile back before the VM starts: Trusted Launch, vTPM on, Secure Boot as
 * wanted. Anything else is a failure that another try would not change, with what ARM shows.
 */
public final class VerifyProfileStep implements Step {
    public static final String NAME = "verify-profile";
    private final Cloud cloud;

    public VerifyProfileStep(Cloud cloud) {
        this.cloud = cloud;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StepResult run(VmUpgrade vm) {
        SecurityProfileChange wanted = WantedProfile.of(vm);
        Vm now = cloud.getVm(vm.ref());
        ObjectNode shown = WantedProfile.shown(now);
        if (WantedProfile.matches(now, wanted)) {
            return StepResult.done(shown);
        }
        shown.set("wanted", WantedProfile.wanted(wanted));
        return new StepResult.Failed("ProfileMismatch", "ARM shows securityType " + now.securityType().armName()
                + ", vTpmEnabled " + now.vTpmEnabled() + ", secureBootEnabled " + now.secureBootEnabled() + "; wanted "
                + wanted.securityType().armName() + ", vTpmEnabled " + wanted.vTpmEnabled() + ", secureBootEnabled "
                + wanted.secureBootEnabled(), false, false, shown, List.of());
    }

    @Override
    public RetryPolicy retry() {
        return RetryPolicy.DOWNTIME;
    }
}
