package dev.trustlift.core.upgrade.steps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.core.upgrade.EndedOperation;
import dev.trustlift.core.upgrade.StepResult;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What an ARM error code says about trying again. An operation that ended Failed reports a code
 * but no HTTP status, so the window steps judge by the code: ARM's 400-family codes (a request
 * ARM will refuse again) are final, everything else (conflicts, capacity, throttling, internal
 * errors, codes ARM may add) is worth another try within the step's policy, because giving up
 * in the downtime window costs a restore.
 */
final class ArmCodes {
    /** ARM refuses the security type change until the gating feature is registered: the plan's register-feature detour. */
    static final String FEATURE_NOT_REGISTERED = "SubscriptionNotRegisteredForFeature";

    private static final Set<String> FINAL = Set.of("badrequest", "invalidparameter", "invalidrequestcontent",
            "invalidrequestformat", "propertychangenotallowed", "operationnotallowed", "authorizationfailed",
            "linkedauthorizationfailed", "forbidden", "unauthorized", "resourcenotfound", "notfound",
            "featurenotfound", "invalidresourcereference", "conflictingusersettings");

    private ArmCodes() {
    }

    static boolean retryable(String code) {
        if (code == null || code.isBlank()) {
            return true;
        }
        if (FEATURE_NOT_REGISTERED.equalsIgnoreCase(code)) {
            // After register-feature ran, ARM may still refuse for a while: the registration propagates.
            return true;
        }
        String c = code.toLowerCase(Locale.ROOT);
        return !(FINAL.contains(c) || c.startsWith("invalid") || c.endsWith("notsupported") || c.endsWith("notallowed"));
    }

    /** The step's failure for an operation that ended Failed or Canceled, in ARM's words. */
    static StepResult.Failed failed(EndedOperation op, String what, ObjectNode detail) {
        String code = op.state().errorCode() == null ? op.state().status().name() : op.state().errorCode();
        String message = what + " ended " + op.state().status().name().toLowerCase(Locale.ROOT)
                + (op.state().errorMessage() == null || op.state().errorMessage().isBlank() ? "" : ": " + op.state().errorMessage());
        List<String> ids = op.state().requestId() == null ? List.of() : List.of(op.state().requestId());
        return new StepResult.Failed(code, message, retryable(code), false, detail, ids);
    }
}
