package dev.trustlift.core.upgrade.steps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.CloudException;
import dev.trustlift.core.cloud.SecurityProfileChange;
import dev.trustlift.core.cloud.Vm;
import dev.trustlift.core.upgrade.EndedOperation;
import dev.trustlift.core.upgrade.RetryPolicy;
import dev.trustlift.core.upgrade.Step;
import dev.trustlift.core.upgrade.StepResult;
import dev.trustlift.core.upgrade.VmUpgrade;
import java.util.List;
import java.util.Optional;

/**
 * PATCHes the deallocated VM's {@code securityProfile} to Trusted Launch (and nothing else: a PUT
 * of a model read earlier could undo a change made since). The VM is read first: a PATCH that ARM
 * accepted just before a crash shows as the wanted profile, and is not sent again. When ARM refuses
 * for an unregistered feature the failure carries exactly {@value ArmCodes#FEATURE_NOT_REGISTERED},
 * which the plan turns into the register-feature detour.
 */
public final class SetTrustedLaunchStep implements Step {
    public static final String NAME = "set-trusted-launch";
    static final String LABEL = "set-trusted-launch";
    /** The feature ARM named, for register-feature (per VM, this process only; it falls back to the known flag). */
    static final String MEMO_FEATURE = "register-feature:feature";

    private final Cloud cloud;

    public SetTrustedLaunchStep(Cloud cloud) {
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
        if (WantedProfile.matches(now, wanted)) {
            if ("Updating".equalsIgnoreCase(now.provisioningState())) {
                return new StepResult.Later(vm.timing().downtimePoll(), "ARM is still applying the security profile");
            }
            return StepResult.done(WantedProfile.shown(now));
        }
        Optional<EndedOperation> ended = vm.endedOperation().filter(op -> op.is(LABEL));
        if (ended.isPresent()) {
            EndedOperation op = ended.get();
            if (!op.succeeded()) {
                rememberFeature(vm, op.state().errorCode(), op.state().errorMessage());
                return ArmCodes.failed(op, "the security profile change", shownAndWanted(now, wanted));
            }
            // ARM said Succeeded yet shows another profile: try again within the policy, say what it shows.
            return new StepResult.Failed("ProfileNotApplied", "ARM reported the change done but shows " + WantedProfile.shown(now),
                    true, false, shownAndWanted(now, wanted), List.of());
        }
        try {
            return new StepResult.Await(LABEL, cloud.beginSetSecurityProfile(vm.ref(), wanted));
        } catch (CloudException e) {
            if (!ArmCodes.FEATURE_NOT_REGISTERED.equalsIgnoreCase(e.code())) {
                throw e;
            }
            rememberFeature(vm, e.code(), e.armMessage());
            ObjectNode detail = shownAndWanted(now, wanted);
            detail.put("feature", FeatureName.from(e.armMessage()));
            return new StepResult.Failed(ArmCodes.FEATURE_NOT_REGISTERED, e.getMessage(), true, false, detail,
                    e.requestId() == null ? List.of() : List.of(e.requestId()));
        }
    }

    private static void rememberFeature(VmUpgrade vm, String code, String message) {
        if (ArmCodes.FEATURE_NOT_REGISTERED.equalsIgnoreCase(code)) {
            vm.memo().put(MEMO_FEATURE, FeatureName.from(message));
        }
    }

    private static ObjectNode shownAndWanted(Vm now, SecurityProfileChange wanted) {
        ObjectNode n = WantedProfile.shown(now);
        n.set("wanted", WantedProfile.wanted(wanted));
        return n;
    }

    @Override
    public RetryPolicy retry() {
        return RetryPolicy.DOWNTIME;
    }
}
