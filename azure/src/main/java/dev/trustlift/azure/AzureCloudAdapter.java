package dev.trustlift.azure;

import com.azure.core.util.Context;
import com.azure.resourcemanager.compute.fluent.ComputeManagementClient;
import com.azure.resourcemanager.compute.fluent.models.DiskInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.models.RunCommandInput;
import com.azure.resourcemanager.resources.fluentcore.arm.ResourceUtils;
import dev.trustlift.core.cloud.BackupProtection;
import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.CloudScope;
import dev.trustlift.core.cloud.ConsistencyMode;
import dev.trustlift.core.cloud.Extension;
import dev.trustlift.core.cloud.FeatureState;
import dev.trustlift.core.cloud.GuestScript;
import dev.trustlift.core.cloud.InstanceView;
import dev.trustlift.core.cloud.ManagedRunCommand;
import dev.trustlift.core.cloud.OperationHandle;
import dev.trustlift.core.cloud.OperationState;
import dev.trustlift.core.cloud.OsDisk;
import dev.trustlift.core.cloud.OsType;
import dev.trustlift.core.cloud.RateLimits;
import dev.trustlift.core.cloud.ReplicationProtectedItem;
import dev.trustlift.core.cloud.ResourceLock;
import dev.trustlift.core.cloud.ResourceSku;
import dev.trustlift.core.cloud.RestorePoint;
import dev.trustlift.core.cloud.RunCommandView;
import dev.trustlift.core.cloud.ScriptResult;
import dev.trustlift.core.cloud.SecurityProfileChange;
import dev.trustlift.core.cloud.Snapshot;
import dev.trustlift.core.cloud.Vm;
import dev.trustlift.core.cloud.VmRef;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link Cloud} port on the Azure SDK for Java. It uses the SDK's inner (service) clients
 * where the fluent layer would read or write more than asked (a fluent VM update re-PUTs the whole
 * model), and the SDK's pollers for every long-running call, so ARM's async-operation protocol is
 * followed exactly as Azure documents it.
 */
public final class AzureCloudAdapter implements Cloud {


    /** Azure documents most VM operations in minutes; an hour without an answer is a failure. */
    public static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofMinutes(60);

    private final AzureConnection connection;
    private final ArmErrors errors;
    /**
     * Backup policy types by vault and policy: a policy's type is fixed when it is created (a VM
     * moves to an Enhanced policy by being assigned another policy), so one read per policy serves
     * every VM it protects.
     */
    private final Map<String, BackupProtection.PolicyType> policyTypes = new ConcurrentHashMap<>();
    private final UpgradeCalls upgrade;
    private final ManagementLocks locks;
    private final PreviewFeatures features;
    private final OperationPolls polls;
    private final AwaitedCalls awaited;

    public AzureCloudAdapter(AzureConnection connection) {
        this(connection, DEFAULT_OPERATION_TIMEOUT);
    }

    /**
     * @param operationTimeout the longest wait for a long-running operation (a guest script has
     *        its own): a hung operation must fail its step, not hang the run
     */
    public AzureCloudAdapter(AzureConnection connection, Duration operationTimeout) {
        this.connection = connection;
        this.errors = ArmErrors.of(connection.settings());
        this.upgrade = new UpgradeCalls(connection, errors, Clock.systemUTC());
        this.polls = new OperationPolls(connection.pipeline(), connection.resourceManagerEndpoint());
        this.locks = new ManagementLocks(connection);
        this.features = new PreviewFeatures(connection);
        this.awaited = new AwaitedCalls(connection, errors, operationTimeout);
    }

    private ArmRest rest() {
        return new ArmRest(connection.pipeline(), connection.resourceManagerEndpoint());
    }

    private ComputeManagementClient compute(String subscription) {
        return connection.compute(subscription).serviceClient();
    }

    @Override
    public List<Vm> listVms(CloudScope scope) {
        return errors.call("list VMs", () -> {
            List<Vm> out = new ArrayList<>();
            for (String subscription : scope.subscriptions()) {
                var vms = compute(subscription).getVirtualMachines();
                var pages = scope.resourceGroup() == null ? vms.list() : vms.listByResourceGroup(scope.resourceGroup());
                for (VirtualMachineInner inner : pages) {
                    Vm vm = ArmModels.vm(inner);
                    if (scope.matchesTags(vm.tags())) {
                        out.add(vm);
                    }
                }
            }
            return out;
        });
    }

