package dev.trustlift.core.assess.rules;

import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Rule;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.SiteRecoveryFacts;
import dev.trustlift.core.assess.VmFacts;
import dev.trustlift.core.cloud.Extension;
import java.time.Instant;
import java.util.Optional;

/**
 * TL070: upgrading a VM that Azure Site Recovery replicates is unsupported. Two sources say so: a
 * replication protected item for the VM in a Recovery Services vault of its subscription, and the
 * Site Recovery extension on the VM. When the vaults could not be read the evidence says that,
 * never "not replicated", and the finding still blocks (the contract's severity for TL070): a
 * verdict claims only what was checked, and upgrading a replicated VM breaks its protection.
 *
 * <p>Site Recovery does not protect Linux Trusted Launch VMs created before 2024-04-01, and an
 * in-place upgrade keeps the creation time, so such a VM may not be re-protectable afterwards.
 */
public final class Tl070SiteRecovery implements Rule {
    static final String ASR_PUBLISHER = "Microsoft.Azure.RecoveryServices.SiteRecovery";
    /** Site Recovery's cut-off for Linux Trusted Launch VMs (concepts-trusted-vm.md). */
    static final Instant LINUX_TL_CUTOFF = Instant.parse("2024-04-01T00:00:00Z");

    @Override
    public String id() {
        return "TL070";
    }

    @Override
    public Optional<Finding> evaluate(VmFacts facts) {
        Optional<Extension> mobility = Extensions.find(facts.extensions(), ASR_PUBLISHER, null);
        SiteRecoveryFacts replication = facts.siteRecovery();
        boolean replicated = replication.status() == SiteRecoveryFacts.Status.REPLICATED;
        boolean unreadable = replication.status() == SiteRecoveryFacts.Status.UNREADABLE;
        if (!replicated && mobility.isEmpty() && !unreadable) {
            return Optional.empty();
        }
        String itemEvidence = replicated ? replication.item() + " (" + replication.protectionState() + ")"
                : unreadable ? "could not be read: " + replication.problem() : "none in the subscription's vaults";
        if (!replicated && mobility.isEmpty()) {
            return Optional.of(Finding.of(id(), Severity.BLOCKER,
                            "whether Azure Site Recovery replicates the VM is unknown: its vaults could not be read")
                    .evidence("replicationItem", itemEvidence)
                    .evidence("extension", "none")
                    .evidence("timeCreated", timeCreated(facts))
                    .remediation("grant read access to the subscription's Recovery Services vaults (Site Recovery "
                            + "Reader) and assess again; a replicated VM must leave Site Recovery before the upgrade")
                    .build());
        }
        String message = replicated && mobility.isPresent() ? "Azure Site Recovery replicates the VM (protected item and extension)"
                : replicated ? "Azure Site Recovery replicates the VM (protected item in a Recovery Services vault)"
                : "the Site Recovery extension is installed on the VM";
        return Optional.of(Finding.of(id(), Severity.BLOCKER, message)
                .evidence("replicationItem", itemEvidence)
                .evidence("extension", mobility.map(Extensions::describe).orElse("none"))
                .evidence("timeCreated", timeCreated(facts))
                .remediation("disable replication for the VM, remove the Mobility service agent/extension"
                        + mobility.map(e -> " (" + e.name() + ")").orElse("") + ", upgrade, then protect it again"
                        + reprotectCaveat(facts))
                .build());
    }

    private static String timeCreated(VmFacts facts) {
        return facts.timeCreated() == null ? "unknown" : facts.timeCreated().toString();
    }

    private static String reprotectCaveat(VmFacts facts) {
        if (!facts.linux()) {
            return "";
        }
        if (facts.timeCreated() == null) {
            return "; the VM's creation time is unknown: Site Recovery refuses Linux Trusted Launch VMs created before "
                    + "2024-04-01, so re-protecting it may be refused after the upgrade";
        }
        if (facts.timeCreated().isBefore(LINUX_TL_CUTOFF)) {
            return "; this Linux VM was created " + facts.timeCreated() + ", before 2024-04-01: Site Recovery does not "
                    + "protect Linux Trusted Launch VMs that old, so re-protecting it may be refused after the upgrade";
        }
        return "";
    }
}
