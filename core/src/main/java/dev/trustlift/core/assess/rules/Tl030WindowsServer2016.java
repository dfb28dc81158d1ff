package dev.trustlift.core.assess.rules;

import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.OsSupport;
import dev.trustlift.core.assess.Rule;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.VmFacts;
import java.util.Optional;

/** TL030: Windows Server 2016 has no MBR2GPT, so its OS volume cannot be converted in place. */
public final class Tl030WindowsServer2016 implements Rule {
    @Override
    public String id() {
        return "TL030";
    }

    @Override
    public Optional<Finding> evaluate(VmFacts facts) {
        OsSupport.Support support = OsSupport.classify(facts.osType(), facts.osName(), facts.osVersion());
        if (support.status() != OsSupport.Status.WINDOWS_SERVER_2016) {
            return Optional.empty();
        }
        return Optional.of(Finding.of(id(), Severity.BLOCKER, support.product() + " has no MBR2GPT; its disk cannot be converted")
                .evidence("osName", facts.osName())
                .evidence("osVersion", facts.osVersion())
                .remediation("in-place upgrade the guest to Windows Server 2019 or 2022 first (snapshot before), then assess again")
                .build());
    }
}
