package dev.trustlift.core.assess.gather;

import dev.trustlift.core.assess.AgentStatus;
import dev.trustlift.core.assess.DiskEncryption;
import dev.trustlift.core.assess.GuestFacts;
import dev.trustlift.core.assess.LockFact;
import dev.trustlift.core.assess.OsDiskFacts;
import dev.trustlift.core.assess.Placement;
import dev.trustlift.core.assess.SiteRecoveryFacts;
import dev.trustlift.core.assess.VmFacts;
import dev.trustlift.core.assess.rules.Tl130ExcludedByTag;
import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.CloudException;
import dev.trustlift.core.cloud.FeatureState;
import dev.trustlift.core.cloud.HyperVGeneration;
import dev.trustlift.core.cloud.InstanceView;
import dev.trustlift.core.cloud.OsDisk;
import dev.trustlift.core.cloud.OsDiskRef;
import dev.trustlift.core.cloud.OsType;
import dev.trustlift.core.cloud.PowerState;
import dev.trustlift.core.cloud.ResourceLock;
import dev.trustlift.core.cloud.ScriptResult;
import dev.trustlift.core.cloud.SecurityType;
import dev.trustlift.core.cloud.Vm;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the Cloud port's records into {@link VmFacts}, setting every field, reading each fact once:
 * the SKU list once per subscription and location, the preview feature and Site Recovery's
 * replication items once per subscription, the locks once per resource group, and per VM the
 * instance view, extensions (unless the VM list already carried them) and backup status (the disk only when the instance view does not give the
 * generation). VMs that will be skipped anyway (Trusted Launch, confidential,
 * excluded by tag) cost no call. Nothing is changed; the read-only guest probe runs on every running
 * VM with a Ready agent unless opted out, and where it cannot run the facts say why (TL008).
 */
public final class FactsGatherer {
    private static final String NOT_READ = "not read: the VM model decides the verdict";
    private static final Pattern GROUP = Pattern.compile("(?i)/resourceGroups/([^/]+)");
    private final Cloud cloud;
    private final boolean probeGuest;
    private final SkuCatalogs skus;
    private final ResourceGroupLocks locks;
    private final SiteRecoveryReplications replications;
    private final Map<String, Optional<FeatureState>> features = new ConcurrentHashMap<>();

    public FactsGatherer(Cloud cloud, boolean probeGuest) {
        this.cloud = cloud;
        this.probeGuest = probeGuest;
        this.skus = new SkuCatalogs(cloud);
        this.locks = new ResourceGroupLocks(cloud);
        this.replications = new SiteRecoveryReplications(cloud);
    }

    /** Reads the facts of one VM; a CloudException means the VM cannot be assessed (UNKNOWN). */
    public VmFacts gather(Vm vm) {
        return gather(vm, null);
    }

