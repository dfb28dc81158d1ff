package dev.trustlift.core.assess.rules;

import dev.trustlift.core.assess.AgentStatus;
import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.cloud.PowerState;
import dev.trustlift.core.assess.Rule;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.VmFacts;
import java.util.Optional;

/**
 * TL041: Run Command needs a Ready agent. Only judged on a running VM: a stopped VM's agent
 * cannot report, which TL040 already covers.
 */
public final class Tl041AgentNotReady implements Rule {
    @Override
    public String id() {
        return "TL041";
    }

    @Override
    public Optional<Finding> evaluate(VmFacts facts) {
        if (facts.powerState() != PowerState.RUNNING || facts.agent() == AgentStatus.READY) {
            return Optional.empty();
        }
        return Optional.of(Finding.of(id(), Severity.BLOCKER, "the VM agent is " + facts.agent().display()
                        + " on a running VM; Run Command cannot reach the guest")
                .evidence("agent", facts.agent().display())
                .evidence("powerState", facts.powerStateText())
                .remediation(facts.windows()
                        ? "repair the Windows Azure guest agent (restart the WindowsAzureGuestAgent service or reinstall it), "
                                + "then assess again"
                        : "repair the Linux agent (systemctl restart walinuxagent / waagent), then assess again")
                .build());
    }
}
