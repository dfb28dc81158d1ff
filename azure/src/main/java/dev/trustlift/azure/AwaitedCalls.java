package dev.trustlift.azure;

import com.azure.core.management.polling.PollResult;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import com.azure.resourcemanager.compute.fluent.ComputeManagementClient;
import com.azure.resourcemanager.compute.fluent.models.DiskInner;
import com.azure.resourcemanager.compute.fluent.models.RestorePointCollectionInner;
import com.azure.resourcemanager.compute.fluent.models.RestorePointInner;
import com.azure.resourcemanager.compute.fluent.models.SnapshotInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineUpdateInner;
import com.azure.resourcemanager.compute.models.CreationData;
import com.azure.resourcemanager.compute.models.DiskCreateOption;
import com.azure.resourcemanager.compute.models.DiskUpdate;
import com.azure.resourcemanager.compute.models.RestorePointCollectionSourceProperties;
import com.azure.resourcemanager.resources.fluentcore.arm.ResourceUtils;
import dev.trustlift.core.cloud.OsDisk;
import dev.trustlift.core.cloud.RestorePoint;
import dev.trustlift.core.cloud.SecurityProfileChange;
import dev.trustlift.core.cloud.Snapshot;
import dev.trustlift.core.cloud.Vm;
import dev.trustlift.core.cloud.VmRef;
import java.time.Duration;
import java.util.Locale;

/**
 * The port's synchronous long-running calls: each starts an operation and polls it to its end
 * with the SDK's poller, inside the adapter. The upgrade engine uses the begin* calls of
 * {@link UpgradeCalls} instead (journaled by operation URL); these serve callers that may wait.
 */
final class AwaitedCalls {
    private final AzureConnection connection;
    private final ArmErrors errors;
    private final Duration operationTimeout;

    AwaitedCalls(AzureConnection connection, ArmErrors errors, Duration operationTimeout) {
        this.connection = connection;
        this.errors = errors;
        this.operationTimeout = operationTimeout;
    }

    private ComputeManagementClient compute(String subscription) {
        return connection.compute(subscription).serviceClient();
    }

    private DiskInner diskInner(String diskId) {
        return compute(ResourceUtils.subscriptionFromResourceId(diskId)).getDisks()
                .getByResourceGroup(ResourceUtils.groupFromResourceId(diskId), ResourceUtils.nameFromResourceId(diskId));
    }

    RestorePoint createRestorePoint(VmRef vm, String collectionName, String pointName) {
        return errors.call("create restore point for " + vm, () -> {
            var client = compute(vm.subscription());
            VirtualMachineInner model = client.getVirtualMachines().getByResourceGroup(vm.resourceGroup(), vm.name());
            RestorePointCollectionInner collection = client.getRestorePointCollections().createOrUpdate(
                    vm.resourceGroup(), collectionName, (RestorePointCollectionInner) new RestorePointCollectionInner()
                            .withSource(new RestorePointCollectionSourceProperties().withId(vm.id()))
                            .withLocation(model.location()));
            RestorePointInner point = await(client.getRestorePoints()
                    .beginCreate(vm.resourceGroup(), collectionName, pointName, new RestorePointInner()), null);
            return ArmModels.restorePoint(collection.id(), point);
        });
    }

    Snapshot createIncrementalSnapshot(String diskId, String snapshotName) {
        return errors.call("snapshot disk " + diskId, () -> {
            DiskInner disk = diskInner(diskId);
            SnapshotInner snapshot = (SnapshotInner) new SnapshotInner()
                    .withIncremental(true)
                    .withCreationData(new CreationData().withCreateOption(DiskCreateOption.COPY).withSourceResourceId(diskId))
                    .withLocation(disk.location());
            return ArmModels.snapshot(await(compute(ResourceUtils.subscriptionFromResourceId(diskId)).getSnapshots()
                    .beginCreateOrUpdate(ResourceUtils.groupFromResourceId(diskId), snapshotName, snapshot), null));
        });
    }