    @Override
    public List<Vm> queryVms(CloudScope scope) {
        return errors.call("query Resource Graph", () -> GraphVmQuery.run(connection.graph(), scope));
    }

    @Override
    public Vm getVm(VmRef vm) {
        return errors.call("get VM " + vm, () -> ArmModels.vm(
                compute(vm.subscription()).getVirtualMachines().getByResourceGroup(vm.resourceGroup(), vm.name())));
    }

    @Override
    public InstanceView getInstanceView(VmRef vm) {
        return errors.call("get instance view of " + vm, () -> ArmModels.instanceView(
                compute(vm.subscription()).getVirtualMachines().instanceView(vm.resourceGroup(), vm.name())));
    }

    @Override
    public OsDisk getDisk(String diskId) {
        return errors.call("get disk " + diskId, () -> ArmModels.disk(diskInner(diskId)));
    }

    private DiskInner diskInner(String diskId) {
        return compute(ResourceUtils.subscriptionFromResourceId(diskId)).getDisks()
                .getByResourceGroup(ResourceUtils.groupFromResourceId(diskId), ResourceUtils.nameFromResourceId(diskId));
    }

    @Override
    public List<Extension> listExtensions(VmRef vm) {
        return errors.call("list extensions of " + vm, () -> {
            var list = compute(vm.subscription()).getVirtualMachineExtensions().list(vm.resourceGroup(), vm.name());
            return list == null || list.value() == null ? List.<Extension>of()
                    : list.value().stream().map(ArmModels::extension).toList();
        });
    }

    @Override
    public List<ResourceSku> listSkus(String subscription, String location) {
        return errors.call("list SKUs in " + location, () -> {
            List<ResourceSku> out = new ArrayList<>();
            String filter = "location eq '" + location.replace("'", "") + "'";
            for (var sku : compute(subscription).getResourceSkus().list(filter, null, Context.NONE)) {
                boolean vmSize = "virtualMachines".equalsIgnoreCase(sku.resourceType());
                boolean here = sku.locations() == null || sku.locations().stream().anyMatch(location::equalsIgnoreCase);
                if (vmSize && here) {
                    out.add(ArmModels.sku(sku, location));
                }
            }
            return out;
        });
    }

    @Override
    public FeatureState getFeature(String subscription, String feature) {
        return errors.call("get feature " + feature, () -> features.get(subscription, feature));
    }

    @Override
    public FeatureState registerFeature(String subscription, String feature) {
        return errors.call("register feature " + feature, () -> features.register(subscription, feature));
    }

    @Override
    public BackupProtection getBackupProtection(VmRef vm, String location) {
        return errors.call("get backup status of " + vm, () ->
                new BackupStatusReader(rest(), policyTypes).read(vm, location));
    }

    @Override
    public List<ReplicationProtectedItem> listReplicationProtectedItems(String subscription) {
        return errors.call("list Site Recovery replication items of subscription " + subscription,
                () -> new SiteRecoveryReader(rest()).read(subscription));
    }

    @Override
    public List<ResourceLock> findLocks(VmRef vm) {
        return errors.call("list locks of " + vm, () -> locks.find(vm));
    }

    @Override
    public List<ResourceLock> listResourceGroupLocks(String subscription, String resourceGroup) {
        return errors.call("list locks of resource group " + resourceGroup, () -> locks.inGroup(subscription, resourceGroup));
    }

    @Override
    public ScriptResult runScript(VmRef vm, GuestScript script) {
        RunCommandInput input = new RunCommandInput()
                .withCommandId(script.os() == OsType.WINDOWS ? "RunPowerShellScript" : "RunShellScript")
                .withScript(script.wrappedLines());
        return errors.call("run command on " + vm, () -> RunCommandOutput.parse(awaited.await(
                compute(vm.subscription()).getVirtualMachines().beginRunCommand(vm.resourceGroup(), vm.name(), input),
                script.timeout())));
    }

