package dev.trustlift.core.assess.rules;

import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Rule;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.VmFacts;
import java.util.Optional;

/** TL081: an ephemeral OS disk does not survive the deallocation the upgrade needs. */
public final class Tl081EphemeralDisk implements Rule {
    @Override
    public String id() {
        return "TL081";
    }

    @Override
    public Optional<Finding> evaluate(VmFacts facts) {
        if (!facts.osDisk().ephemeral()) {
            return Optional.empty();
        }
        return Optional.of(Finding.of(id(), Severity.BLOCKER, "the OS disk is ephemeral; it cannot be upgraded in place")
                .evidence("osDisk", facts.osDisk().name())
                .evidence("ephemeral", true)
                .remediation("recreate the VM as Trusted Launch from a Gen2 image (ephemeral disks are rebuilt from the "
                        + "image, not converted)")
                .build());
    }
}
