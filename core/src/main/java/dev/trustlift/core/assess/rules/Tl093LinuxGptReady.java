package dev.trustlift.core.assess.rules;

import dev.trustlift.core.assess.DiskLayout;
import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.cloud.HyperVGeneration;
import dev.trustlift.core.assess.Rule;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.VmFacts;
import java.util.Optional;

/** TL093: endorsed Linux images are already GPT with an ESP mounted from /etc/fstab: nothing to convert. */
public final class Tl093LinuxGptReady implements Rule {
    @Override
    public String id() {
        return "TL093";
    }

    @Override
    public Optional<Finding> evaluate(VmFacts facts) {
        if (!facts.linux() || facts.osDisk().generation() == HyperVGeneration.V2) {
            return Optional.empty();
        }
        if (facts.guest() == null || facts.guest().layout() == null) {
            return Optional.empty(); // TL008 says what stayed unknown
        }
        DiskLayout layout = facts.guest().layout();
        if (layout.style() != DiskLayout.Style.GPT || layout.esp().isEmpty()
                || !Boolean.TRUE.equals(facts.guest().espInFstab())) {
            return Optional.empty();
        }
        return Optional.of(Finding.of(id(), Severity.INFO, "the Linux OS disk is already GPT with an ESP in /etc/fstab")
                .evidence("partitionStyle", "GPT")
                .evidence("esp", "partition " + layout.esp().get().number())
                .evidence("espInFstab", true)
                .remediation("nothing to convert; upgrade only switches the VM to Trusted Launch")
                .build());
    }
}
