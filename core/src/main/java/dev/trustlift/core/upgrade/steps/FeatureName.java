package dev.trustlift.core.upgrade.steps;

import dev.trustlift.core.assess.VmFacts;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The feature an ARM refusal names ("... not registered for feature Microsoft.Compute/Name ..."),
 * or the Gen1-to-Trusted-Launch flag when the message names none.
 */
final class FeatureName {
    private static final Pattern NAMED = Pattern.compile("(?i)feature\\s+'?([A-Za-z][A-Za-z0-9]*(?:\\.[A-Za-z0-9]+)+/[A-Za-z0-9_.-]+?)'?(?=[\\s'\".,;]|$)");

    private FeatureName() {
    }

    static String from(String armMessage) {
        if (armMessage != null) {
            Matcher m = NAMED.matcher(armMessage);
            if (m.find()) {
                return m.group(1);
            }
        }
        return VmFacts.MIGRATION_FEATURE;
    }
}
