package dev.trustlift.cli;

import dev.trustlift.core.cloud.CloudException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ARM's "access denied" (403 AuthorizationFailed) told as what to grant. ARM's message names the
 * action and the scope: "The client '...' with object id '...' does not have authorization to
 * perform action 'Microsoft.Compute/virtualMachines/read' over scope '/subscriptions/...' or the
 * scope is invalid." The identity is signed in and the command line is fine, so it is a failure
 * (exit 1) that a role assignment fixes, never a usage error.
 */
final class MissingPermission {
    private static final Pattern ACTION = Pattern.compile("perform action '([^']+)'");
    private static final Pattern SCOPE = Pattern.compile("over scope '([^']+)'");

    private MissingPermission() {
    }

    static boolean isAccessDenied(CloudException e) {
        return e.httpStatus() == 403 || "AuthorizationFailed".equalsIgnoreCase(e.code())
                || "LinkedAuthorizationFailed".equalsIgnoreCase(e.code());
    }

    /** The action ARM says is missing, or null when its message does not name one. */
    static String action(CloudException e) {
        Matcher m = ACTION.matcher(e.armMessage());
        return m.find() ? m.group(1) : null;
    }

    static String describe(CloudException e) {
        String action = action(e);
        StringBuilder sb = new StringBuilder("access denied: ");
        if (action == null) {
            sb.append(e.getMessage());
            return sb.toString();
        }
        sb.append("the signed-in identity lacks the permission '").append(action).append('\'');
        Matcher scope = SCOPE.matcher(e.armMessage());
        if (scope.find()) {
            sb.append(" on ").append(scope.group(1));
        }
        sb.append(" (").append(e.code()).append(", HTTP ").append(e.httpStatus());
        if (e.requestId() != null) {
            sb.append(", request ").append(e.requestId());
        }
        sb.append("); grant a role that includes it (e.g. Reader) or sign in as an identity that has it");
        return sb.toString();
    }
}