    OsDisk createDisk(VmRef vm, String sourceId, String diskName) {
        return errors.call("create disk " + diskName + " for " + vm, () -> {
            var client = compute(vm.subscription());
            VirtualMachineInner model = client.getVirtualMachines().getByResourceGroup(vm.resourceGroup(), vm.name());
            // Disk restore points are restored; snapshots and disks are copied.
            DiskCreateOption option = sourceId.toLowerCase(Locale.ROOT).contains("/diskrestorepoints/")
                    ? DiskCreateOption.RESTORE : DiskCreateOption.COPY;
            DiskInner disk = (DiskInner) new DiskInner()
                    .withCreationData(new CreationData().withCreateOption(option).withSourceResourceId(sourceId))
                    .withLocation(model.location());
            if (model.zones() != null && !model.zones().isEmpty()) {
                disk.withZones(model.zones());
            }
            return ArmModels.disk(await(client.getDisks().beginCreateOrUpdate(vm.resourceGroup(), diskName, disk), null));
        });
    }

    OsDisk growDisk(String diskId, int newSizeGb) {
        return errors.call("grow disk " + diskId, () -> ArmModels.disk(await(
                compute(ResourceUtils.subscriptionFromResourceId(diskId)).getDisks().beginUpdate(
                        ResourceUtils.groupFromResourceId(diskId), ResourceUtils.nameFromResourceId(diskId),
                        new DiskUpdate().withDiskSizeGB(newSizeGb)), null)));
    }

    Vm swapOsDisk(VmRef vm, String diskId) {
        return errors.call("swap OS disk of " + vm, () -> {
            var vms = compute(vm.subscription()).getVirtualMachines();
            // As az vm update --os-disk does: read the model, repoint the OS disk, PUT it back.
            VirtualMachineInner model = UpgradeCalls.withOsDisk(vms.getByResourceGroup(vm.resourceGroup(), vm.name()), diskId);
            return ArmModels.vm(await(vms.beginCreateOrUpdate(vm.resourceGroup(), vm.name(), model), null));
        });
    }

    void deallocate(VmRef vm) {
        errors.run("deallocate " + vm, () -> await(
                compute(vm.subscription()).getVirtualMachines().beginDeallocate(vm.resourceGroup(), vm.name()), null));
    }

    void start(VmRef vm) {
        errors.run("start " + vm, () -> await(
                compute(vm.subscription()).getVirtualMachines().beginStart(vm.resourceGroup(), vm.name()), null));
    }

    Vm setSecurityProfile(VmRef vm, SecurityProfileChange change) {
        VirtualMachineUpdateInner update = UpgradeCalls.securityProfileOnly(change);
        return errors.call("set security profile of " + vm, () -> ArmModels.vm(await(
                compute(vm.subscription()).getVirtualMachines().beginUpdate(vm.resourceGroup(), vm.name(), update),
                null)));
    }

    /**
     * Polls to completion. The configured interval applies only when ARM sends no Retry-After;
     * the timeout (the script's, else the connection's operation timeout) bounds the whole wait.
     */
    <T> T await(SyncPoller<PollResult<T>, T> poller, Duration timeout) {
        Duration interval = connection.settings().pollInterval();
        if (interval != null) {
            poller.setPollInterval(interval);
        }
        PollResponse<PollResult<T>> last =
                poller.waitForCompletion(timeout == null ? operationTimeout : timeout);
        LongRunningOperationStatus status = last.getStatus();
        if (status == LongRunningOperationStatus.FAILED || status == LongRunningOperationStatus.USER_CANCELLED) {
            // The poller reports a failed operation as a status, not an exception; the error body
            // of the status document carries ARM's code.
            PollResult.Error error = last.getValue() == null ? null : last.getValue().getError();
            throw OperationFailure.from(status.toString(), error);
        }
        return poller.getFinalResult();
    }
}
