package dev.trustlift.sandbox.state;

import dev.trustlift.sandbox.fleet.FaultSpec;
import dev.trustlift.sandbox.fleet.Fleet;
import dev.trustlift.sandbox.fleet.LayoutSpec;
import dev.trustlift.sandbox.fleet.OsDiskSpec;
import dev.trustlift.sandbox.fleet.SkuTable;
import dev.trustlift.sandbox.fleet.SubscriptionSpec;
import dev.trustlift.sandbox.fleet.ThrottleSpec;
import dev.trustlift.sandbox.fleet.VmSpec;
import dev.trustlift.sandbox.guest.DiskLayout;
import dev.trustlift.sandbox.guest.LayoutResolver;
import dev.trustlift.sandbox.http.ArmException;
import dev.trustlift.sandbox.throttle.Throttler;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The whole emulated cloud of one sandbox: subscriptions, VMs, disks, snapshots, restore points. */
public final class ArmState {
    private static final Set<String> SUBSCRIPTION_OPS = Set.of("skus", "list-vms", "feature-register", "site-recovery");
    /** When every VM and disk of a fleet was created unless a VM says otherwise (fleet key timeCreated). */
    public static final String DEFAULT_CREATED = "2024-03-01T09:00:00.0000000+00:00";
    private static final String CREATED = DEFAULT_CREATED;

    private final SkuTable skus;
    private final Map<String, SubscriptionRecord> subscriptions = new LinkedHashMap<>();
    private final Map<String, VmRecord> vms = new ConcurrentHashMap<>();
    private final Map<String, DiskRecord> disks = new ConcurrentHashMap<>();
    private final Map<String, SnapshotRecord> snapshots = new ConcurrentHashMap<>();
    private final Map<String, RestorePointCollectionRecord> collections = new ConcurrentHashMap<>();
    private final Map<String, ManagedRunCommandRecord> runCommands = new ConcurrentHashMap<>();
    private final LockBook locks = new LockBook();

    public ArmState(Fleet fleet, Path baseDir) {
        this.skus = SkuTable.of(fleet.skus(), "fleet");
        Map<String, List<FaultSpec>> subFaults = new LinkedHashMap<>();
        List<VmSpec> vmSpecs = fleet.vms() == null ? List.of() : fleet.vms();
        for (VmSpec vm : vmSpecs) {
            if (vm.faults() != null) {
                for (FaultSpec f : vm.faults()) {
                    if (f.op() != null && SUBSCRIPTION_OPS.contains(f.op())) {
                        subFaults.computeIfAbsent(key(vm.subscription()), k -> new ArrayList<>()).add(f);
                    }
                }
            }
        }
        for (SubscriptionSpec s : fleet.subscriptions()) {
            ThrottleSpec throttle = ThrottleSpec.parse(s.throttle(), "fleet", "subscriptions");
            subscriptions.put(key(s.id()), new SubscriptionRecord(s.id(),
                    s.displayName() == null ? "sandbox-" + s.id().substring(0, Math.min(8, s.id().length())) : s.displayName(),
                    s.features(), s.requireFeature(), new Throttler(throttle),
                    subFaults.getOrDefault(key(s.id()), List.of())));
            locks.addSubscription(s);
        }
        LayoutResolver layouts = new LayoutResolver(baseDir);
        Random ids = new Random(42);
        for (int i = 0; i < vmSpecs.size(); i++) {
            VmSpec spec = vmSpecs.get(i);
            DiskRecord disk = osDisk(spec, layouts, "vms[" + i + "].osDisk.layout", ids);
            VmRecord vm = new VmRecord(spec, disk, new UUID(ids.nextLong(), ids.nextLong()).toString(),
                    spec.timeCreated() == null ? CREATED : spec.timeCreated());
            disk.setManagedBy(vm.id());
            if (vm.securityType() != null) {
                disk.setSecurityType(vm.securityType());
            }
            vms.put(vm.key(), vm);
            locks.addVm(spec, disk.id());
            disks.put(key(disk.id()), disk);
            subscriptions.get(key(spec.subscription())).vms().add(vm);
        }
    }

    private static DiskRecord osDisk(VmSpec spec, LayoutResolver layouts, String where, Random ids) {
        OsDiskSpec d = spec.osDisk() == null ? new OsDiskSpec(null, null, null, null, null, null, null, null, null) : spec.osDisk();
        String gen = d.hyperVGeneration() == null ? (spec.securityType() != null && !"Standard".equals(spec.securityType())
                ? "V2" : "V1") : d.hyperVGeneration();
        int sizeGb = d.sizeGb() == null ? ("Windows".equals(spec.osType()) ? 127 : 30) : d.sizeGb();
        DiskLayout layout = layouts.resolve(LayoutSpec.parse(d.layout(), "fleet", where), spec.osType(), gen, sizeGb, where);
        String name = d.name() == null ? spec.name() + "_OsDisk_1" : d.name();
        return new DiskRecord(spec.subscription(), spec.resourceGroup(), name, spec.location(), spec.zones(), spec.osType(),
                d.encryption() == null ? "none" : d.encryption(), d.imageReference(), "FromImage", null, sizeGb, gen, layout,
                new UUID(ids.nextLong(), ids.nextLong()).toString(), CREATED);
    }

