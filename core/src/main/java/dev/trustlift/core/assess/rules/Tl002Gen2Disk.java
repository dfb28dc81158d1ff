package dev.trustlift.core.assess.rules;

import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.cloud.HyperVGeneration;
import dev.trustlift.core.assess.Rule;
import dev.trustlift.core.cloud.SecurityType;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.VmFacts;
import java.util.Optional;

/** TL002: the OS disk is already Gen2 (UEFI); only Trusted Launch needs enabling, no disk conversion. */
public final class Tl002Gen2Disk implements Rule {
    @Override
    public String id() {
        return "TL002";
    }

    @Override
    public Optional<Finding> evaluate(VmFacts facts) {
        if (facts.osDisk().generation() != HyperVGeneration.V2 || facts.securityType() != SecurityType.STANDARD) {
            return Optional.empty();
        }
        return Optional.of(Finding.of(id(), Severity.INFO, "the OS disk is already Generation 2; no disk conversion needed")
                .evidence("hyperVGeneration", "V2")
                .evidence("securityType", "Standard")
                .remediation("upgrade only enables Trusted Launch (Secure Boot and vTPM); the guest OS volume is not converted")
                .build());
    }
}
