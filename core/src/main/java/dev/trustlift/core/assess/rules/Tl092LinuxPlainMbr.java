package dev.trustlift.core.assess.rules;

import dev.trustlift.core.assess.DiskLayout;
import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.cloud.HyperVGeneration;
import dev.trustlift.core.assess.Rule;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.VmFacts;
import java.util.Optional;

/** TL092: a Linux OS disk that is plain MBR (custom image) needs converting to GPT with an ESP. */
public final class Tl092LinuxPlainMbr implements Rule {
    @Override
    public String id() {
        return "TL092";
    }

    @Override
    public Optional<Finding> evaluate(VmFacts facts) {
        if (!facts.linux() || facts.osDisk().generation() == HyperVGeneration.V2) {
            return Optional.empty();
        }
        if (facts.guest() == null || facts.guest().layout() == null) {
            return Optional.empty(); // TL008 says what stayed unknown
        }
        DiskLayout layout = facts.guest().layout();
        if (layout.style() != DiskLayout.Style.MBR) {
            return Optional.empty();
        }
        boolean partuuid = Boolean.TRUE.equals(facts.guest().fstabUsesPartuuid());
        return Optional.of(Finding.of(id(), Severity.AUTO_FIX, "the Linux OS disk is plain MBR (custom image)")
                .evidence("partitionStyle", "MBR")
                .evidence("partitions", Tl090LayoutNotConvertible.describe(layout))
                .evidence("fstabUsesPartuuid", partuuid)
                .remediation("upgrade converts it to GPT with a BIOS boot partition and an ESP and installs GRUB for both "
                        + "BIOS and UEFI" + (partuuid ? ", rewriting the PARTUUID references in /etc/fstab" : "")
                        + "; this is not a Microsoft-supported path: take a backup first")
                .build());
    }
}
