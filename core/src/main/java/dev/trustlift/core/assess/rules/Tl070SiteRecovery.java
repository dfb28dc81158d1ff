package dev.trustlift.core.assess.rules;

import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Rule;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.cloud.Extension;
import dev.trustlift.core.assess.VmFacts;
import java.util.Optional;

/** TL070: upgrading a VM that Azure Site Recovery replicates is unsupported. */
public final class Tl070SiteRecovery implements Rule {
    static final String ASR_PUBLISHER = "Microsoft.Azure.RecoveryServices.SiteRecovery";

    @Override
    public String id() {
        return "TL070";
    }

    @Override
    public Optional<Finding> evaluate(VmFacts facts) {
        Optional<Extension> mobility = Extensions.find(facts.extensions(), ASR_PUBLISHER, null);
        if (!facts.siteRecovery() && mobility.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Finding.of(id(), Severity.BLOCKER, "Azure Site Recovery replicates the VM")
                .evidence("replicationItem", facts.siteRecovery())
                .evidence("extension", mobility.map(Extensions::describe).orElse("none"))
                .remediation("disable replication for the VM, remove the Mobility service agent/extension"
                        + mobility.map(e -> " (" + e.name() + ")").orElse("") + ", upgrade, then protect it again")
                .build());
    }
}
