package dev.trustlift.core.upgrade.steps;

import dev.trustlift.core.cloud.BackupProtection;
import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.CloudException;
import dev.trustlift.core.cloud.CloudScope;
import dev.trustlift.core.cloud.ConsistencyMode;
import dev.trustlift.core.cloud.Extension;
import dev.trustlift.core.cloud.FeatureState;
import dev.trustlift.core.cloud.GuestScript;
import dev.trustlift.core.cloud.HyperVGeneration;
import dev.trustlift.core.cloud.InstanceView;
import dev.trustlift.core.cloud.ManagedRunCommand;
import dev.trustlift.core.cloud.OperationHandle;
import dev.trustlift.core.cloud.OperationKind;
import dev.trustlift.core.cloud.OperationState;
import dev.trustlift.core.cloud.OsDisk;
import dev.trustlift.core.cloud.OsDiskRef;
import dev.trustlift.core.cloud.OsType;
import dev.trustlift.core.cloud.PowerState;
import dev.trustlift.core.cloud.RateLimits;
import dev.trustlift.core.cloud.ReplicationProtectedItem;
import dev.trustlift.core.cloud.ResourceLock;
import dev.trustlift.core.cloud.ResourceSku;
import dev.trustlift.core.cloud.RestorePoint;
import dev.trustlift.core.cloud.RunCommandView;
import dev.trustlift.core.cloud.ScriptResult;
import dev.trustlift.core.cloud.SecurityProfileChange;
import dev.trustlift.core.cloud.SecurityType;
import dev.trustlift.core.cloud.Snapshot;
import dev.trustlift.core.cloud.Vm;
import dev.trustlift.core.cloud.VmRef;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A Cloud for the window and recovery steps: VMs with a model, a power state and an OS disk,
 * disks, one managed run command per VM, features and restore points. Every call is logged
 * ({@link #calls}); begin* answers a handle, and an operation's effect happens when it is polled
 * (the runner tests) or when a test calls {@link #finish}. Failures are queued per call or per
 * operation kind.
 */
final class WindowCloud implements Cloud {
    static final String SUB = "11111111-1111-1111-1111-111111111111";
    static final VmRef WIN = new VmRef(SUB, "rg-app", "win01");
    static final VmRef WIN2 = new VmRef(SUB, "rg-app", "win02");

    final Map<String, Vm> vms = new HashMap<>();
    final Map<String, PowerState> power = new HashMap<>();
    final Map<String, OsDisk> disks = new HashMap<>();
    final Map<String, RunCommandView> runCommands = new HashMap<>();
    final Map<String, FeatureState.Registration> features = new HashMap<>();
    final Map<String, RestorePoint> restorePoints = new HashMap<>();
    final Map<String, FeatureState.Registration> providers = new HashMap<>();
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    /** A CloudException thrown by the next call of the named method ("beginSetSecurityProfile", ...). */
    final Map<String, Deque<CloudException>> throwNext = new HashMap<>();
    /** The next operations of a kind end Failed with this [code, message]. */
    final Map<OperationKind, Deque<String[]>> failOps = new EnumMap<>(OperationKind.class);
    /** What the guest answers to a managed run command (its view once it ended). */
    Function<ManagedRunCommand, RunCommandView> guest = c -> view(0, "", "");
    final Map<String, Runnable> effects = new LinkedHashMap<>();
    final Map<String, OperationHandle> handles = new LinkedHashMap<>();
    private final AtomicInteger ops = new AtomicInteger();
    Clock clock = Clock.systemUTC();
    /** ARM registers a feature at once (the runner tests do not wait for minutes). */
    boolean registersAtOnce;

    static String diskId(String name) {
        return "/subscriptions/" + SUB + "/resourceGroups/rg-app/providers/Microsoft.Compute/disks/" + name;
    }

    WindowCloud addVm(VmRef ref, OsType os, PowerState state) {
        String disk = ref.name() + "-os";
        vms.put(ref.key(), model(ref, os, SecurityType.STANDARD, false, false, diskId(disk), "Succeeded"));
        power.put(ref.key(), state);
        disks.put(diskId(disk).toLowerCase(Locale.ROOT), new OsDisk(diskId(disk), disk, "eastus", 127, HyperVGeneration.V1,
                null, SecurityType.STANDARD, ref.id(), Map.of()));
        return this;
    }

    static Vm model(VmRef ref, OsType os, SecurityType type, boolean secureBoot, boolean vtpm, String diskId,
                    String provisioning) {
        String name = diskId.substring(diskId.lastIndexOf('/') + 1);
        return new Vm(ref, "eastus", "Standard_D2s_v3", List.of(), null, os, type, secureBoot, vtpm, Map.of(),
                new OsDiskRef(diskId, name, true, false, 127), null, false, provisioning);
    }

    Vm vm(VmRef ref) {
        return vms.get(ref.key());
    }

    void setProfile(VmRef ref, SecurityType type, boolean secureBoot, boolean vtpm, String provisioning) {
        Vm v = vm(ref);
        vms.put(ref.key(), model(ref, v.osType(), type, secureBoot, vtpm, v.osDisk().id(), provisioning));
    }

    void setOsDisk(VmRef ref, String diskId) {
        Vm v = vm(ref);
        vms.put(ref.key(), model(ref, v.osType(), v.securityType(), v.secureBootEnabled(), v.vTpmEnabled(), diskId,
                v.provisioningState()));
    }

    RunCommandView view(int exit, String out, String err) {
        return new RunCommandView("trustlift", "Succeeded", exit == 0 ? "Succeeded" : "Failed", null, exit, out, err,
                clock.instant(), clock.instant(), null);
    }

    /** A view of a run of {@code command}, as ARM returns properties.source.script and its parameters. */
    static RunCommandView of(RunCommandView v, ManagedRunCommand command) {
        return new RunCommandView(v.name(), v.provisioningState(), v.executionState(), v.executionMessage(), v.exitCode(),
                v.output(), v.error(), v.startTime(), v.endTime(), String.join("\n", command.script()), command.parameters());
    }

    long count(String prefix) {
        synchronized (calls) {
            return calls.stream().filter(c -> c.startsWith(prefix)).count();
        }
    }

    void throwNext(String method, CloudException e) {
        throwNext.computeIfAbsent(method, k -> new ArrayDeque<>()).add(e);
    }

    void failNextOperation(OperationKind kind, String code, String message) {
        failOps.computeIfAbsent(kind, k -> new ArrayDeque<>()).add(new String[] {code, message});
    }

    private void call(String what) {
        calls.add(what);
        String method = what.contains(" ") ? what.substring(0, what.indexOf(' ')) : what;
        Deque<CloudException> q = throwNext.get(method);
        if (q != null && !q.isEmpty()) {
            throw q.poll();
        }
    }

    private synchronized OperationHandle begin(OperationKind kind, String resourceId, Runnable effect) {
        int n = ops.incrementAndGet();
        String url = "https://fake.example/operations/" + n;
        OperationHandle h = new OperationHandle(kind, resourceId, OperationHandle.Polling.ASYNC_OPERATION, url, "req-" + n,
                clock.instant());
        effects.put(url, effect);
        handles.put(url, h);
        return h;
    }

    /** Ends an operation as ARM would: its effect happens, unless a failure was queued for its kind. */
    synchronized OperationState finish(OperationHandle h) {
        Runnable effect = effects.remove(h.pollUrl());
        if (effect == null) {
            return new OperationState(OperationState.Status.SUCCEEDED, null, null, null, "poll", h);
        }
        Deque<String[]> q = failOps.get(h.kind());
        if (q != null && !q.isEmpty()) {
            String[] f = q.poll();
            return new OperationState(OperationState.Status.FAILED, f[0], f[1], null, "poll", h);
        }
        effect.run();
        return new OperationState(OperationState.Status.SUCCEEDED, null, null, null, "poll", h);
    }

    /** Ends the operation {@code result} awaits and hands its end to the step, as the runner's poller does. */
    OperationState end(dev.trustlift.core.upgrade.VmUpgrade vm, dev.trustlift.core.upgrade.StepResult result) {
        OperationState s = finish(((dev.trustlift.core.upgrade.StepResult.Await) result).operation());
        dev.trustlift.core.upgrade.StepHarness.ended(vm, result, s.status(), s.errorCode(), s.errorMessage());
        return s;
    }

    @Override
    public OperationState pollOperation(OperationHandle handle) {
        calls.add("pollOperation " + handle.kind());
        return finish(handle);
    }

    @Override
    public Vm getVm(VmRef vm) {
        call("getVm " + vm.name());
        Vm v = vms.get(vm.key());
        if (v == null) {
            throw new CloudException("ResourceNotFound", "no VM " + vm, 404, "req", null);
        }
        return v;
    }

    @Override
    public InstanceView getInstanceView(VmRef vm) {
        call("getInstanceView " + vm.name());
        PowerState p = power.get(vm.key());
        return new InstanceView(p, p == PowerState.RUNNING ? "Ready" : null, null, null, HyperVGeneration.UNKNOWN, List.of());
    }

    @Override
    public OsDisk getDisk(String diskId) {
        call("getDisk " + diskId.substring(diskId.lastIndexOf('/') + 1));
        OsDisk d = disks.get(diskId.toLowerCase(Locale.ROOT));
        if (d == null) {
            throw new CloudException("ResourceNotFound", "no disk " + diskId, 404, "req", null);
        }
        return d;
    }

    @Override
    public OperationHandle beginDeallocate(VmRef vm) {
        call("beginDeallocate " + vm.name());
        power.put(vm.key(), PowerState.DEALLOCATING);
        return begin(OperationKind.DEALLOCATE, vm.id(), () -> power.put(vm.key(), PowerState.DEALLOCATED));
    }

    @Override
    public OperationHandle beginRestart(VmRef vm) {
        throw unused("beginRestart");
    }

    @Override
    public OperationHandle beginStart(VmRef vm) {
        call("beginStart " + vm.name());
        PowerState before = power.get(vm.key());
        power.put(vm.key(), PowerState.STARTING);
        OperationHandle h = begin(OperationKind.START, vm.id(), () -> power.put(vm.key(), PowerState.RUNNING));
        Deque<String[]> q = failOps.get(OperationKind.START);
        if (q != null && !q.isEmpty()) {
            // A start that ARM will fail leaves the VM where it was.
            power.put(vm.key(), before);
        }
        return h;
    }

    @Override
    public OperationHandle beginSetSecurityProfile(VmRef vm, SecurityProfileChange change) {
        call("beginSetSecurityProfile " + vm.name() + " " + change);
        return begin(OperationKind.SET_SECURITY_PROFILE, vm.id(), () -> setProfile(vm, change.securityType(),
                change.secureBootEnabled(), change.vTpmEnabled(), "Succeeded"));
    }

    @Override
    public Optional<RestorePoint> findRestorePoint(VmRef vm, String collectionName, String pointName) {
        call("findRestorePoint " + collectionName + "/" + pointName);
        return Optional.ofNullable(restorePoints.get(collectionName + "/" + pointName));
    }

    @Override
    public OperationHandle beginRestoreDisk(VmRef vm, String location, String diskRestorePointId, String diskName,
                                            Map<String, String> tags) {
        call("beginRestoreDisk " + diskName + " from " + diskRestorePointId + " tags " + new java.util.TreeMap<>(tags));
        String id = diskId(diskName);
        return begin(OperationKind.RESTORE_DISK, id, () -> disks.put(id.toLowerCase(Locale.ROOT), new OsDisk(id, diskName,
                location, 127, HyperVGeneration.V1, null, SecurityType.STANDARD, null, tags)));
    }

    @Override
    public OperationHandle beginSwapOsDisk(VmRef vm, String diskId) {
        call("beginSwapOsDisk " + vm.name() + " " + diskId.substring(diskId.lastIndexOf('/') + 1));
        return begin(OperationKind.SWAP_OS_DISK, vm.id(), () -> setOsDisk(vm, diskId));
    }

    @Override
    public OperationHandle beginTagDisk(String diskId, Map<String, String> tags) {
        call("beginTagDisk " + diskId.substring(diskId.lastIndexOf('/') + 1));
        return begin(OperationKind.TAG_DISK, diskId, () -> {
            OsDisk d = disks.get(diskId.toLowerCase(Locale.ROOT));
            Map<String, String> merged = new HashMap<>(d.tags());
            merged.putAll(tags);
            disks.put(diskId.toLowerCase(Locale.ROOT), new OsDisk(d.id(), d.name(), d.location(), d.sizeGb(),
                    d.hyperVGeneration(), d.encryptionType(), d.securityType(), d.managedBy(), merged));
        });
    }

    @Override
    public OperationHandle beginRunCommand(VmRef vm, String location, ManagedRunCommand command) {
        call("beginRunCommand " + vm.name() + " " + command.script().get(0).replaceFirst(" version.*", "") + " "
                + command.parameters());
        return begin(OperationKind.RUN_COMMAND, vm.id(), () -> runCommands.put(vm.key(), of(guest.apply(command),
                command)));
    }

    @Override
    public Optional<RunCommandView> findRunCommand(VmRef vm, String name) {
        call("findRunCommand " + vm.name());
        return Optional.ofNullable(runCommands.get(vm.key()));
    }

    @Override
    public FeatureState getFeature(String subscription, String feature) {
        call("getFeature " + feature);
        return new FeatureState(feature, features.getOrDefault(subscription + "|" + feature,
                FeatureState.Registration.NOT_REGISTERED));
    }

    @Override
    public FeatureState registerFeature(String subscription, String feature) {
        call("registerFeature " + feature);
        FeatureState.Registration now = registersAtOnce ? FeatureState.Registration.REGISTERED
                : FeatureState.Registration.REGISTERING;
        features.put(subscription + "|" + feature, now);
        return new FeatureState(feature, now);
    }

    @Override
    public FeatureState.Registration registerResourceProvider(String subscription, String namespace) {
        call("registerResourceProvider " + namespace);
        FeatureState.Registration now = registersAtOnce ? FeatureState.Registration.REGISTERED
                : FeatureState.Registration.REGISTERING;
        providers.put(subscription + "|" + namespace, now);
        return now;
    }

    @Override
    public FeatureState.Registration getResourceProvider(String subscription, String namespace) {
        call("getResourceProvider " + namespace);
        return providers.getOrDefault(subscription + "|" + namespace, FeatureState.Registration.REGISTERED);
    }

    // ---- not used by the window steps ----

    private static AssertionError unused(String what) {
        return new AssertionError("the window steps do not call " + what);
    }

    @Override
    public List<Vm> listVms(CloudScope scope) {
        throw unused("listVms");
    }

    @Override
    public List<Vm> queryVms(CloudScope scope) {
        throw unused("queryVms");
    }

    @Override
    public List<Extension> listExtensions(VmRef vm) {
        throw unused("listExtensions");
    }

    @Override
    public List<ResourceSku> listSkus(String subscription, String location) {
        throw unused("listSkus");
    }

    @Override
    public BackupProtection getBackupProtection(VmRef vm, String location) {
        throw unused("getBackupProtection");
    }

    @Override
    public List<ReplicationProtectedItem> listReplicationProtectedItems(String subscription) {
        throw unused("listReplicationProtectedItems");
    }

    @Override
    public List<ResourceLock> findLocks(VmRef vm) {
        throw unused("findLocks");
    }

    @Override
    public List<ResourceLock> listResourceGroupLocks(String subscription, String resourceGroup) {
        throw unused("listResourceGroupLocks");
    }

    @Override
    public ScriptResult runScript(VmRef vm, GuestScript script) {
        throw unused("runScript (the action API)");
    }

    @Override
    public RestorePoint createRestorePoint(VmRef vm, String collectionName, String pointName) {
        throw unused("createRestorePoint");
    }

    @Override
    public Snapshot createIncrementalSnapshot(String diskId, String snapshotName) {
        throw unused("createIncrementalSnapshot");
    }

    @Override
    public OsDisk createDisk(VmRef vm, String sourceId, String diskName) {
        throw unused("createDisk");
    }

    @Override
    public OsDisk growDisk(String diskId, int newSizeGb) {
        throw unused("growDisk");
    }

    @Override
    public Vm swapOsDisk(VmRef vm, String diskId) {
        throw unused("swapOsDisk (synchronous)");
    }

    @Override
    public void deallocate(VmRef vm) {
        throw unused("deallocate (synchronous)");
    }

    @Override
    public void start(VmRef vm) {
        throw unused("start (synchronous)");
    }

    @Override
    public Vm setSecurityProfile(VmRef vm, SecurityProfileChange change) {
        throw unused("setSecurityProfile (synchronous)");
    }

    @Override
    public RateLimits rateLimits(String subscription) {
        throw unused("rateLimits");
    }

    @Override
    public String ensureRestorePointCollection(VmRef vm, String location, String collectionName) {
        throw unused("ensureRestorePointCollection");
    }

    @Override
    public OperationHandle beginCreateRestorePoint(VmRef vm, String collectionName, String pointName, ConsistencyMode mode) {
        throw unused("beginCreateRestorePoint");
    }

    @Override
    public OperationHandle beginDeleteRunCommand(VmRef vm, String name) {
        throw unused("beginDeleteRunCommand");
    }

    @Override
    public String readSerialConsoleLog(VmRef vm) {
        throw unused("readSerialConsoleLog");
    }
}
