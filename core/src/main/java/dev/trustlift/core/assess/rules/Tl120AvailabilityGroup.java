package dev.trustlift.core.assess.rules;

import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Placement;
import dev.trustlift.core.assess.Rule;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.VmFacts;
import java.util.Optional;

/** TL120: availability set or zone membership; the planner staggers such VMs across waves. */
public final class Tl120AvailabilityGroup implements Rule {
    @Override
    public String id() {
        return "TL120";
    }

    @Override
    public Optional<Finding> evaluate(VmFacts facts) {
        Placement p = facts.placement();
        if (p.availabilitySet() == null && p.zones().isEmpty()) {
            return Optional.empty();
        }
        String where = p.availabilitySet() != null ? "availability set " + p.availabilitySet() : "zone " + String.join(",", p.zones());
        Finding.Builder b = Finding.of(id(), Severity.INFO, "member of " + where);
        if (p.availabilitySet() != null) {
            b.evidence("availabilitySet", p.availabilitySet());
        }
        if (!p.zones().isEmpty()) {
            b.evidence("zones", p.zones());
        }
        return Optional.of(b.remediation("none: plan never takes down two VMs of one availability set or zone group at once")
                .build());
    }
}
