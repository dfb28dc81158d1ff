package dev.trustlift.core.assess.gather;

import dev.trustlift.core.cloud.BackupProtection;
import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.CloudException;
import dev.trustlift.core.cloud.CloudScope;
import dev.trustlift.core.cloud.Extension;
import dev.trustlift.core.cloud.FeatureState;
import dev.trustlift.core.cloud.GuestScript;
import dev.trustlift.core.cloud.HyperVGeneration;
import dev.trustlift.core.cloud.InstanceView;
import dev.trustlift.core.cloud.OsDisk;
import dev.trustlift.core.cloud.OsDiskRef;
import dev.trustlift.core.cloud.OsType;
import dev.trustlift.core.cloud.PowerState;
import dev.trustlift.core.cloud.RateLimits;
import dev.trustlift.core.cloud.ReplicationProtectedItem;
import dev.trustlift.core.cloud.ResourceLock;
import dev.trustlift.core.cloud.ResourceSku;
import dev.trustlift.core.cloud.RestorePoint;
import dev.trustlift.core.cloud.ScriptResult;
import dev.trustlift.core.cloud.SecurityProfileChange;
import dev.trustlift.core.cloud.SecurityType;
import dev.trustlift.core.cloud.Snapshot;
import dev.trustlift.core.cloud.Vm;
import dev.trustlift.core.cloud.VmRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** A Cloud that serves fixed records and counts every call, so tests can hold the gatherer to its call budget. */
class FakeCloud implements Cloud {
    static final String SUB = "11111111-1111-1111-1111-111111111111";

    final Map<String, Vm> vms = new HashMap<>();
    final Map<String, InstanceView> views = new HashMap<>();
    final Map<String, List<Extension>> extensions = new HashMap<>();
    final Map<String, BackupProtection> backups = new HashMap<>();
    final Map<String, List<ResourceLock>> locks = new HashMap<>();
    final Map<String, OsDisk> disks = new HashMap<>();
    final Map<String, FeatureState.Registration> features = new HashMap<>();
    final List<ResourceSku> skus = new ArrayList<>();
    final List<ReplicationProtectedItem> replicationItems = new ArrayList<>();
    final Map<String, CloudException> failures = new HashMap<>();
    Function<VmRef, ScriptResult> guest = ref -> new ScriptResult(1, "", "no guest");
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    static Vm vm(String name, String location, String size, OsType os, SecurityType security, Map<String, String> tags) {
        VmRef ref = new VmRef(SUB, "rg-app", name);
        return new Vm(ref, location, size, List.of(), null, os, security, false, false, tags,
                new OsDiskRef("/subscriptions/" + SUB + "/resourceGroups/rg-app/providers/Microsoft.Compute/disks/" + name + "-os",
                        name + "-os", true, false, 127), null, false, "Succeeded");
    }

    static ResourceSku sku(String name, String location, String generations, String cpus, String mem) {
        return new ResourceSku(name, location, Map.of("HyperVGenerations", generations, "vCPUs", cpus, "MemoryGB", mem,
                "PremiumIO", "True", "CpuArchitectureType", "x64"), List.of());
    }

    FakeCloud add(Vm vm, PowerState power, String osName, String osVersion, HyperVGeneration generation) {
        vms.put(vm.ref().key(), vm);
        views.put(vm.ref().key(), new InstanceView(power, power == PowerState.RUNNING ? "Ready" : null, osName, osVersion,
                generation, List.of()));
        return this;
    }

    int count(String op) {
        AtomicInteger n = calls.get(op);
        return n == null ? 0 : n.get();
    }

    int total() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private void call(String op, String key) {
        calls.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
        CloudException e = failures.get(op + " " + key.toLowerCase(Locale.ROOT));
        if (e != null) {
            throw e;
        }
    }

    static CloudException notFound(String what) {
        return new CloudException("ResourceNotFound", what + " was not found", 404, "req-1", null);
    }

    @Override
    public List<Vm> listVms(CloudScope scope) {
        call("listVms", scope.subscriptions().get(0));
        return List.copyOf(vms.values());
    }

    @Override
    public List<Vm> queryVms(CloudScope scope) {
        return listVms(scope);
    }

    @Override
    public Vm getVm(VmRef vm) {
        call("getVm", vm.key());
        Vm found = vms.get(vm.key());
        if (found == null) {
            throw notFound("VM " + vm.name());
        }
        return found;
    }

    @Override
    public InstanceView getInstanceView(VmRef vm) {
        call("getInstanceView", vm.key());
        return views.get(vm.key());
    }

    @Override
    public OsDisk getDisk(String diskId) {
        call("getDisk", diskId);
        OsDisk d = disks.get(diskId.toLowerCase(Locale.ROOT));
        if (d == null) {
            throw notFound("disk " + diskId);
        }
        return d;
    }

    @Override
    public List<Extension> listExtensions(VmRef vm) {
        call("listExtensions", vm.key());
        return extensions.getOrDefault(vm.key(), List.of());
    }

    @Override
    public List<ResourceSku> listSkus(String subscription, String location) {
        call("listSkus", subscription + "/" + location);
        return skus.stream().filter(s -> s.location().equalsIgnoreCase(location)).toList();
    }

    @Override
    public FeatureState getFeature(String subscription, String feature) {
        call("getFeature", subscription);
        FeatureState.Registration r = features.get(subscription);
        if (r == null) {
            throw new CloudException("FeatureNotFound", "feature not found", 404, "req-2", null);
        }
        return new FeatureState(feature, r);
    }