    /** @param enableSecureBoot the VM list's choice for this VM, null when no list says */
    public VmFacts gather(Vm vm, Boolean enableSecureBoot) {
        VmFacts.Builder b = VmFacts.builder(vm.ref())
                .secureBootPlanned(enableSecureBoot)
                .location(vm.location())
                .size(vm.size())
                .osType(vm.osType())
                .securityType(vm.securityType())
                .tags(vm.tags())
                .placement(new Placement(lastSegment(vm.availabilitySetId()), vm.zones(), lastSegment(vm.scaleSetId())))
                .hibernation(vm.hibernationEnabled())
                .timeCreated(vm.timeCreated());
        OsDiskRef diskRef = vm.osDisk();
        if (vm.securityType() != SecurityType.STANDARD || vm.scaleSetMember() || vm.tags().keySet().stream()
                .anyMatch(Tl130ExcludedByTag.EXCLUDE_TAG::equalsIgnoreCase)) {
            // The verdict is decided by the VM model alone and only the gate rules run: reading
            // more would only cost calls, so the rest is set to "not read".
            return b.osDisk(disk(vm, diskRef, vm.securityType() == SecurityType.STANDARD ? HyperVGeneration.UNKNOWN
                            : HyperVGeneration.V2, null))
                    .os(null, null)
                    .powerState(PowerState.UNKNOWN)
                    .agent(AgentStatus.UNKNOWN)
                    .extensions(List.of())
                    .backup(null)
                    .siteRecovery(SiteRecoveryFacts.unreadable(NOT_READ))
                    .locks(List.of())
                    .migrationFeature(null)
                    .skus(null)
                    .guestNotProbed(NOT_READ)
                    .build();
        }
        InstanceView view = cloud.getInstanceView(vm.ref());
        b.powerState(view.powerState() == null ? PowerState.UNKNOWN : view.powerState())
                .agent(AgentStatus.parse(view.agentStatus()))
                .os(blankToNull(view.osName()), blankToNull(view.osVersion()));
        HyperVGeneration generation = view.hyperVGeneration();
        OsDisk disk = null;
        if ((!generation.known() || diskRef.sizeGb() <= 0) && diskRef.managed() && diskRef.id() != null) {
            disk = cloud.getDisk(diskRef.id());
            generation = disk.hyperVGeneration().known() ? disk.hyperVGeneration() : generation;
        }
        OsDiskFacts osDisk = disk(vm, diskRef, generation, disk);
        List<LockFact> locks = locks(vm);
        b.osDisk(osDisk)
                .extensions(vm.extensions() != null ? vm.extensions() : cloud.listExtensions(vm.ref()))
                .backup(cloud.getBackupProtection(vm.ref(), vm.location()))
                .siteRecovery(replications.of(vm.ref().subscription(), vm.ref().id()))
                .locks(locks)
                .migrationFeature(feature(vm.ref().subscription()))
                .skus(skus.catalog(vm.ref().subscription(), vm.location()));
        String skip = whyNotProbed(vm, view, osDisk, locks);
        if (skip != null) {
            b.guestNotProbed(skip);
        } else {
            probe(vm, b);
        }
        return b.build();
    }

    /** Why the guest probe does not run on this VM, or null when it runs. */
    private String whyNotProbed(Vm vm, InstanceView view, OsDiskFacts osDisk, List<LockFact> locks) {
        if (!probeGuest) {
            return "--no-probe-guest given";
        }
        if (vm.osType() == OsType.LINUX && osDisk.generation() == HyperVGeneration.V2) {
            // Only the conversion rules read a Linux guest, and a Gen2 disk needs no conversion.
            return "no guest rule applies to a Gen2 Linux OS disk";
        }
        if (view.powerState() != PowerState.RUNNING) {
            return "the VM is not running (" + (view.powerState() == null ? "unknown"
                    : view.powerState().name().toLowerCase(Locale.ROOT)) + ")";
        }
        if (!view.agentReady()) {
            return "the VM agent is not Ready (" + (view.agentStatus() == null ? "no status" : view.agentStatus()) + ")";
        }
        if (locks.stream().anyMatch(l -> l.level() == LockFact.Level.READ_ONLY)) {
            // ARM counts Run Command as a write, so a ReadOnly lock refuses it (409 ScopeLocked).
            return "a ReadOnly lock refuses Run Command (see TL110)";
        }
        return null;
    }

    private void probe(Vm vm, VmFacts.Builder b) {
        ScriptResult result;
        try {
            result = cloud.runScript(vm.ref(), GuestProbe.script(vm.osType()));
        } catch (CloudException e) {
            b.guestNotProbed("probe failed: " + shorten(e.getMessage()));
            return;
        }
        if (!result.succeeded()) {
            String err = result.stderr().isBlank() ? result.stdout() : result.stderr();
            b.guestNotProbed("probe exited with " + (result.exitCode() == ScriptResult.UNKNOWN_EXIT ? "no exit code"
                    : "code " + result.exitCode()) + ": " + shorten(err.trim()));
            return;
        }
        try {
            GuestFacts facts = ProbeOutput.parse(result.stdout());
            b.guest(facts);
        } catch (IllegalArgumentException e) {
            b.guestNotProbed("probe output not understood: " + e.getMessage());
        }
    }

