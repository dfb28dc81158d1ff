package dev.trustlift.core.assess.rules;

import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Rule;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.SizeAdvisor;
import dev.trustlift.core.assess.Sku;
import dev.trustlift.core.assess.VmFacts;
import java.util.List;
import java.util.Optional;

/**
 * TL021: the size is not offered in the location or is restricted for the subscription, so the
 * VM could not be started again after the upgrade's deallocation.
 */
public final class Tl021SizeUnavailable implements Rule {
    private final SizeAdvisor advisor;

    public Tl021SizeUnavailable(SizeAdvisor advisor) {
        this.advisor = advisor;
    }

    @Override
    public String id() {
        return "TL021";
    }

    @Override
    public Optional<Finding> evaluate(VmFacts facts) {
        if (facts.skus() == null) {
            return Optional.empty();
        }
        Optional<Sku> found = facts.skus().find(facts.size());
        if (found.isEmpty()) {
            return Optional.of(Finding.of(id(), Severity.BLOCKER,
                            "size " + facts.size() + " is not in the SKU list of " + facts.location())
                    .evidence("size", facts.size())
                    .evidence("location", facts.location())
                    .evidence("skusInLocation", facts.skus().size())
                    .remediation("pick a size available in " + facts.location()
                            + " (az vm list-skus --location " + facts.location() + "); a deallocated VM may not get its "
                            + "size back")
                    .build());
        }
        Sku sku = found.get();
        if (!sku.restricted()) {
            return Optional.empty();
        }
        List<String> suggestions = advisor.suggest(sku, facts.skus()).stream().map(Sku::name).toList();
        return Optional.of(Finding.of(id(), Severity.BLOCKER,
                        "size " + sku.name() + " is restricted for subscription " + facts.ref().subscription() + " in "
                                + facts.location())
                .evidence("size", sku.name())
                .evidence("location", facts.location())
                .evidence("restriction", sku.restriction())
                .remediation(suggestions.isEmpty()
                        ? "pick an available size, or ask for the restriction to be lifted (quota/support request)"
                        : "pick an available size, e.g. " + String.join(", ", suggestions)
                                + ", or ask for the restriction to be lifted")
                .suggestions(suggestions)
                .build());
    }
}
