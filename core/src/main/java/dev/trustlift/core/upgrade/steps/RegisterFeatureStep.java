package dev.trustlift.core.upgrade.steps;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.FeatureState;
import dev.trustlift.core.upgrade.RetryPolicy;
import dev.trustlift.core.upgrade.Step;
import dev.trustlift.core.upgrade.StepResult;
import dev.trustlift.core.upgrade.VmUpgrade;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The detour when ARM refuses set-trusted-launch for an unregistered feature (a cloud that lags
 * GA): registers the feature once per subscription, waits until ARM says Registered, re-registers
 * the Microsoft.Compute provider so it picks the feature up, and lets the plan retry.
 *
 * <p>The step instance serves every VM of the campaign, so the requests already sent are kept
 * here per subscription (not per VM): a second VM of the subscription only waits for Registered.
 * After a restart the map is empty and ARM's state decides (a Registering feature is not
 * registered again).
 */
public final class RegisterFeatureStep implements Step {
    public static final String NAME = "register-feature";
    static final String COMPUTE = "Microsoft.Compute";
    /** Registration usually takes minutes; the VM is deallocated meanwhile, so do not wait for ever. */
    static final Duration LIMIT = Duration.ofMinutes(30);

    private final Cloud cloud;
    private final Map<String, Boolean> registrationSent = new ConcurrentHashMap<>();
    private final Map<String, Boolean> providerSent = new ConcurrentHashMap<>();

    public RegisterFeatureStep(Cloud cloud) {
        this.cloud = cloud;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StepResult run(VmUpgrade vm) {
        String subscription = vm.ref().subscription();
        Object named = vm.memo().get(SetTrustedLaunchStep.MEMO_FEATURE);
        String feature = named instanceof String s ? s : FeatureName.from(null);
        String key = subscription.toLowerCase(Locale.ROOT) + "|" + feature.toLowerCase(Locale.ROOT);
        FeatureState state = cloud.getFeature(subscription, feature);
        if (state.registered()) {
            return providerPickedUp(vm, subscription, feature);
        }
        if (state.state() == FeatureState.Registration.PENDING) {
            return StepResult.failed("FeatureApprovalPending", "feature " + feature + " waits for Microsoft's approval in"
                    + " subscription " + subscription + "; it will not register by itself");
        }
        if (Duration.between(vm.attemptStarted(), vm.now()).compareTo(LIMIT) > 0) {
            return StepResult.failed("FeatureRegistrationTimedOut", "feature " + feature + " is still " + state.state()
                    + " in subscription " + subscription + " after " + LIMIT.toMinutes() + " minutes");
        }
        if (state.state() != FeatureState.Registration.REGISTERING && registrationSent.putIfAbsent(key, Boolean.TRUE) == null) {
            FeatureState after;
            try {
                after = cloud.registerFeature(subscription, feature);
            } catch (RuntimeException e) {
                registrationSent.remove(key);
                throw e;
            }
            if (after.registered()) {
                return new StepResult.Later(Duration.ZERO, "feature " + feature + " registered");
            }
        }
        return new StepResult.Later(vm.timing().guestPoll(), "feature " + feature + " is " + state.state() + " in subscription " + subscription);
    }

    /**
     * Re-registers Microsoft.Compute once per subscription so it picks the feature up, then waits
     * until ARM reports the provider Registered again.
     */
    private StepResult providerPickedUp(VmUpgrade vm, String subscription, String feature) {
        String sub = subscription.toLowerCase(Locale.ROOT);
        FeatureState.Registration provider;
        if (providerSent.putIfAbsent(sub, Boolean.TRUE) == null) {
            try {
                provider = cloud.registerResourceProvider(subscription, COMPUTE);
            } catch (RuntimeException e) {
                providerSent.remove(sub);
                throw e;
            }
        } else {
            provider = cloud.getResourceProvider(subscription, COMPUTE);
        }
        if (provider != FeatureState.Registration.REGISTERED) {
            if (Duration.between(vm.attemptStarted(), vm.now()).compareTo(LIMIT) > 0) {
                return StepResult.failed("FeatureRegistrationTimedOut", COMPUTE + " is still " + provider
                        + " in subscription " + subscription + " after " + LIMIT.toMinutes() + " minutes");
            }
            return new StepResult.Later(vm.timing().guestPoll(), COMPUTE + " is " + provider + " in subscription "
                    + subscription + " (re-registered for " + feature + ")");
        }
        ObjectNode detail = JsonNodeFactory.instance.objectNode();
        detail.put("feature", feature);
        detail.put("state", "Registered");
        detail.put("provider", COMPUTE);
        detail.put("providerState", "Registered");
        return StepResult.done(detail);
    }

    @Override
    public RetryPolicy retry() {
        return RetryPolicy.DOWNTIME;
    }
}
