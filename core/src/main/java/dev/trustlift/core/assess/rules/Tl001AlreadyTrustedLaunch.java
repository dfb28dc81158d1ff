package dev.trustlift.core.assess.rules;

import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Rule;
import dev.trustlift.core.cloud.SecurityType;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.Verdict;
import dev.trustlift.core.assess.VmFacts;
import java.util.Optional;

/** TL001: the VM already runs with Trusted Launch; nothing to do. */
public final class Tl001AlreadyTrustedLaunch implements Rule {
    @Override
    public String id() {
        return "TL001";
    }

    @Override
    public Optional<Verdict> forcedVerdict() {
        return Optional.of(Verdict.ALREADY_TRUSTED_LAUNCH);
    }

    @Override
    public Optional<Finding> evaluate(VmFacts facts) {
        if (facts.securityType() != SecurityType.TRUSTED_LAUNCH) {
            return Optional.empty();
        }
        return Optional.of(Finding.of(id(), Severity.INFO, "the VM already uses Trusted Launch")
                .evidence("securityType", facts.securityType().armName())
                .evidence("hyperVGeneration", facts.osDisk().generation().name())
                .remediation("none: nothing to upgrade")
                .build());
    }
}
