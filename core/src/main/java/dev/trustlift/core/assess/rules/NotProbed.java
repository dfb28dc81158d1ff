package dev.trustlift.core.assess.rules;

import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.VmFacts;

/** The INFO finding of a rule that needs guest facts the run did not gather. */
final class NotProbed {
    private NotProbed() {
    }

    static Finding finding(String rule, String what, VmFacts facts) {
        String why = facts.guestNote() == null ? "the guest probe did not report it" : facts.guestNote();
        return Finding.of(rule, Severity.INFO, what + ": not probed (" + why + ")")
                .evidence("guestProbe", why)
                .remediation("run assess with --probe-guest (read-only Run Command script) to check it")
                .build();
    }
}
