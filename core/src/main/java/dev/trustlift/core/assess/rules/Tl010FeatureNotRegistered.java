package dev.trustlift.core.assess.rules;

import dev.trustlift.core.cloud.FeatureState;
import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Rule;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.VmFacts;
import java.util.Optional;

/**
 * TL010: the legacy preview feature exists in the subscription but is not registered. Since the
 * upgrade became generally available (2025-09) Azure no longer asks for it, so this is only
 * information: it never changes a verdict, and upgrade registers the feature only where Azure
 * refuses the change for it (a cloud that lags GA). Registration needs subscription-wide rights
 * many operators do not have, which is why it must not be asked for by default.
 */
public final class Tl010FeatureNotRegistered implements Rule {
    @Override
    public String id() {
        return "TL010";
    }

    @Override
    public Optional<Finding> evaluate(VmFacts facts) {
        FeatureState feature = facts.migrationFeature();
        if (feature == null || feature.registered()) {
            return Optional.empty();
        }
        String state = armWords(feature.state());
        return Optional.of(Finding.of(id(), Severity.INFO,
                        "feature " + VmFacts.MIGRATION_FEATURE + " exists and is " + state + " in subscription "
                                + facts.ref().subscription() + "; it is not needed since the upgrade is generally available")
                .evidence("feature", VmFacts.MIGRATION_FEATURE)
                .evidence("state", state)
                .evidence("subscription", facts.ref().subscription())
                .remediation("none needed: the upgrade is generally available; upgrade registers the feature only if Azure "
                        + "refuses the change for it (az feature register --namespace Microsoft.Compute --name "
                        + "Gen1ToTLMigrationPreview, which needs rights on the subscription)")
                .build());
    }

    /** NOT_REGISTERED -> "NotRegistered", as ARM and the portal write it. */
    static String armWords(FeatureState.Registration state) {
        StringBuilder b = new StringBuilder();
        for (String part : state.name().split("_")) {
            b.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return b.toString();
    }
}
