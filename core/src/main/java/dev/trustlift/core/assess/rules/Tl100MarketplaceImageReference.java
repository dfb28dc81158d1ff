package dev.trustlift.core.assess.rules;

import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Rule;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.VmFacts;
import java.util.Optional;

/** TL100: the marketplace image reference stays Gen1 after the upgrade; reimaging with it would not boot. */
public final class Tl100MarketplaceImageReference implements Rule {
    @Override
    public String id() {
        return "TL100";
    }

    @Override
    public Optional<Finding> evaluate(VmFacts facts) {
        if (!facts.osDisk().hasMarketplaceImage()) {
            return Optional.empty();
        }
        return Optional.of(Finding.of(id(), Severity.WARNING, "the VM keeps its Gen1 marketplace image reference after the upgrade")
                .evidence("imageReference", facts.osDisk().image().toString())
                .remediation("never reimage this VM with " + facts.osDisk().image() + " (a Gen1 image does not "
                        + "boot as Trusted Launch); automatic guest patching that reimages is affected too")
                .build());
    }
}