    /**
     * The locks on the VM, its OS disk, its resource group (and the OS disk's, when elsewhere) or
     * the subscription, from the cached listings of those groups.
     */
    private List<LockFact> locks(Vm vm) {
        List<ResourceLock> found = new ArrayList<>(locks.of(vm.ref().subscription(), vm.ref().resourceGroup()));
        String diskId = vm.osDisk() == null ? null : vm.osDisk().id();
        String diskGroup = diskId == null ? null : groupOf(diskId);
        if (diskGroup != null && !diskGroup.equalsIgnoreCase(vm.ref().resourceGroup())) {
            found.addAll(locks.of(vm.ref().subscription(), diskGroup));
        }
        return found.stream().filter(l -> appliesTo(vm, l)).map(l -> lock(vm, l)).toList();
    }

    /** A group's listing also holds the locks of its other resources; keep those that bind this VM. */
    static boolean appliesTo(Vm vm, ResourceLock lock) {
        String scope = scopeOf(lock);
        String vmId = vm.ref().id().toLowerCase(Locale.ROOT);
        String disk = vm.osDisk() == null || vm.osDisk().id() == null ? null : vm.osDisk().id().toLowerCase(Locale.ROOT);
        String diskGroup = disk == null ? null : disk.replaceAll("(?i)(/resourcegroups/[^/]+).*", "$1");
        return vmId.equals(scope) || vmId.startsWith(scope + "/")
                || disk != null && (disk.equals(scope) || diskGroup.equals(scope));
    }

    private static String groupOf(String id) {
        Matcher m = GROUP.matcher(id);
        return m.find() ? m.group(1) : null;
    }

    private static String scopeOf(ResourceLock lock) {
        return lock.scope() == null ? "" : lock.scope().toLowerCase(Locale.ROOT).replaceAll("/+$", "");
    }

    private FeatureState feature(String subscription) {
        return features.computeIfAbsent(subscription.toLowerCase(Locale.ROOT), s -> {
            try {
                return Optional.of(cloud.getFeature(subscription, VmFacts.MIGRATION_FEATURE));
            } catch (CloudException e) {
                if (e.isNotFound() || "FeatureNotFound".equalsIgnoreCase(e.code())) {
                    return Optional.empty();
                }
                throw e;
            }
        }).orElse(null);
    }

    private static OsDiskFacts disk(Vm vm, OsDiskRef ref, HyperVGeneration generation, OsDisk disk) {
        DiskEncryption encryption = vm.diskEncryptionSettings() ? DiskEncryption.ADE
                : disk != null && disk.encryptionType() != null && disk.encryptionType().contains("CustomerKey")
                ? DiskEncryption.SSE_CMK : DiskEncryption.NONE;
        int sizeGb = ref.sizeGb() > 0 ? ref.sizeGb() : disk == null ? 0 : disk.sizeGb();
        return new OsDiskFacts(ref.name(), ref.managed(), ref.ephemeral(), generation, encryption, vm.image(), sizeGb);
    }

    /** Classifies the lock's scope from its ARM id: the VM, its resource group, or the subscription. */
    static LockFact lock(Vm vm, ResourceLock lock) {
        String scope = scopeOf(lock);
        String vmId = vm.ref().id().toLowerCase(Locale.ROOT);
        String disk = vm.osDisk() == null || vm.osDisk().id() == null ? null : vm.osDisk().id().toLowerCase(Locale.ROOT);
        LockFact.Scope where = scope.equals(vmId) || scope.startsWith(vmId + "/") ? LockFact.Scope.VM
                : disk != null && scope.equals(disk) ? LockFact.Scope.OS_DISK
                : scope.matches("/subscriptions/[^/]+") ? LockFact.Scope.SUBSCRIPTION
                : LockFact.Scope.RESOURCE_GROUP;
        return new LockFact(lock.name(), lock.level() == ResourceLock.Level.READ_ONLY ? LockFact.Level.READ_ONLY
                : LockFact.Level.CAN_NOT_DELETE, where);
    }

    /** Notes repeat in several findings; ARM messages can be paragraphs. */
    private static String shorten(String message) {
        String first = message == null ? "" : message.lines().findFirst().orElse("");
        return first.length() <= 200 ? first : first.substring(0, 197) + "...";
    }

    private static String lastSegment(String id) {
        return id == null || id.isBlank() ? null : id.substring(id.lastIndexOf('/') + 1);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
