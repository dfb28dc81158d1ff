package dev.trustlift.core.assess.rules;

import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Rule;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.SizeAdvisor;
import dev.trustlift.core.assess.Sku;
import dev.trustlift.core.assess.VmFacts;
import java.util.List;
import java.util.Optional;

/** TL020: the size cannot run Trusted Launch in this location; suggests the closest sizes that can. */
public final class Tl020SizeNotCapable implements Rule {
    private final SizeAdvisor advisor;

    public Tl020SizeNotCapable(SizeAdvisor advisor) {
        this.advisor = advisor;
    }

    @Override
    public String id() {
        return "TL020";
    }

    @Override
    public Optional<Finding> evaluate(VmFacts facts) {
        if (facts.skus() == null) {
            return Optional.empty();
        }
        Optional<Sku> found = facts.skus().find(facts.size());
        if (found.isEmpty() || found.get().trustedLaunchCapable()) {
            return Optional.empty();
        }
        Sku sku = found.get();
        String why = sku.trustedLaunchDisabled() ? "has TrustedLaunchDisabled=True" : "does not support Generation 2 (V2)";
        List<String> suggestions = advisor.suggest(sku, facts.skus()).stream().map(Sku::name).toList();
        String remediation = suggestions.isEmpty()
                ? "no Trusted Launch capable size with at least " + sku.vCpus() + " vCPUs and " + fmt(sku.memoryGb())
                        + " GiB is offered to this subscription in " + facts.location() + "; pick a larger family or "
                        + "another region"
                : "resize to a Trusted Launch capable size in " + facts.location() + " (at least " + sku.vCpus()
                        + " vCPUs, " + fmt(sku.memoryGb()) + " GiB), closest first: " + String.join(", ", suggestions);
        return Optional.of(Finding.of(id(), Severity.BLOCKER, "size " + sku.name() + " " + why + " in " + facts.location())
                .evidence("size", sku.name())
                .evidence("location", facts.location())
                .evidence("hyperVGenerations", sku.generationsText())
                .evidence("trustedLaunchDisabled", sku.trustedLaunchDisabled())
                .evidence("vCPUs", sku.vCpus())
                .evidence("memoryGB", number(sku.memoryGb()))
                .remediation(remediation)
                .suggestions(suggestions)
                .build());
    }

    /** 4.0 shows as 4, 218.75 as 218.75: whole numbers stay integers in JSON too. */
    static Number number(double gb) {
        return gb == Math.rint(gb) ? (Number) (long) gb : (Number) gb;
    }

    static String fmt(double gb) {
        return gb == Math.rint(gb) ? String.valueOf((long) gb) : String.valueOf(gb);
    }
}
