package dev.trustlift.azure;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.azure.resourcemanager.compute.fluent.ComputeManagementClient;
import com.azure.resourcemanager.compute.fluent.models.DiskInner;
import com.azure.resourcemanager.compute.fluent.models.RestorePointCollectionInner;
import com.azure.resourcemanager.compute.fluent.models.RestorePointInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineRunCommandInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineUpdateInner;
import com.azure.resourcemanager.compute.models.ConsistencyModeTypes;
import com.azure.resourcemanager.compute.models.CreationData;
import com.azure.resourcemanager.compute.models.DiskCreateOption;
import com.azure.resourcemanager.compute.models.DiskUpdate;
import com.azure.resourcemanager.compute.models.ManagedDiskParameters;
import com.azure.resourcemanager.compute.models.RestorePointCollectionSourceProperties;
import com.azure.resourcemanager.compute.models.RestorePointExpandOptions;
import com.azure.resourcemanager.compute.models.RunCommandInputParameter;
import com.azure.resourcemanager.compute.models.SecurityProfile;
import com.azure.resourcemanager.compute.models.SecurityTypes;
import com.azure.resourcemanager.compute.models.UefiSettings;
import com.azure.resourcemanager.compute.models.VirtualMachineRunCommandScriptSource;
import com.azure.resourcemanager.resources.fluentcore.arm.ResourceUtils;
import dev.trustlift.core.cloud.CloudException;
import dev.trustlift.core.cloud.ConsistencyMode;
import dev.trustlift.core.cloud.FeatureState;
import dev.trustlift.core.cloud.ManagedRunCommand;
import dev.trustlift.core.cloud.OperationHandle;
import dev.trustlift.core.cloud.OperationKind;
import dev.trustlift.core.cloud.RestorePoint;
import dev.trustlift.core.cloud.RunCommandView;
import dev.trustlift.core.cloud.SecurityProfileChange;
import dev.trustlift.core.cloud.SecurityType;
import dev.trustlift.core.cloud.VmRef;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The upgrade engine's cloud calls: each long-running one sends its first request and returns
 * the operation's handle without waiting ({@link OperationStarts}); {@link OperationPolls} polls
 * it later, from this process or a resumed one.
 */
final class UpgradeCalls {

    /** How long the SAS link to a serial console log lives: long enough to read it once, now. */
    static final int SERIAL_LOG_SAS_MINUTES = 10;

    private final AzureConnection connection;
    private final ArmErrors errors;
    private final OperationStarts starts;

    UpgradeCalls(AzureConnection connection, ArmErrors errors, Clock clock) {
        this.connection = connection;
        this.errors = errors;
        this.starts = new OperationStarts(clock);
    }

    private ComputeManagementClient compute(String subscription) {
        return connection.compute(subscription).serviceClient();
    }

    OperationHandle beginDeallocate(VmRef vm) {
        return errors.call("deallocate " + vm, () -> starts.start(OperationKind.DEALLOCATE, vm.id(),
                compute(vm.subscription()).getVirtualMachines().deallocateWithResponseAsync(vm.resourceGroup(), vm.name(), null)));
    }

    OperationHandle beginStart(VmRef vm) {
        return errors.call("start " + vm, () -> starts.start(OperationKind.START, vm.id(),
                compute(vm.subscription()).getVirtualMachines().startWithResponseAsync(vm.resourceGroup(), vm.name())));
    }

    OperationHandle beginRestart(VmRef vm) {
        return errors.call("restart " + vm, () -> starts.start(OperationKind.RESTART, vm.id(),
                compute(vm.subscription()).getVirtualMachines().restartWithResponseAsync(vm.resourceGroup(), vm.name())));
    }

    static VirtualMachineUpdateInner securityProfileOnly(SecurityProfileChange change) {
        SecurityProfile profile = new SecurityProfile()
                .withSecurityType(SecurityTypes.fromString(change.securityType().armName()));
        if (change.securityType() != SecurityType.STANDARD) {
            profile.withUefiSettings(new UefiSettings()
                    .withSecureBootEnabled(change.secureBootEnabled()).withVTpmEnabled(change.vTpmEnabled()));
        }
        return new VirtualMachineUpdateInner().withSecurityProfile(profile);
    }

    OperationHandle beginSetSecurityProfile(VmRef vm, SecurityProfileChange change) {
        VirtualMachineUpdateInner update = securityProfileOnly(change);
        return errors.call("set security profile of " + vm, () -> starts.start(OperationKind.SET_SECURITY_PROFILE, vm.id(),
                compute(vm.subscription()).getVirtualMachines()
                        .updateWithResponseAsync(vm.resourceGroup(), vm.name(), update, null, null)));
    }

