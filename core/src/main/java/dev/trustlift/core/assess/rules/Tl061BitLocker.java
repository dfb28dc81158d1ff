package dev.trustlift.core.assess.rules;

import dev.trustlift.core.assess.BitLockerState;
import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Rule;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.VmFacts;
import java.util.Optional;

/**
 * TL061: BitLocker protecting the Windows OS volume makes MBR2GPT refuse (exit code 6).
 * Suspended protection is accepted by MBR2GPT, so only ON blocks.
 */
public final class Tl061BitLocker implements Rule {
    @Override
    public String id() {
        return "TL061";
    }

    @Override
    public Optional<Finding> evaluate(VmFacts facts) {
        if (!facts.windows()) {
            return Optional.empty();
        }
        if (facts.guest() == null) {
            return Optional.empty(); // TL008 says what stayed unknown
        }
        BitLockerState state = facts.guest().bitLocker();
        if (state != BitLockerState.ON) {
            return Optional.empty();
        }
        return Optional.of(Finding.of(id(), Severity.BLOCKER, "BitLocker protects the Windows OS volume C:")
                .evidence("bitLocker", state.name().toLowerCase(java.util.Locale.ROOT))
                .remediation("suspend it for the upgrade (Suspend-BitLocker -MountPoint C: -RebootCount 0) or disable it "
                        + "(manage-bde -off C:); resume or re-enable it after the upgrade")
                .build());
    }
}
