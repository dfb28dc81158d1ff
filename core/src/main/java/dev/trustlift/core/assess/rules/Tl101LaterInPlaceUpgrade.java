package dev.trustlift.core.assess.rules;

import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Rule;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.VmFacts;
import java.util.Locale;
import java.util.Optional;

/** TL101: converted Windows 10 and Server 2019 have known boot issues after a later in-place upgrade. */
public final class Tl101LaterInPlaceUpgrade implements Rule {
    @Override
    public String id() {
        return "TL101";
    }

    @Override
    public Optional<Finding> evaluate(VmFacts facts) {
        if (!facts.windows() || facts.osName() == null) {
            return Optional.empty();
        }
        String name = facts.osName().toLowerCase(Locale.ROOT);
        String advice;
        if (name.startsWith("windows 10")) {
            advice = "before an in-place upgrade to Windows 11 make sure the target build has the fix (24H2 26100.2314 or "
                    + "23H2 22631.5624 or later): older builds fail to boot after a Gen1 conversion; snapshot first";
        } else if (name.contains("windows server 2019")) {
            advice = "an in-place upgrade to Windows Server 2022 after the conversion can fail with \"The boot loader did not "
                    + "load an operating system\" (fixed by going to 2025); snapshot first and read the known issues";
        } else {
            return Optional.empty();
        }
        return Optional.of(Finding.of(id(), Severity.INFO, facts.osName() + ": mind the known issues of a later in-place upgrade")
                .evidence("osName", facts.osName())
                .evidence("osVersion", facts.osVersion())
                .remediation(advice)
                .build());
    }
}
