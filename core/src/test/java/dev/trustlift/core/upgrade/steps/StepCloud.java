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
import dev.trustlift.core.cloud.ImageRef;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One VM's cloud for step tests: the VM and instance view a test sets, a guest that answers each
 * managed run command through {@link #guest}, restore points by name, and a log of every write,
 * so a test can say "nothing was sent". Operations are only handed out (the harness ends them).
 */
final class StepCloud implements Cloud {
    static final String SUB = "11111111-1111-1111-1111-111111111111";
    static final VmRef REF = new VmRef(SUB, "rg-app", "win01");

    Vm vm;
    InstanceView view;
    final List<String> writes = new ArrayList<>();
    final List<ManagedRunCommand> commands = new ArrayList<>();
    /** Answers a run command: its exit code, stdout, stderr. */
    Function<ManagedRunCommand, ScriptResult> guest = c -> new ScriptResult(1, "", "no guest in this test");
    RunCommandView runCommand;
    final Map<String, RestorePoint> restorePoints = new HashMap<>();
    final Map<String, CloudException> refusals = new HashMap<>();
    final List<Extension> extensions = new ArrayList<>();
    private final Clock clock;
    private int ops;

    StepCloud(Clock clock, OsType os, String osName, String osVersion) {
        this.clock = clock;
        this.vm = vm(os, SecurityType.STANDARD);
        this.view = new InstanceView(PowerState.RUNNING, "Ready", osName, osVersion, HyperVGeneration.V1, List.of());
    }

    static Vm vm(OsType os, SecurityType security) {
        return new Vm(REF, "eastus", "Standard_D2s_v3", List.of(), null, os, security, false, false, Map.of(),
                new OsDiskRef("/subscriptions/" + SUB + "/resourceGroups/rg-app/providers/Microsoft.Compute/disks/win01-os",
                        "win01-os", true, false, 127), new ImageRef("MicrosoftWindowsServer", "WindowsServer",
                "2019-datacenter", "latest", null), false, "Succeeded");
    }

    void power(PowerState power, String agent) {
        view = new InstanceView(power, agent, view.osName(), view.osVersion(), view.hyperVGeneration(), List.of());
    }

    OperationHandle handle(OperationKind kind, String resource) {
        ops++;
        return new OperationHandle(kind, resource, OperationHandle.Polling.ASYNC_OPERATION,
                "https://management.azure.com/op/" + ops, "req-" + ops, clock.instant());
    }

    private void refuse(String op) {
        CloudException e = refusals.remove(op);
        if (e != null) {
            throw e;
        }
    }

    @Override
    public Vm getVm(VmRef ref) {
        refuse("getVm");
        return vm;
    }

    @Override
    public InstanceView getInstanceView(VmRef ref) {
        return view;
    }

    @Override
    public OperationHandle beginStart(VmRef ref) {
        writes.add("start");
        return handle(OperationKind.START, ref.id());
    }

    @Override
    public OperationHandle beginRunCommand(VmRef ref, String location, ManagedRunCommand command) {
        refuse("runCommand");
        writes.add("runCommand");
        commands.add(command);
        ScriptResult r = guest.apply(command);
        runCommand = new RunCommandView(command.name(), "Succeeded", r.exitCode() == 0 ? "Succeeded" : "Failed", null,
                r.exitCode(), r.stdout(), r.stderr(), clock.instant(), clock.instant(), String.join("\n", command.script()),
                command.parameters());
        return handle(OperationKind.RUN_COMMAND, ref.id() + "/runCommands/" + command.name());
    }

    @Override
    public OperationHandle beginRestart(VmRef ref) {
        writes.add("restart");
        return handle(OperationKind.RESTART, ref.id());
    }

    @Override
    public Optional<RunCommandView> findRunCommand(VmRef ref, String name) {
        return Optional.ofNullable(runCommand);
    }

    @Override
    public String ensureRestorePointCollection(VmRef ref, String location, String collectionName) {
        writes.add("collection " + collectionName);
        return ref.id().replace("/providers/Microsoft.Compute/virtualMachines/" + ref.name(), "")
                + "/providers/Microsoft.Compute/restorePointCollections/" + collectionName;
    }

    @Override
    public OperationHandle beginCreateRestorePoint(VmRef ref, String collectionName, String pointName, ConsistencyMode mode) {
        refuse("restorePoint " + mode);
        writes.add("restorePoint " + pointName + " " + mode);
        return handle(OperationKind.CREATE_RESTORE_POINT, "rp/" + pointName);
    }

    @Override
    public Optional<RestorePoint> findRestorePoint(VmRef ref, String collectionName, String pointName) {
        return Optional.ofNullable(restorePoints.get(pointName));
    }

    static RestorePoint point(String name, String state, ConsistencyMode mode) {
        String id = "/subscriptions/" + SUB + "/resourceGroups/rg-app/providers/Microsoft.Compute/restorePointCollections/"
                + "trustlift-win01/restorePoints/" + name;
        return new RestorePoint(id.substring(0, id.indexOf("/restorePoints/")), id, List.of(id + "/diskRestorePoints/os-drp",
                id + "/diskRestorePoints/data-drp"), mode, state, null, List.of());
    }

    // ---- what FactsGatherer reads ----

    @Override
    public List<Extension> listExtensions(VmRef ref) {
        return List.copyOf(extensions);
    }

    @Override
    public BackupProtection getBackupProtection(VmRef ref, String location) {
        return BackupProtection.notProtected();
    }

    @Override
    public List<ReplicationProtectedItem> listReplicationProtectedItems(String subscription) {
        return List.of();
    }

    @Override
    public List<ResourceLock> listResourceGroupLocks(String subscription, String resourceGroup) {
        return List.of();
    }

    @Override
    public FeatureState getFeature(String subscription, String feature) {
        throw new CloudException("FeatureNotFound", "feature not found", 404, "req-f", null);
    }

    @Override
    public List<ResourceSku> listSkus(String subscription, String location) {
        return List.of(new ResourceSku(vm.size(), location, Map.of("HyperVGenerations", "V1,V2", "vCPUs", "2",
                "MemoryGB", "8", "PremiumIO", "True", "CpuArchitectureType", "x64"), List.of()));
    }

    @Override
    public OsDisk getDisk(String diskId) {
        return new OsDisk(diskId, "win01-os", "eastus", 127, HyperVGeneration.V1, null, SecurityType.STANDARD, REF.id());
    }

    // ---- not for the front steps ----

    private static AssertionError notUsed() {
        return new AssertionError("the front steps do not call this");
    }

    @Override
    public List<Vm> listVms(CloudScope scope) {
        throw notUsed();
    }

    @Override
    public List<Vm> queryVms(CloudScope scope) {
        throw notUsed();
    }

    @Override
    public FeatureState registerFeature(String subscription, String feature) {
        throw notUsed();
    }

    @Override
    public List<ResourceLock> findLocks(VmRef ref) {
        throw notUsed();
    }

    @Override
    public ScriptResult runScript(VmRef ref, GuestScript script) {
        throw new AssertionError("the upgrade runs scripts as the managed run command, never through the action API");
    }

    @Override
    public RestorePoint createRestorePoint(VmRef ref, String collectionName, String pointName) {
        throw notUsed();
    }

    @Override
    public Snapshot createIncrementalSnapshot(String diskId, String snapshotName) {
        throw notUsed();
    }

    @Override
    public OsDisk createDisk(VmRef ref, String sourceId, String diskName) {
        throw notUsed();
    }

    @Override
    public OsDisk growDisk(String diskId, int newSizeGb) {
        throw notUsed();
    }

    @Override
    public Vm swapOsDisk(VmRef ref, String diskId) {
        throw notUsed();
    }

    @Override
    public void deallocate(VmRef ref) {
        throw notUsed();
    }

    @Override
    public void start(VmRef ref) {
        throw notUsed();
    }

    @Override
    public Vm setSecurityProfile(VmRef ref, SecurityProfileChange change) {
        throw notUsed();
    }

    @Override
    public RateLimits rateLimits(String subscription) {
        return null;
    }

    @Override
    public OperationHandle beginDeallocate(VmRef ref) {
        throw notUsed();
    }

    @Override
    public OperationHandle beginSetSecurityProfile(VmRef ref, SecurityProfileChange change) {
        throw notUsed();
    }

    @Override
    public OperationHandle beginRestoreDisk(VmRef ref, String location, String diskRestorePointId, String diskName,
                                            Map<String, String> tags) {
        throw notUsed();
    }

    @Override
    public OperationHandle beginSwapOsDisk(VmRef ref, String diskId) {
        throw notUsed();
    }

    @Override
    public OperationHandle beginTagDisk(String diskId, Map<String, String> tags) {
        throw notUsed();
    }

    @Override
    public OperationHandle beginDeleteRunCommand(VmRef ref, String name) {
        throw notUsed();
    }

    @Override
    public OperationState pollOperation(OperationHandle handle) {
        throw notUsed();
    }

    @Override
    public String readSerialConsoleLog(VmRef ref) {
        throw notUsed();
    }

    @Override
    public FeatureState.Registration registerResourceProvider(String subscription, String namespace) {
        throw notUsed();
    }
}
