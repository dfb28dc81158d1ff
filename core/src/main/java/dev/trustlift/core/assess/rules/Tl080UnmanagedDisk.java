package dev.trustlift.core.assess.rules;

import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Rule;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.VmFacts;
import java.util.Optional;

/** TL080: Trusted Launch needs managed disks; a storage-account VHD must be converted first. */
public final class Tl080UnmanagedDisk implements Rule {
    @Override
    public String id() {
        return "TL080";
    }

    @Override
    public Optional<Finding> evaluate(VmFacts facts) {
        if (facts.osDisk().managed()) {
            return Optional.empty();
        }
        return Optional.of(Finding.of(id(), Severity.BLOCKER, "the OS disk is an unmanaged VHD in a storage account")
                .evidence("osDisk", facts.osDisk().name())
                .evidence("managed", false)
                .remediation("convert the VM to managed disks first (az vm deallocate, then az vm convert -g "
                        + facts.ref().resourceGroup() + " -n " + facts.ref().name() + ")")
                .build());
    }
}
