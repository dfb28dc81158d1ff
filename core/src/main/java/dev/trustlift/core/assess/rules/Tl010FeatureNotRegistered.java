package dev.trustlift.core.assess.rules;

import dev.trustlift.core.cloud.FeatureState;
import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Rule;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.VmFacts;
import java.util.Optional;

/**
 * TL010: the preview feature exists in the subscription but is not registered. A feature that
 * does not exist at all means the upgrade is generally available there: nothing to register.
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
        return Optional.of(Finding.of(id(), Severity.AUTO_FIX,
                        "feature " + VmFacts.MIGRATION_FEATURE + " is " + state + " in subscription "
                                + facts.ref().subscription())
                .evidence("feature", VmFacts.MIGRATION_FEATURE)
                .evidence("state", state)
                .evidence("subscription", facts.ref().subscription())
                .remediation("upgrade registers it once per subscription (az feature register --namespace Microsoft.Compute "
                        + "--name Gen1ToTLMigrationPreview); registration needs rights on the subscription")
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
