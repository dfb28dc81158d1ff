package dev.trustlift.core.assess.rules;

import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Rule;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.SizeAdvisor;
import dev.trustlift.core.assess.SizeName;
import dev.trustlift.core.assess.Sku;
import dev.trustlift.core.assess.VmFacts;
import java.util.List;
import java.util.Optional;

/**
 * TL021: the size is not offered in the location (retired sizes are common in old Gen1 fleets) or
 * is restricted for the subscription, so the VM could not be started again after the upgrade's
 * deallocation. Suggests Trusted Launch capable sizes offered there, as TL020 does; for a size the
 * list no longer describes, from what is known of it (the vCPUs its name carries), and says so.
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
            return Optional.of(notOffered(facts));
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

    private Finding notOffered(VmFacts facts) {
        String where = facts.location();
        Integer cpus = SizeName.vCpuHint(facts.size());
        List<String> suggestions = advisor.suggestForUnlisted(facts.size(), where, facts.skus()).stream()
                .map(Sku::name).toList();
        String known = cpus == null
                ? "the SKU list no longer describes " + facts.size() + ", so its vCPUs and memory are unknown: these are "
                        + "the smallest Trusted Launch capable sizes offered there; check the workload's needs"
                : "the SKU list no longer describes " + facts.size() + ": suggested from the " + cpus + " vCPUs its name "
                        + "carries; its memory is unknown, check the workload's needs";
        String remediation = suggestions.isEmpty()
                ? "no Trusted Launch capable size" + (cpus == null ? "" : " with at least " + cpus + " vCPUs")
                        + " is offered to this subscription in " + where + "; pick another region (az vm list-skus "
                        + "--location " + where + ")"
                : "resize to a Trusted Launch capable size offered in " + where + ", closest first: "
                        + String.join(", ", suggestions) + " (" + known + ")";
        return Finding.of(id(), Severity.BLOCKER, "size " + facts.size() + " is not offered in " + where
                        + " (retired or never offered there); a deallocated VM could not start again on it")
                .evidence("size", facts.size())
                .evidence("location", where)
                .evidence("availability", "not offered in " + where)
                .evidence("vCPUs", cpus == null ? "unknown" : cpus)
                .evidence("memoryGB", "unknown")
                .remediation(remediation)
                .suggestions(suggestions)
                .build();
    }
}