    String ensureRestorePointCollection(VmRef vm, String location, String collectionName) {
        return errors.call("create restore point collection " + collectionName + " for " + vm, () ->
                compute(vm.subscription()).getRestorePointCollections().createOrUpdate(vm.resourceGroup(), collectionName,
                        (RestorePointCollectionInner) new RestorePointCollectionInner()
                                .withSource(new RestorePointCollectionSourceProperties().withId(vm.id()))
                                .withLocation(location)).id());
    }

    OperationHandle beginCreateRestorePoint(VmRef vm, String collectionName, String pointName, ConsistencyMode mode) {
        RestorePointInner point = new RestorePointInner();
        if (mode != null) {
            point.withConsistencyMode(ConsistencyModeTypes.fromString(mode.armName()));
        }
        String id = collectionId(vm, collectionName) + "/restorePoints/" + pointName;
        return errors.call("create restore point " + pointName + " for " + vm, () -> starts.start(
                OperationKind.CREATE_RESTORE_POINT, id, compute(vm.subscription()).getRestorePoints()
                        .createWithResponseAsync(vm.resourceGroup(), collectionName, pointName, point)));
    }

    Optional<RestorePoint> findRestorePoint(VmRef vm, String collectionName, String pointName) {
        try {
            return Optional.of(errors.call("read restore point " + pointName + " of " + vm, () -> ArmModels.restorePoint(
                    collectionId(vm, collectionName), compute(vm.subscription()).getRestorePoints().getWithResponse(
                            vm.resourceGroup(), collectionName, pointName, RestorePointExpandOptions.INSTANCE_VIEW,
                            Context.NONE).getValue())));
        } catch (CloudException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static String collectionId(VmRef vm, String collectionName) {
        return "/subscriptions/" + vm.subscription() + "/resourceGroups/" + vm.resourceGroup()
                + "/providers/Microsoft.Compute/restorePointCollections/" + collectionName;
    }

    OperationHandle beginRestoreDisk(VmRef vm, String location, String diskRestorePointId, String diskName,
                                     Map<String, String> tags) {
        DiskInner disk = (DiskInner) new DiskInner()
                .withCreationData(new CreationData().withCreateOption(DiskCreateOption.RESTORE)
                        .withSourceResourceId(diskRestorePointId))
                .withLocation(location)
                .withTags(tags == null ? null : new LinkedHashMap<>(tags));
        String id = "/subscriptions/" + vm.subscription() + "/resourceGroups/" + vm.resourceGroup()
                + "/providers/Microsoft.Compute/disks/" + diskName;
        return errors.call("restore disk " + diskName + " for " + vm, () -> starts.start(OperationKind.RESTORE_DISK, id,
                compute(vm.subscription()).getDisks().createOrUpdateWithResponseAsync(vm.resourceGroup(), diskName, disk)));
    }

    OperationHandle beginSwapOsDisk(VmRef vm, String diskId) {
        return errors.call("swap OS disk of " + vm, () -> {
            var vms = compute(vm.subscription()).getVirtualMachines();
            // As az vm update --os-disk does: read the model, repoint the OS disk, PUT it back at once.
            VirtualMachineInner model = withOsDisk(vms.getByResourceGroup(vm.resourceGroup(), vm.name()), diskId);
            return starts.start(OperationKind.SWAP_OS_DISK, vm.id(),
                    vms.createOrUpdateWithResponseAsync(vm.resourceGroup(), vm.name(), model, null, null));
        });
    }

    /** The VM's model pointing at another OS disk: the body of a swap's PUT. */
    static VirtualMachineInner withOsDisk(VirtualMachineInner model, String diskId) {
        model.storageProfile().osDisk()
                .withName(ResourceUtils.nameFromResourceId(diskId))
                .withManagedDisk(new ManagedDiskParameters().withId(diskId));
        return model;
    }

    OperationHandle beginTagDisk(String diskId, Map<String, String> tags) {
        String subscription = ResourceUtils.subscriptionFromResourceId(diskId);
        String group = ResourceUtils.groupFromResourceId(diskId);
        String name = ResourceUtils.nameFromResourceId(diskId);
        return errors.call("tag disk " + diskId, () -> {
            var disks = compute(subscription).getDisks();
            // A PATCH's tags replace the disk's tags: merge with what is there so no one's tag is lost.
            Map<String, String> merged = new LinkedHashMap<>();
            Map<String, String> existing = disks.getByResourceGroup(group, name).tags();
            if (existing != null) {
                merged.putAll(existing);
            }
            merged.putAll(tags);
            return starts.start(OperationKind.TAG_DISK, diskId,
                    disks.updateWithResponseAsync(group, name, new DiskUpdate().withTags(merged)));
        });
    }

    OperationHandle beginRunCommand(VmRef vm, String location, ManagedRunCommand command) {
        VirtualMachineRunCommandInner inner = new VirtualMachineRunCommandInner()
                .withSource(new VirtualMachineRunCommandScriptSource().withScript(String.join("\n", command.script())))
                .withParameters(parameters(command.parameters()))
                .withProtectedParameters(parameters(command.protectedParameters()))
                .withTimeoutInSeconds((int) Math.min(Integer.MAX_VALUE, command.timeout().toSeconds()))
                // Synchronous execution: the operation ends when the script does. A non-zero exit
                // is a result read from the instance view, not a failed deployment.
                .withAsyncExecution(false)
                .withTreatFailureAsDeploymentFailure(false);
        inner.withLocation(location);
        String id = vm.id() + "/runCommands/" + command.name();
        return errors.call("run command " + command.name() + " on " + vm, () -> starts.start(OperationKind.RUN_COMMAND, id,
                compute(vm.subscription()).getVirtualMachineRunCommands()
                        .createOrUpdateWithResponseAsync(vm.resourceGroup(), vm.name(), command.name(), inner)));
    }

    private static List<RunCommandInputParameter> parameters(List<ManagedRunCommand.Parameter> parameters) {
        return parameters.stream().map(p -> new RunCommandInputParameter().withName(p.name()).withValue(p.value())).toList();
    }

    Optional<RunCommandView> findRunCommand(VmRef vm, String name) {
        try {
            return Optional.of(errors.call("read run command " + name + " of " + vm, () -> ArmModels.runCommand(
                    compute(vm.subscription()).getVirtualMachineRunCommands().getByVirtualMachineWithResponse(
                            vm.resourceGroup(), vm.name(), name, "instanceView", Context.NONE).getValue())));
        } catch (CloudException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    OperationHandle beginDeleteRunCommand(VmRef vm, String name) {
        return errors.call("delete run command " + name + " of " + vm, () -> starts.start(OperationKind.DELETE_RUN_COMMAND,
                vm.id() + "/runCommands/" + name, compute(vm.subscription()).getVirtualMachineRunCommands()
                        .deleteWithResponseAsync(vm.resourceGroup(), vm.name(), name)));
    }

    String readSerialConsoleLog(VmRef vm) {
        String uri = errors.call("retrieve boot diagnostics of " + vm, () -> compute(vm.subscription()).getVirtualMachines()
                .retrieveBootDiagnosticsDataWithResponse(vm.resourceGroup(), vm.name(), SERIAL_LOG_SAS_MINUTES, Context.NONE)
                .getValue().serialConsoleLogBlobUri());
        if (uri == null || uri.isBlank()) {
            throw new CloudException("BootDiagnosticsUnavailable", "ARM gave no serial console log for " + vm
                    + " (is boot diagnostics enabled?)", 0, null, null);
        }
        // A storage SAS link: the ARM bearer token must not go there, so the bare HTTP client
        // fetches it (same TLS trust as the pipeline, no credential policy).
        return errors.call("read the serial console log of " + vm, () -> {
            try (HttpResponse response = connection.pipeline().getHttpClient()
                    .sendSync(new HttpRequest(HttpMethod.GET, uri), Context.NONE)) {
                String text = response.getBodyAsBinaryData() == null ? "" : response.getBodyAsBinaryData().toString();
                if (response.getStatusCode() / 100 != 2) {
                    throw new CloudException(blobCode(text, response.getStatusCode()), "reading the serial console log "
                            + "failed", response.getStatusCode(), response.getHeaderValue("x-ms-request-id"), null);
                }
                return text;
            }
        });
    }

    /** Blob storage answers errors as XML: {@code <Error><Code>BlobNotFound</Code>...}. */
    private static String blobCode(String xml, int status) {
        int at = xml.indexOf("<Code>");
        int end = xml.indexOf("</Code>");
        return at >= 0 && end > at ? xml.substring(at + "<Code>".length(), end) : "Http" + status;
    }

    FeatureState.Registration registerResourceProvider(String subscription, String namespace) {
        return errors.call("register resource provider " + namespace, () -> FeatureState.Registration.parse(
                connection.resources(subscription).providers().register(namespace).registrationState()));
    }
}