    public static String key(String id) {
        return id.toLowerCase(Locale.ROOT);
    }

    public static String now() {
        return Instant.now().toString();
    }

    public SkuTable skus() { return skus; }
    public LockBook locks() { return locks; }
    public Collection<SubscriptionRecord> subscriptions() { return subscriptions.values(); }

    public SubscriptionRecord subscription(String id) {
        SubscriptionRecord s = subscriptions.get(key(id));
        if (s == null) {
            throw new ArmException(404, "SubscriptionNotFound", "The subscription '" + id + "' could not be found.");
        }
        return s;
    }

    public SubscriptionRecord findSubscription(String id) {
        return id == null ? null : subscriptions.get(key(id));
    }

    public static String vmId(String s, String rg, String name) {
        return "/subscriptions/" + s + "/resourceGroups/" + rg + "/providers/Microsoft.Compute/virtualMachines/" + name;
    }

    public VmRecord vm(String s, String rg, String name) {
        subscription(s);
        VmRecord vm = vms.get(key(vmId(s, rg, name)));
        if (vm == null) {
            throw ArmException.notFound("Microsoft.Compute/virtualMachines", name, rg);
        }
        return vm;
    }

    public VmRecord findVm(String id) {
        return id == null ? null : vms.get(key(id));
    }

    public List<VmRecord> vmsInOrder() {
        List<VmRecord> out = new ArrayList<>();
        for (SubscriptionRecord s : subscriptions.values()) {
            out.addAll(s.vms());
        }
        return out;
    }

    public static String diskId(String s, String rg, String name) {
        return "/subscriptions/" + s + "/resourceGroups/" + rg + "/providers/Microsoft.Compute/disks/" + name;
    }

    public DiskRecord findDisk(String id) {
        return id == null ? null : disks.get(key(id));
    }

    public DiskRecord disk(String s, String rg, String name) {
        subscription(s);
        DiskRecord d = disks.get(key(diskId(s, rg, name)));
        if (d == null) {
            throw ArmException.notFound("Microsoft.Compute/disks", name, rg);
        }
        return d;
    }

    public void putDisk(DiskRecord d) {
        disks.put(key(d.id()), d);
    }

    public SnapshotRecord findSnapshot(String id) {
        return id == null ? null : snapshots.get(key(id));
    }

    public void putSnapshot(SnapshotRecord s) {
        snapshots.put(key(s.id()), s);
    }

    public RestorePointCollectionRecord findCollection(String id) {
        return id == null ? null : collections.get(key(id));
    }

    public void putCollection(RestorePointCollectionRecord c) {
        collections.put(key(c.id()), c);
    }

    public ManagedRunCommandRecord findRunCommand(String id) {
        return runCommands.get(key(id));
    }

    public void putRunCommand(ManagedRunCommandRecord rc) {
        runCommands.put(key(rc.id()), rc);
    }

    public boolean removeRunCommand(String id) {
        return runCommands.remove(key(id)) != null;
    }

    /** The managed run commands of one VM, by id prefix. */
    public List<ManagedRunCommandRecord> runCommandsOf(String vmId) {
        String prefix = key(vmId) + "/runcommands/";
        return runCommands.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue)
                .sorted(java.util.Comparator.comparing(ManagedRunCommandRecord::name)).toList();
    }

    /** The restore point that holds the disk restore point {@code diskRestorePointId}, or null. */
    public RestorePointRecord findByDiskRestorePoint(String diskRestorePointId) {
        String k = key(diskRestorePointId);
        for (RestorePointCollectionRecord c : collections.values()) {
            for (RestorePointRecord rp : c.points()) {
                if (k.equals(key(rp.diskRestorePointId()))) {
                    return rp;
                }
            }
        }
        return null;
    }

    /** Arms faults on a running sandbox: the VM's own, and its subscription's for subscription-wide operations. */
    public void armFaults(VmRecord vm, List<FaultSpec> faults) {
        List<FaultSpec> own = new ArrayList<>();
        List<FaultSpec> subscriptionWide = new ArrayList<>();
        for (FaultSpec f : faults) {
            (f.op() != null && SUBSCRIPTION_OPS.contains(f.op()) ? subscriptionWide : own).add(f);
        }
        vm.faults().arm(own);
        subscription(vm.subscription()).subscriptionFaults().arm(subscriptionWide);
    }

    /** Every restore point of one VM, in every collection. */
    public List<RestorePointRecord> restorePointsOf(String vmId) {
        String k = key(vmId);
        List<RestorePointRecord> out = new ArrayList<>();
        for (RestorePointCollectionRecord c : collections.values()) {
            for (RestorePointRecord rp : c.points()) {
                if (k.equals(key(rp.vmId()))) {
                    out.add(rp);
                }
            }
        }
        return out;
    }

    public void removeCollection(String id) {
        collections.remove(key(id));
    }
}