    @Override
    public FeatureState registerFeature(String subscription, String feature) {
        throw new AssertionError("assess must not register features");
    }

    @Override
    public BackupProtection getBackupProtection(VmRef vm, String location) {
        call("getBackupProtection", vm.key());
        return backups.getOrDefault(vm.key(), BackupProtection.notProtected());
    }

    @Override
    public List<ReplicationProtectedItem> listReplicationProtectedItems(String subscription) {
        call("listReplicationProtectedItems", subscription);
        return List.copyOf(replicationItems);
    }

    @Override
    public List<ResourceLock> findLocks(VmRef vm) {
        call("findLocks", vm.key());
        return locks.getOrDefault(vm.key(), List.of());
    }

    @Override
    public List<ResourceLock> listResourceGroupLocks(String subscription, String resourceGroup) {
        call("listResourceGroupLocks", (subscription + "/" + resourceGroup).toLowerCase(java.util.Locale.ROOT));
        String prefix = ("/subscriptions/" + subscription + "/resourceGroups/" + resourceGroup + "/").toLowerCase(java.util.Locale.ROOT);
        return locks.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .flatMap(e -> e.getValue().stream()).toList();
    }

    @Override
    public ScriptResult runScript(VmRef vm, GuestScript script) {
        call("runScript", vm.key());
        return guest.apply(vm);
    }

    @Override
    public RestorePoint createRestorePoint(VmRef vm, String collectionName, String pointName) {
        throw new AssertionError("assess changes nothing");
    }

    @Override
    public Snapshot createIncrementalSnapshot(String diskId, String snapshotName) {
        throw new AssertionError("assess changes nothing");
    }

    @Override
    public OsDisk createDisk(VmRef vm, String sourceId, String diskName) {
        throw new AssertionError("assess changes nothing");
    }

    @Override
    public OsDisk growDisk(String diskId, int newSizeGb) {
        throw new AssertionError("assess changes nothing");
    }

    @Override
    public Vm swapOsDisk(VmRef vm, String diskId) {
        throw new AssertionError("assess changes nothing");
    }

    @Override
    public void deallocate(VmRef vm) {
        throw new AssertionError("assess changes nothing");
    }

    @Override
    public void start(VmRef vm) {
        throw new AssertionError("assess changes nothing");
    }

    @Override
    public Vm setSecurityProfile(VmRef vm, SecurityProfileChange change) {
        throw new AssertionError("assess changes nothing");
    }

    @Override
    public RateLimits rateLimits(String subscription) {
        return null;
    }

    @Override
    public dev.trustlift.core.cloud.OperationHandle beginDeallocate(VmRef vm) {
        throw new AssertionError("assess changes nothing");
    }

    @Override
    public dev.trustlift.core.cloud.OperationHandle beginStart(VmRef vm) {
        throw new AssertionError("assess changes nothing");
    }

    @Override
    public dev.trustlift.core.cloud.OperationHandle beginRestart(VmRef vm) {
        throw new AssertionError("assess changes nothing");
    }

    @Override
    public dev.trustlift.core.cloud.OperationHandle beginSetSecurityProfile(VmRef vm, SecurityProfileChange change) {
        throw new AssertionError("assess changes nothing");
    }

    @Override
    public String ensureRestorePointCollection(VmRef vm, String location, String collectionName) {
        throw new AssertionError("assess changes nothing");
    }

    @Override
    public dev.trustlift.core.cloud.OperationHandle beginCreateRestorePoint(VmRef vm, String collectionName, String pointName,
            dev.trustlift.core.cloud.ConsistencyMode mode) {
        throw new AssertionError("assess changes nothing");
    }

    @Override
    public java.util.Optional<RestorePoint> findRestorePoint(VmRef vm, String collectionName, String pointName) {
        throw new AssertionError("assess reads no restore points");
    }

    @Override
    public dev.trustlift.core.cloud.OperationHandle beginRestoreDisk(VmRef vm, String location, String diskRestorePointId,
            String diskName, Map<String, String> tags) {
        throw new AssertionError("assess changes nothing");
    }

    @Override
    public dev.trustlift.core.cloud.OperationHandle beginSwapOsDisk(VmRef vm, String diskId) {
        throw new AssertionError("assess changes nothing");
    }

    @Override
    public dev.trustlift.core.cloud.OperationHandle beginTagDisk(String diskId, Map<String, String> tags) {
        throw new AssertionError("assess changes nothing");
    }

    @Override
    public dev.trustlift.core.cloud.OperationHandle beginRunCommand(VmRef vm, String location,
            dev.trustlift.core.cloud.ManagedRunCommand command) {
        throw new AssertionError("assess runs its probes through runScript");
    }

    @Override
    public java.util.Optional<dev.trustlift.core.cloud.RunCommandView> findRunCommand(VmRef vm, String name) {
        throw new AssertionError("assess reads no managed run commands");
    }

    @Override
    public dev.trustlift.core.cloud.OperationHandle beginDeleteRunCommand(VmRef vm, String name) {
        throw new AssertionError("assess changes nothing");
    }

    @Override
    public dev.trustlift.core.cloud.OperationState pollOperation(dev.trustlift.core.cloud.OperationHandle handle) {
        throw new AssertionError("assess starts no operations");
    }

    @Override
    public String readSerialConsoleLog(VmRef vm) {
        throw new AssertionError("assess reads no boot diagnostics");
    }

    @Override
    public FeatureState.Registration registerResourceProvider(String subscription, String namespace) {
        throw new AssertionError("assess registers nothing");
    }
}