    @Override
    public RestorePoint createRestorePoint(VmRef vm, String collectionName, String pointName) {
        return awaited.createRestorePoint(vm, collectionName, pointName);
    }

    @Override
    public Snapshot createIncrementalSnapshot(String diskId, String snapshotName) {
        return awaited.createIncrementalSnapshot(diskId, snapshotName);
    }

    @Override
    public OsDisk createDisk(VmRef vm, String sourceId, String diskName) {
        return awaited.createDisk(vm, sourceId, diskName);
    }

    @Override
    public OsDisk growDisk(String diskId, int newSizeGb) {
        return awaited.growDisk(diskId, newSizeGb);
    }

    @Override
    public Vm swapOsDisk(VmRef vm, String diskId) {
        return awaited.swapOsDisk(vm, diskId);
    }

    @Override
    public void deallocate(VmRef vm) {
        awaited.deallocate(vm);
    }

    @Override
    public void start(VmRef vm) {
        awaited.start(vm);
    }

    @Override
    public Vm setSecurityProfile(VmRef vm, SecurityProfileChange change) {
        return awaited.setSecurityProfile(vm, change);
    }

    @Override
    public RateLimits rateLimits(String subscription) {
        return connection.rateLimits().latest(subscription);
    }

    @Override
    public OperationHandle beginDeallocate(VmRef vm) {
        return upgrade.beginDeallocate(vm);
    }

    @Override
    public OperationHandle beginStart(VmRef vm) {
        return upgrade.beginStart(vm);
    }

    @Override
    public OperationHandle beginRestart(VmRef vm) {
        return upgrade.beginRestart(vm);
    }

    @Override
    public OperationHandle beginSetSecurityProfile(VmRef vm, SecurityProfileChange change) {
        return upgrade.beginSetSecurityProfile(vm, change);
    }

    @Override
    public String ensureRestorePointCollection(VmRef vm, String location, String collectionName) {
        return upgrade.ensureRestorePointCollection(vm, location, collectionName);
    }

    @Override
    public OperationHandle beginCreateRestorePoint(VmRef vm, String collectionName, String pointName, ConsistencyMode mode) {
        return upgrade.beginCreateRestorePoint(vm, collectionName, pointName, mode);
    }

    @Override
    public Optional<RestorePoint> findRestorePoint(VmRef vm, String collectionName, String pointName) {
        return upgrade.findRestorePoint(vm, collectionName, pointName);
    }

    @Override
    public OperationHandle beginRestoreDisk(VmRef vm, String location, String diskRestorePointId, String diskName,
                                            Map<String, String> tags) {
        return upgrade.beginRestoreDisk(vm, location, diskRestorePointId, diskName, tags);
    }

    @Override
    public OperationHandle beginSwapOsDisk(VmRef vm, String diskId) {
        return upgrade.beginSwapOsDisk(vm, diskId);
    }

    @Override
    public OperationHandle beginTagDisk(String diskId, Map<String, String> tags) {
        return upgrade.beginTagDisk(diskId, tags);
    }

    @Override
    public OperationHandle beginRunCommand(VmRef vm, String location, ManagedRunCommand command) {
        return upgrade.beginRunCommand(vm, location, command);
    }

    @Override
    public Optional<RunCommandView> findRunCommand(VmRef vm, String name) {
        return upgrade.findRunCommand(vm, name);
    }

    @Override
    public OperationHandle beginDeleteRunCommand(VmRef vm, String name) {
        return upgrade.beginDeleteRunCommand(vm, name);
    }

    @Override
    public OperationState pollOperation(OperationHandle handle) {
        return errors.call("poll " + handle.kind().name().toLowerCase(Locale.ROOT) + " of " + handle.resourceId(),
                () -> polls.poll(handle));
    }

    @Override
    public String readSerialConsoleLog(VmRef vm) {
        return upgrade.readSerialConsoleLog(vm);
    }

    @Override
    public FeatureState.Registration registerResourceProvider(String subscription, String namespace) {
        return upgrade.registerResourceProvider(subscription, namespace);
    }

    @Override
    public FeatureState.Registration getResourceProvider(String subscription, String namespace) {
        return upgrade.getResourceProvider(subscription, namespace);
    }
}
