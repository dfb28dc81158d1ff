package dev.trustlift.core.upgrade.steps;

import dev.trustlift.core.assess.Assessor;
import dev.trustlift.core.assess.gather.FactsGatherer;
import dev.trustlift.core.assess.rules.StandardRules;
import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.upgrade.UpgradePlan;
import java.util.List;
import java.util.Set;

/**
 * The upgrade as data (issue 9, DESIGN "One VM's upgrade: the steps"): the steps in order, the
 * downtime window from guest-convert to start (once it started, a stop finishes it first), the
 * window steps whose giving up restores the OS disk, the recovery, the register-feature detour,
 * and the cleanup that deletes the run command whatever the outcome.
 */
public final class StandardPlan {
    /** ARM's refusal of set-trusted-launch where the subscription lacks the gating feature (a cloud that lags GA). */
    public static final String FEATURE_NOT_REGISTERED = "SubscriptionNotRegisteredForFeature";

    private StandardPlan() {
    }

    /** The upgrade: inspect .. post-fixes, then done. */
    public static UpgradePlan create(Cloud cloud) {
        // One gatherer and one assessor for the campaign: their SKU, lock and feature caches serve every VM.
        FactsGatherer gatherer = new FactsGatherer(cloud, false);
        Assessor assessor = new Assessor(StandardRules.all());
        return new UpgradePlan(
                List.of(new InspectStep(cloud), new AssessStep(cloud, gatherer, assessor),
                        new GuestProbeStep(cloud, gatherer, assessor), new GuestValidateStep(cloud), new ProtectStep(cloud),
                        new GuestConvertStep(cloud), new DeallocateStep(cloud), new SetTrustedLaunchStep(cloud),
                        new VerifyProfileStep(cloud), new StartStep(cloud), new VerifyGuestStep(cloud),
                        new PostFixesStep(cloud)),
                Set.of(GuestConvertStep.NAME, DeallocateStep.NAME, SetTrustedLaunchStep.NAME, VerifyProfileStep.NAME,
                        StartStep.NAME),
                Set.of(DeallocateStep.NAME, SetTrustedLaunchStep.NAME, VerifyProfileStep.NAME),
                recovery(cloud),
                List.of(new UpgradePlan.Detour(SetTrustedLaunchStep.NAME, FEATURE_NOT_REGISTERED, new RegisterFeatureStep(cloud))),
                List.of(new DoneStep(cloud)));
    }

    /** {@code rollback --vm}: restore-os-disk, start-as-was, run as a one-VM campaign ({@link Rollback}). */
    public static UpgradePlan rollback(Cloud cloud) {
        return Rollback.plan(cloud);
    }

    private static List<dev.trustlift.core.upgrade.Step> recovery(Cloud cloud) {
        return List.of(new RestoreOsDiskStep(cloud), new StartAsWasStep(cloud));
    }
}
