package dev.trustlift.core.assess;

import dev.trustlift.core.cloud.VmRef;
import dev.trustlift.core.cloud.OsType;
import dev.trustlift.core.cloud.PowerState;
import dev.trustlift.core.cloud.SecurityType;
import dev.trustlift.core.cloud.HyperVGeneration;
import dev.trustlift.core.cloud.BackupProtection;
import dev.trustlift.core.cloud.FeatureState;
import dev.trustlift.core.cloud.Extension;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the rules know about one VM, gathered once and shared by all rules: no rule makes
 * its own cloud call. Built by a facts gatherer from the Cloud port's records (or by tests);
 * null means "unknown" where noted.
 *
 * @param osName instance view osName, null when the agent does not report it
 * @param osVersion instance view osVersion, null when unknown
 * @param backup Azure Backup's view of the VM (isProtected false when not protected)
 * @param siteRecovery whether Azure Site Recovery replicates the VM (replication item found)
 * @param migrationFeature Microsoft.Compute/Gen1ToTLMigrationPreview in the subscription; null when the
 *     feature does not exist there
 * @param skus the location's SKU list, shared by every VM there; null when it could not be read
 * @param guest the guest probe's result; null when not probed (see guestNote)
 * @param guestNote why guest facts are missing ("--probe-guest not given", "probe failed: ...")
 * @param secureBootPlanned the VM list's enableSecureBoot for this VM; null when the list does not say
 */
public record VmFacts(VmRef ref, String location, String size, OsType osType, String osName, String osVersion,
                      PowerState powerState, AgentStatus agent, SecurityType securityType, OsDiskFacts osDisk,
                      List<Extension> extensions, BackupProtection backup, boolean siteRecovery, boolean hibernation,
                      List<LockFact> locks, Map<String, String> tags, Placement placement,
                      FeatureState migrationFeature, SkuCatalog skus, GuestFacts guest, String guestNote,
                      Boolean secureBootPlanned) {

    public static final String MIGRATION_FEATURE = "Microsoft.Compute/Gen1ToTLMigrationPreview";

    public VmFacts {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(osType, "osType");
        Objects.requireNonNull(powerState, "powerState");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(securityType, "securityType");
        Objects.requireNonNull(osDisk, "osDisk");
        extensions = List.copyOf(extensions);
        locks = List.copyOf(locks);
        tags = Map.copyOf(tags);
        placement = placement == null ? Placement.REGIONAL : placement;
        backup = backup == null ? BackupProtection.notProtected() : backup;
    }

    public boolean windows() {
        return osType == OsType.WINDOWS;
    }

    public boolean linux() {
        return osType == OsType.LINUX;
    }

    /** "running", "deallocated": the power state as people read it. */
    public String powerStateText() {
        return powerState.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The tag's value, looked up case-insensitively as ARM treats tag names. */
    public Optional<String> tag(String name) {
        return tags.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }

    public static Builder builder(VmRef ref) {
        return new Builder(ref);
    }

    /** Named steps for a 21-field record; defaults describe a running Gen1 Windows VM with nothing special. */
    public static final class Builder {
        private final VmRef ref;
        private String location = "eastus";
        private String size = "Standard_D2s_v5";
        private OsType osType = OsType.WINDOWS;
        private String osName;
        private String osVersion;
        private PowerState powerState = PowerState.RUNNING;
        private AgentStatus agent = AgentStatus.READY;
        private SecurityType securityType = SecurityType.STANDARD;
        private OsDiskFacts osDisk;
        private List<Extension> extensions = List.of();
        private BackupProtection backup = BackupProtection.notProtected();
        private boolean siteRecovery;
        private boolean hibernation;
        private List<LockFact> locks = List.of();
        private Map<String, String> tags = Map.of();
        private Placement placement = Placement.REGIONAL;
        private FeatureState migrationFeature;
        private SkuCatalog skus;
        private GuestFacts guest;
        private String guestNote = "--probe-guest not given";
        private Boolean secureBootPlanned;

        private Builder(VmRef ref) {
            this.ref = ref;
            this.osDisk = new OsDiskFacts(ref.name() + "-os", true, false, HyperVGeneration.V1, DiskEncryption.NONE, null, 127);
        }

        public Builder location(String v) { location = v; return this; }
        public Builder size(String v) { size = v; return this; }
        public Builder osType(OsType v) { osType = v; return this; }
        public Builder os(String name, String version) { osName = name; osVersion = version; return this; }
        public Builder powerState(PowerState v) { powerState = v; return this; }
        public Builder agent(AgentStatus v) { agent = v; return this; }
        public Builder securityType(SecurityType v) { securityType = v; return this; }
        public Builder osDisk(OsDiskFacts v) { osDisk = v; return this; }
        public Builder extensions(List<Extension> v) { extensions = v; return this; }
        public Builder backup(BackupProtection v) { backup = v; return this; }
        public Builder siteRecovery(boolean v) { siteRecovery = v; return this; }
        public Builder hibernation(boolean v) { hibernation = v; return this; }
        public Builder locks(List<LockFact> v) { locks = v; return this; }
        public Builder tags(Map<String, String> v) { tags = v; return this; }
        public Builder placement(Placement v) { placement = v; return this; }
        public Builder migrationFeature(FeatureState v) { migrationFeature = v; return this; }
        public Builder skus(SkuCatalog v) { skus = v; return this; }
        public Builder guest(GuestFacts v) { guest = v; guestNote = null; return this; }
        public Builder guestNotProbed(String why) { guest = null; guestNote = why; return this; }
        public Builder secureBootPlanned(Boolean v) { secureBootPlanned = v; return this; }

        public VmFacts build() {
            return new VmFacts(ref, location, size, osType, osName, osVersion, powerState, agent, securityType, osDisk,
                    extensions, backup, siteRecovery, hibernation, locks, tags, placement, migrationFeature, skus, guest,
                    guestNote, secureBootPlanned);
        }
    }
}
