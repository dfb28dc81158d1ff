package dev.trustlift.core.assess.rules;

import dev.trustlift.core.cloud.BackupProtection;
import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Rule;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.VmFacts;
import java.util.Optional;

/** TL050: a Standard (V1) backup policy cannot protect a Trusted Launch VM. */
public final class Tl050BackupStandardPolicy implements Rule {
    @Override
    public String id() {
        return "TL050";
    }

    @Override
    public Optional<Finding> evaluate(VmFacts facts) {
        BackupProtection backup = facts.backup();
        if (!backup.isProtected() || backup.policyType() != BackupProtection.PolicyType.STANDARD) {
            return Optional.empty();
        }
        String vault = vaultName(backup.vaultId());
        return Optional.of(Finding.of(id(), Severity.BLOCKER, "Azure Backup protects the VM with Standard policy '"
                        + backup.policyName() + "' in vault '" + vault + "'")
                .evidence("vault", vault)
                .evidence("vaultId", backup.vaultId())
                .evidence("policy", backup.policyName())
                .evidence("policyType", "Standard")
                .remediation("in vault '" + vault + "', move the VM from Standard policy '" + backup.policyName()
                        + "' to an Enhanced policy (one-way; leftover Standard restore points make the upgrade fail with 409)")
                .build());
    }

    /** The vault's name from its ARM id (the last segment); the id itself when it has no slash. */
    static String vaultName(String vaultId) {
        if (vaultId == null) {
            return "unknown";
        }
        String trimmed = vaultId.endsWith("/") ? vaultId.substring(0, vaultId.length() - 1) : vaultId;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }
}
