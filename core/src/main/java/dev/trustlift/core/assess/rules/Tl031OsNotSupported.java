package dev.trustlift.core.assess.rules;

import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.OsSupport;
import dev.trustlift.core.assess.Rule;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.VmFacts;
import java.util.Optional;

/** TL031: the OS is excluded from the Gen1 upgrade or not on the Trusted Launch list. */
public final class Tl031OsNotSupported implements Rule {
    @Override
    public String id() {
        return "TL031";
    }

    @Override
    public Optional<Finding> evaluate(VmFacts facts) {
        OsSupport.Support support = OsSupport.classify(facts.osType(), facts.osName(), facts.osVersion());
        String message = switch (support.status()) {
            case EXCLUDED -> support.product() + " is excluded from the Gen1 to Trusted Launch upgrade";
            case NOT_LISTED -> support.product() + " is not on the Trusted Launch supported list";
            default -> null;
        };
        if (message == null) {
            return Optional.empty();
        }
        return Optional.of(Finding.of(id(), Severity.BLOCKER, message)
                .evidence("osType", facts.osType().name())
                .evidence("osName", facts.osName())
                .evidence("osVersion", facts.osVersion())
                .remediation("move the workload to (or upgrade the guest to) a supported OS: "
                        + OsSupport.supportedList(facts.osType()))
                .build());
    }
}
