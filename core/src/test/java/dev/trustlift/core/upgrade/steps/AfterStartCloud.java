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
import dev.trustlift.core.guest.GuestScripts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A cloud for the steps after start: one running Trusted Launch VM, its agent status, a simulated
 * guest that answers each managed run command (by which of core's scripts it is), restarts, the
 * serial console log and locks. Everything a step must not call throws.
 */
class AfterStartCloud implements Cloud {
    static final VmRef REF = new VmRef("11111111-1111-1111-1111-111111111111", "rg-app", "win01");

    OsType os = OsType.WINDOWS;
    PowerState power = PowerState.RUNNING;
    String agent = "Ready";
    /** The guest: answers a run command's script and parameters. */
    Function<ManagedRunCommand, ScriptResult> guest = c -> new ScriptResult(1, "", "no guest");
    RunCommandView view;
    String serialLog = "";
    CloudException serialLogFailure;
    List<ResourceLock> locks = List.of();
    CloudException deleteRefusal;
    Runnable onRestart = () -> { };
    final List<ManagedRunCommand> runs = new ArrayList<>();
    int restarts;
    int deletes;
    int serialLogReads;
    private int requests;

    /** Which of core's scripts a run command carries. */
    static GuestScripts scriptOf(ManagedRunCommand c) {
        for (GuestScripts s : GuestScripts.values()) {
            if (s.lines().equals(c.script())) {
                return s;
            }
        }
        throw new AssertionError("not one of core's scripts: " + c);
    }

    static String parameter(ManagedRunCommand c, String name) {
        return c.parameters().stream().filter(p -> p.name().equals(name)).map(ManagedRunCommand.Parameter::value)
                .findFirst().orElse(null);
    }

    List<GuestScripts> scriptsRun() {
        return runs.stream().map(AfterStartCloud::scriptOf).toList();
    }

    private OperationHandle handle(OperationKind kind, String id) {
        requests++;
        return new OperationHandle(kind, id, OperationHandle.Polling.ASYNC_OPERATION,
                "https://management.azure.com/operations/op-" + requests, "req-" + requests, Instant.parse("2026-12-08T04:00:00Z"));
    }

    @Override
    public Vm getVm(VmRef vm) {
        return new Vm(REF, "eastus", "Standard_D2s_v3", List.of(), null, os, SecurityType.TRUSTED_LAUNCH, true, true, Map.of(),
                new OsDiskRef(REF.id().replace("virtualMachines/win01", "disks/win01-os"), "win01-os", true, false, 127),
                null, false, "Succeeded", null, false, List.of(), null);
    }

    @Override
    public InstanceView getInstanceView(VmRef vm) {
        return new InstanceView(power, agent, null, null, HyperVGeneration.V2, List.of());
    }

    /** Runs the script at once: the operation's end (the test's) finds the instance view finished. */
    @Override
    public OperationHandle beginRunCommand(VmRef vm, String location, ManagedRunCommand command) {
        runs.add(command);
        ScriptResult r = guest.apply(command);
        view = new RunCommandView(command.name(), "Succeeded", r.exitCode() == 0 ? "Succeeded" : "Failed", null,
                r.exitCode(), r.stdout(), r.stderr(), null, null, String.join("\n", command.script()), command.parameters());
        return handle(OperationKind.RUN_COMMAND, vm.id() + "/runCommands/" + command.name());
    }

    @Override
    public Optional<RunCommandView> findRunCommand(VmRef vm, String name) {
        return Optional.ofNullable(view).filter(v -> v.name().equals(name));
    }

    @Override
    public OperationHandle beginDeleteRunCommand(VmRef vm, String name) {
        deletes++;
        if (deleteRefusal != null) {
            throw deleteRefusal;
        }
        view = null;
        return handle(OperationKind.DELETE_RUN_COMMAND, vm.id() + "/runCommands/" + name);
    }

    @Override
    public OperationHandle beginRestart(VmRef vm) {
        restarts++;
        onRestart.run();
        return handle(OperationKind.RESTART, vm.id());
    }

    @Override
    public String readSerialConsoleLog(VmRef vm) {
        serialLogReads++;
        if (serialLogFailure != null) {
            throw serialLogFailure;
        }
        return serialLog;
    }

    @Override
    public List<ResourceLock> findLocks(VmRef vm) {
        return locks;
    }

    // ---- nothing else is for these steps ----

    private static AssertionError notHere() {
        return new AssertionError("the steps after start do not call this");
    }

    @Override public List<Vm> listVms(CloudScope scope) { throw notHere(); }
    @Override public List<Vm> queryVms(CloudScope scope) { throw notHere(); }
    @Override public OsDisk getDisk(String diskId) { throw notHere(); }
    @Override public List<Extension> listExtensions(VmRef vm) { throw notHere(); }
    @Override public List<ResourceSku> listSkus(String s, String l) { throw notHere(); }
    @Override public FeatureState getFeature(String s, String f) { throw notHere(); }
    @Override public FeatureState registerFeature(String s, String f) { throw notHere(); }
    @Override public BackupProtection getBackupProtection(VmRef vm, String l) { throw notHere(); }
    @Override public List<ReplicationProtectedItem> listReplicationProtectedItems(String s) { throw notHere(); }
    @Override public List<ResourceLock> listResourceGroupLocks(String s, String g) { throw notHere(); }
    @Override public ScriptResult runScript(VmRef vm, GuestScript script) { throw notHere(); }
    @Override public RestorePoint createRestorePoint(VmRef vm, String c, String p) { throw notHere(); }
    @Override public Snapshot createIncrementalSnapshot(String d, String n) { throw notHere(); }
    @Override public OsDisk createDisk(VmRef vm, String s, String n) { throw notHere(); }
    @Override public OsDisk growDisk(String d, int g) { throw notHere(); }
    @Override public Vm swapOsDisk(VmRef vm, String d) { throw notHere(); }
    @Override public void deallocate(VmRef vm) { throw notHere(); }
    @Override public void start(VmRef vm) { throw notHere(); }
    @Override public Vm setSecurityProfile(VmRef vm, SecurityProfileChange c) { throw notHere(); }
    @Override public RateLimits rateLimits(String s) { throw notHere(); }
    @Override public OperationHandle beginDeallocate(VmRef vm) { throw notHere(); }
    @Override public OperationHandle beginStart(VmRef vm) { throw notHere(); }
    @Override public OperationHandle beginSetSecurityProfile(VmRef vm, SecurityProfileChange c) { throw notHere(); }
    @Override public String ensureRestorePointCollection(VmRef vm, String l, String c) { throw notHere(); }
    @Override public OperationHandle beginCreateRestorePoint(VmRef vm, String c, String p, ConsistencyMode m) { throw notHere(); }
    @Override public Optional<RestorePoint> findRestorePoint(VmRef vm, String c, String p) { throw notHere(); }
    @Override public OperationHandle beginRestoreDisk(VmRef vm, String l, String d, String n, Map<String, String> t) { throw notHere(); }
    @Override public OperationHandle beginSwapOsDisk(VmRef vm, String d) { throw notHere(); }
    @Override public OperationHandle beginTagDisk(String d, Map<String, String> t) { throw notHere(); }
    @Override public OperationState pollOperation(OperationHandle h) { throw notHere(); }
    @Override public FeatureState.Registration registerResourceProvider(String s, String n) { throw notHere(); }
    @Override public FeatureState.Registration getResourceProvider(String s, String n) { throw notHere(); }
}
