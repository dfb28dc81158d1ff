package dev.trustlift.core.assess.rules;

import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.cloud.PowerState;
import dev.trustlift.core.cloud.VmRef;
import dev.trustlift.core.assess.Rule;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.VmFacts;
import java.util.Optional;

/** TL040: the guest steps (probe, MBR2GPT) need a running VM. */
public final class Tl040NotRunning implements Rule {
    @Override
    public String id() {
        return "TL040";
    }

    @Override
    public Optional<Finding> evaluate(VmFacts facts) {
        if (facts.powerState() == PowerState.RUNNING) {
            return Optional.empty();
        }
        return Optional.of(finding(facts.ref(), facts.powerState(), Severity.AUTO_FIX));
    }

    /**
     * The finding for a VM in {@code power}: AUTO_FIX in assess (upgrade can start it), a BLOCKER
     * in an upgrade run without --start-stopped, with the same words either way.
     */
    public static Finding finding(VmRef vm, PowerState power, Severity severity) {
        String state = power.name().toLowerCase(java.util.Locale.ROOT);
        return Finding.of("TL040", severity, "the VM is " + state + "; the guest steps need it running")
                .evidence("powerState", state)
                .remediation("upgrade starts it when run with --start-stopped (otherwise it refuses the VM); or start it "
                        + "yourself: az vm start -g " + vm.resourceGroup() + " -n " + vm.name())
                .build();
    }
}
