package dev.trustlift.core.assess.rules;

import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.OsSupport;
import dev.trustlift.core.cloud.PowerState;
import dev.trustlift.core.assess.Rule;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.VmFacts;
import java.util.Optional;

/** TL032: the OS name or version is unknown because the agent does not report it. */
public final class Tl032OsUnknown implements Rule {
    @Override
    public String id() {
        return "TL032";
    }

    @Override
    public Optional<Finding> evaluate(VmFacts facts) {
        if (OsSupport.classify(facts.osType(), facts.osName(), facts.osVersion()).status() != OsSupport.Status.UNKNOWN) {
            return Optional.empty();
        }
        boolean running = facts.powerState() == PowerState.RUNNING;
        return Optional.of(Finding.of(id(), Severity.BLOCKER, "the OS name/version is unknown: "
                        + (running ? "the VM agent does not report it" : "the VM is " + facts.powerStateText()))
                .evidence("osName", facts.osName())
                .evidence("osVersion", facts.osVersion())
                .evidence("powerState", facts.powerStateText())
                .evidence("agent", facts.agent().display())
                .evidence("imageReference", facts.osDisk().image() == null ? "none" : facts.osDisk().image().toString())
                .remediation(running
                        ? "repair the VM agent (it must report osName/osVersion in the instance view), then assess again"
                        : "start the VM so its agent reports the OS, then assess again")
                .build());
    }
}
