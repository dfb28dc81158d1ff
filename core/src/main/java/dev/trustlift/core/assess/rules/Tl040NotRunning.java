package dev.trustlift.core.assess.rules;

import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.cloud.PowerState;
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
        return Optional.of(Finding.of(id(), Severity.AUTO_FIX, "the VM is " + facts.powerStateText()
                        + "; the guest steps need it running")
                .evidence("powerState", facts.powerStateText())
                .remediation("upgrade starts it when run with --start-stopped (otherwise it refuses the VM); or start it "
                        + "yourself: az vm start -g " + facts.ref().resourceGroup() + " -n " + facts.ref().name())
                .build());
    }
}
