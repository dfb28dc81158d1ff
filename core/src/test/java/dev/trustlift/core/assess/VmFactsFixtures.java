package dev.trustlift.core.assess;

import dev.trustlift.core.cloud.BackupProtection;
import dev.trustlift.core.cloud.HyperVGeneration;
import dev.trustlift.core.cloud.OsType;
import dev.trustlift.core.cloud.PowerState;
import dev.trustlift.core.cloud.SecurityType;
import dev.trustlift.core.cloud.VmRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The defaults rule tests vary one fact at a time from: a running Gen1 Windows VM with nothing
 * special, whose guest was not probed. They live here, not in the production builder, so a gatherer
 * that forgets a field fails instead of inheriting a made-up fact.
 */
public final class VmFactsFixtures {
    /** A creation time after Site Recovery's 2024-04-01 cut-off for Linux Trusted Launch VMs. */
    public static final Instant CREATED = Instant.parse("2024-06-01T10:00:00Z");

    private VmFactsFixtures() {
    }

    public static VmFacts.Builder builder(VmRef ref) {
        return VmFacts.builder(ref)
                .location("eastus")
                .size("Standard_D2s_v5")
                .osType(OsType.WINDOWS)
                .os(null, null)
                .powerState(PowerState.RUNNING)
                .agent(AgentStatus.READY)
                .securityType(SecurityType.STANDARD)
                .osDisk(new OsDiskFacts(ref.name() + "-os", true, false, HyperVGeneration.V1, DiskEncryption.NONE, null, 127))
                .extensions(List.of())
                .backup(BackupProtection.notProtected())
                .siteRecovery(SiteRecoveryFacts.notReplicated())
                .hibernation(false)
                .locks(List.of())
                .tags(Map.of())
                .placement(Placement.REGIONAL)
                .migrationFeature(null)
                .skus(null)
                .guestNotProbed("--no-probe-guest given")
                .secureBootPlanned(null)
                .timeCreated(CREATED);
    }
}
