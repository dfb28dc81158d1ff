package dev.trustlift.core.assess.rules;

import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Rule;
import dev.trustlift.core.cloud.SecurityType;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.Verdict;
import dev.trustlift.core.assess.VmFacts;
import java.util.Optional;

/** TL003: confidential VMs and scale-set members are outside what a per-VM upgrade may change. */
public final class Tl003NotApplicable implements Rule {
    @Override
    public String id() {
        return "TL003";
    }

    @Override
    public Optional<Verdict> forcedVerdict() {
        return Optional.of(Verdict.SKIPPED);
    }

    @Override
    public Optional<Finding> evaluate(VmFacts facts) {
        if (facts.securityType() == SecurityType.CONFIDENTIAL_VM) {
            return Optional.of(Finding.of(id(), Severity.INFO, "confidential VM: Trusted Launch does not apply")
                    .evidence("securityType", facts.securityType().armName())
                    .remediation("none: skipped")
                    .build());
        }
        String scaleSet = facts.placement().scaleSet();
        if (scaleSet != null) {
            return Optional.of(Finding.of(id(), Severity.INFO, "member of scale set " + scaleSet
                            + ": the scale set's model decides its security type")
                    .evidence("scaleSet", scaleSet)
                    .remediation("none: skipped; change the scale set's model instead")
                    .build());
        }
        return Optional.empty();
    }
}
