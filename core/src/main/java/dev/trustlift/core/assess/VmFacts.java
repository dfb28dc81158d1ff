package dev.trustlift.core.assess;

import dev.trustlift.core.cloud.VmRef;
import dev.trustlift.core.cloud.OsType;
import dev.trustlift.core.cloud.PowerState;
import dev.trustlift.core.cloud.SecurityType;
import dev.trustlift.core.cloud.BackupProtection;
import dev.trustlift.core.cloud.FeatureState;
import dev.trustlift.core.cloud.Extension;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the rules know about one VM, gathered once and shared by all rules: no rule makes
 * its own cloud call. Built by a facts gatherer from the Cloud port's records (or by tests);
 * null means "unknown" where noted.
 *
 * @param osName instance view osName, null when the agent does not report it
 * @param osVersion instance view osVersion, null when unknown
 * @param backup Azure Backup's view of the VM (isProtected false when not protected)
 * @param siteRecovery what Site Recovery's vaults say about the VM (replicated, not, or unreadable)
 * @param migrationFeature Microsoft.Compute/Gen1ToTLMigrationPreview in the subscription; null when the
 *     feature does not exist there
 * @param skus the location's SKU list, shared by every VM there; null when it could not be read
 * @param guest the guest probe's result; null when not probed (see guestNote)
 * @param guestNote why guest facts are missing ("--no-probe-guest given", "probe failed: ...")
 * @param secureBootPlanned the VM list's enableSecureBoot for this VM; null when the list does not say
 * @param timeCreated the VM model's properties.timeCreated; null when ARM did not say
 */
public record VmFacts(VmRef ref, String location, String size, OsType osType, String osName, String osVersion,
                      PowerState powerState, AgentStatus agent, SecurityType securityType, OsDiskFacts osDisk,
                      List<Extension> extensions, BackupProtection backup, SiteRecoveryFacts siteRecovery,
                      boolean hibernation, List<LockFact> locks, Map<String, String> tags, Placement placement,
                      FeatureState migrationFeature, SkuCatalog skus, GuestFacts guest, String guestNote,
                      Boolean secureBootPlanned, Instant timeCreated) {

    public static final String MIGRATION_FEATURE = "Microsoft.Compute/Gen1ToTLMigrationPreview";

    public VmFacts {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(osType, "osType");
        Objects.requireNonNull(powerState, "powerState");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(securityType, "securityType");
        Objects.requireNonNull(osDisk, "osDisk");
        Objects.requireNonNull(siteRecovery, "siteRecovery");
        extensions = List.copyOf(extensions);
        locks = List.copyOf(locks);
        tags = Map.copyOf(tags);
        placement = placement == null ? Placement.REGIONAL : placement;
        backup = backup == null ? BackupProtection.notProtected() : backup;
    }

    /** The same facts with what a guest probe run later found (the upgrade probes after assess). */
    public VmFacts withGuest(GuestFacts probed) {
        return new VmFacts(ref, location, size, osType, osName, osVersion, powerState, agent, securityType, osDisk,
                extensions, backup, siteRecovery, hibernation, locks, tags, placement, migrationFeature, skus,
                Objects.requireNonNull(probed, "probed"), null, secureBootPlanned, timeCreated);
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

    /**
     * Named steps for a 23-field record. It has no defaults: build() refuses facts whose gatherer
     * forgot one (a default here would be a fact nobody read). Tests keep their defaults in a
     * test fixture.
     */
    public static final class Builder {
        private static final List<String> FIELDS = List.of("location", "size", "osType", "os", "powerState", "agent",
                "securityType", "osDisk", "extensions", "backup", "siteRecovery", "hibernation", "locks", "tags",
                "placement", "migrationFeature", "skus", "guest", "secureBootPlanned", "timeCreated");
        private final VmRef ref;
        private final Set<String> set = new HashSet<>();
        private String location;
        private String size;
        private OsType osType;
        private String osName;
        private String osVersion;
        private PowerState powerState;
        private AgentStatus agent;
        private SecurityType securityType;
        private OsDiskFacts osDisk;
        private List<Extension> extensions;
        private BackupProtection backup;
        private SiteRecoveryFacts siteRecovery;
        private boolean hibernation;
        private List<LockFact> locks;
        private Map<String, String> tags;
        private Placement placement;
        private FeatureState migrationFeature;
        private SkuCatalog skus;
        private GuestFacts guest;
        private String guestNote;
        private Boolean secureBootPlanned;
        private Instant timeCreated;

        private Builder(VmRef ref) {
            this.ref = Objects.requireNonNull(ref, "ref");
        }

        private Builder mark(String field) {
            set.add(field);
            return this;
        }

        public Builder location(String v) { location = v; return mark("location"); }
        public Builder size(String v) { size = v; return mark("size"); }
        public Builder osType(OsType v) { osType = v; return mark("osType"); }
        public Builder os(String name, String version) { osName = name; osVersion = version; return mark("os"); }
        public Builder powerState(PowerState v) { powerState = v; return mark("powerState"); }
        public Builder agent(AgentStatus v) { agent = v; return mark("agent"); }
        public Builder securityType(SecurityType v) { securityType = v; return mark("securityType"); }
        public Builder osDisk(OsDiskFacts v) { osDisk = v; return mark("osDisk"); }
        public Builder extensions(List<Extension> v) { extensions = v; return mark("extensions"); }
        public Builder backup(BackupProtection v) { backup = v; return mark("backup"); }
        public Builder siteRecovery(SiteRecoveryFacts v) { siteRecovery = v; return mark("siteRecovery"); }
        public Builder hibernation(boolean v) { hibernation = v; return mark("hibernation"); }
        public Builder locks(List<LockFact> v) { locks = v; return mark("locks"); }
        public Builder tags(Map<String, String> v) { tags = v; return mark("tags"); }
        public Builder placement(Placement v) { placement = v; return mark("placement"); }
        public Builder migrationFeature(FeatureState v) { migrationFeature = v; return mark("migrationFeature"); }
        public Builder skus(SkuCatalog v) { skus = v; return mark("skus"); }
        public Builder guest(GuestFacts v) { guest = v; guestNote = null; return mark("guest"); }
        public Builder guestNotProbed(String why) { guest = null; guestNote = Objects.requireNonNull(why, "why"); return mark("guest"); }
        public Builder secureBootPlanned(Boolean v) { secureBootPlanned = v; return mark("secureBootPlanned"); }
        public Builder timeCreated(Instant v) { timeCreated = v; return mark("timeCreated"); }

        public VmFacts build() {
            List<String> missing = FIELDS.stream().filter(f -> !set.contains(f)).toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException("facts of " + ref.id() + " lack " + String.join(", ", missing));
            }
            return new VmFacts(ref, location, size, osType, osName, osVersion, powerState, agent, securityType, osDisk,
                    extensions, backup, siteRecovery, hibernation, locks, tags, placement, migrationFeature, skus, guest,
                    guestNote, secureBootPlanned, timeCreated);
        }
    }
}
