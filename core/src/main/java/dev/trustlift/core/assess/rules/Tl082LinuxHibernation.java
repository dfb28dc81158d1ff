package dev.trustlift.core.assess.rules;

import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Rule;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.VmFacts;
import java.util.Optional;

/** TL082: hibernation on Linux is unsupported with the upgrade. */
public final class Tl082LinuxHibernation implements Rule {
    @Override
    public String id() {
        return "TL082";
    }

    @Override
    public Optional<Finding> evaluate(VmFacts facts) {
        if (!facts.linux() || !facts.hibernation()) {
            return Optional.empty();
        }
        return Optional.of(Finding.of(id(), Severity.BLOCKER, "hibernation is enabled on this Linux VM")
                .evidence("hibernationEnabled", true)
                .remediation("disable hibernation (deallocate, then az vm update -g " + facts.ref().resourceGroup() + " -n "
                        + facts.ref().name() + " --enable-hibernation false)")
                .build());
    }
}
