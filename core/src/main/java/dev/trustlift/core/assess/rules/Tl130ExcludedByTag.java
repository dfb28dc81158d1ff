package dev.trustlift.core.assess.rules;

import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Rule;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.Verdict;
import dev.trustlift.core.assess.VmFacts;
import java.util.Optional;

/** TL130: the owner excluded the VM with the tag trustlift:exclude (any value). */
public final class Tl130ExcludedByTag implements Rule {
    public static final String EXCLUDE_TAG = "trustlift:exclude";

    @Override
    public String id() {
        return "TL130";
    }

    @Override
    public Optional<Verdict> forcedVerdict() {
        return Optional.of(Verdict.SKIPPED);
    }

    @Override
    public Optional<Finding> evaluate(VmFacts facts) {
        return facts.tag(EXCLUDE_TAG).map(value -> Finding.of(id(), Severity.INFO, "excluded by tag " + EXCLUDE_TAG)
                .evidence("tag", EXCLUDE_TAG)
                .evidence("value", value)
                .remediation("none: skipped; remove the tag to include the VM")
                .build());
    }
}
