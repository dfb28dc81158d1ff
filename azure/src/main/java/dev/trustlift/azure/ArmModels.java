package dev.trustlift.azure;

import com.azure.resourcemanager.compute.fluent.models.DiskInner;
import com.azure.resourcemanager.compute.fluent.models.RestorePointInner;
import com.azure.resourcemanager.compute.fluent.models.SnapshotInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineExtensionInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInstanceViewInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineRunCommandInner;
import com.azure.resourcemanager.compute.models.VirtualMachineRunCommandInstanceView;
import com.azure.resourcemanager.compute.models.ImageReference;
import com.azure.resourcemanager.compute.models.InstanceViewStatus;
import com.azure.resourcemanager.compute.models.OSDisk;
import com.azure.resourcemanager.compute.models.ResourceSkuCapabilities;
import com.azure.resourcemanager.compute.models.ResourceSkuRestrictions;
import com.azure.resourcemanager.compute.models.RestorePointSourceVMDataDisk;
import com.azure.resourcemanager.compute.models.RestorePointSourceVMStorageProfile;
import com.azure.resourcemanager.compute.fluent.models.ResourceSkuInner;
import com.azure.resourcemanager.resources.fluent.models.ManagementLockObjectInner;
import dev.trustlift.core.cloud.ConsistencyMode;
import dev.trustlift.core.cloud.DiskRestorePoint;
import dev.trustlift.core.cloud.Extension;
import dev.trustlift.core.cloud.HyperVGeneration;
import dev.trustlift.core.cloud.ImageRef;
import dev.trustlift.core.cloud.InstanceView;
import dev.trustlift.core.cloud.OsDisk;
import dev.trustlift.core.cloud.OsDiskRef;
import dev.trustlift.core.cloud.OsType;
import dev.trustlift.core.cloud.PowerState;
import dev.trustlift.core.cloud.ResourceLock;
import dev.trustlift.core.cloud.ResourceSku;
import dev.trustlift.core.cloud.RestorePoint;
import dev.trustlift.core.cloud.ManagedRunCommand;
import dev.trustlift.core.cloud.RunCommandView;
import dev.trustlift.core.cloud.SecurityType;
import dev.trustlift.core.cloud.Snapshot;
import dev.trustlift.core.cloud.Vm;
import dev.trustlift.core.cloud.VmRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the SDK's ARM models into trustlift's records. Pure functions, tested with the public
 * example payloads, because ARM omits whole objects (securityProfile, vmAgent, encryption) in
 * the states trustlift cares most about.
 */
final class ArmModels {

    private static final String LOCKS_SEGMENT = "/providers/Microsoft.Authorization/locks/";

    private ArmModels() {
    }

    static Vm vm(VirtualMachineInner inner) {
        VmRef ref = VmRef.parse(inner.id());
        var security = inner.securityProfile();
        var uefi = security == null ? null : security.uefiSettings();
        var storage = inner.storageProfile();
        OSDisk osDisk = storage == null ? null : storage.osDisk();
        return new Vm(ref,
                inner.location(),
                inner.hardwareProfile() == null || inner.hardwareProfile().vmSize() == null
                        ? null : inner.hardwareProfile().vmSize().toString(),
                inner.zones(),
                inner.availabilitySet() == null ? null : inner.availabilitySet().id(),
                osType(inner, osDisk),
                // Absent (api-versions before 2025-11-01), null and "Standard" all mean Standard.
                SecurityType.parse(security == null || security.securityType() == null
                        ? null : security.securityType().toString()),
                uefi != null && Boolean.TRUE.equals(uefi.secureBootEnabled()),
                uefi != null && Boolean.TRUE.equals(uefi.vTpmEnabled()),
                inner.tags(),
                osDiskRef(osDisk),
                image(storage == null ? null : storage.imageReference()),
                osDisk != null && osDisk.encryptionSettings() != null
                        && !Boolean.FALSE.equals(osDisk.encryptionSettings().enabled()),
                inner.provisioningState(),
                inner.virtualMachineScaleSet() == null ? null : inner.virtualMachineScaleSet().id(),
                inner.additionalCapabilities() != null
                        && Boolean.TRUE.equals(inner.additionalCapabilities().hibernationEnabled()),
                // ARM lists a VM's extensions as child resources when it has any; without the
                // list we cannot tell "none" from "not sent", so null makes the caller ask.
                inner.resources() == null || inner.resources().isEmpty() ? null
                        : inner.resources().stream().map(ArmModels::extension).toList(),
                inner.timeCreated() == null ? null : inner.timeCreated().toInstant());
    }

    private static OsType osType(VirtualMachineInner inner, OSDisk osDisk) {
        if (osDisk != null && osDisk.osType() != null) {
            return OsType.parse(osDisk.osType().toString());
        }
        // Attached OS disks sometimes omit osType; the OS profile still tells.
        var profile = inner.osProfile();
        if (profile != null && profile.windowsConfiguration() != null) {
            return OsType.WINDOWS;
        }
        if (profile != null && profile.linuxConfiguration() != null) {
            return OsType.LINUX;
        }
        return null;
    }

    private static OsDiskRef osDiskRef(OSDisk osDisk) {
        if (osDisk == null) {
            return null;
        }
        boolean managed = osDisk.managedDisk() != null && osDisk.managedDisk().id() != null;
        return new OsDiskRef(managed ? osDisk.managedDisk().id() : null,
                osDisk.name(),
                managed || osDisk.vhd() == null,
                osDisk.diffDiskSettings() != null,
                osDisk.diskSizeGB() == null ? 0 : osDisk.diskSizeGB());
    }

    private static ImageRef image(ImageReference ref) {
        if (ref == null) {
            return null;
        }
        return new ImageRef(ref.publisher(), ref.offer(), ref.sku(),
                ref.exactVersion() != null ? ref.exactVersion() : ref.version(), ref.id());
    }

    static InstanceView instanceView(VirtualMachineInstanceViewInner inner) {
        List<InstanceView.Status> statuses = statuses(inner.statuses());
        PowerState power = statuses.stream().map(s -> PowerState.fromStatusCode(s.code()))
                .filter(p -> p != PowerState.UNKNOWN).findFirst().orElse(PowerState.UNKNOWN);
        String agent = null;
        if (inner.vmAgent() != null && inner.vmAgent().statuses() != null && !inner.vmAgent().statuses().isEmpty()) {
            agent = inner.vmAgent().statuses().get(0).displayStatus();
        }
        return new InstanceView(power, agent, inner.osName(), inner.osVersion(),
                HyperVGeneration.parse(inner.hyperVGeneration() == null ? null : inner.hyperVGeneration().toString()),
                statuses);
    }

    private static List<InstanceView.Status> statuses(List<InstanceViewStatus> statuses) {
        List<InstanceView.Status> out = new ArrayList<>();
        if (statuses != null) {
            for (InstanceViewStatus s : statuses) {
                out.add(new InstanceView.Status(s.code(), s.level() == null ? null : s.level().toString(),
                        s.displayStatus(), s.message()));
            }
        }
        return out;
    }

    static OsDisk disk(DiskInner inner) {
        return new OsDisk(inner.id(), inner.name(), inner.location(),
                inner.diskSizeGB() == null ? 0 : inner.diskSizeGB(),
                HyperVGeneration.parse(inner.hyperVGeneration() == null ? null : inner.hyperVGeneration().toString()),
                inner.encryption() == null || inner.encryption().type() == null
                        ? null : inner.encryption().type().toString(),
                SecurityType.parse(inner.securityProfile() == null || inner.securityProfile().securityType() == null
                        ? null : inner.securityProfile().securityType().toString()),
                inner.managedBy(), inner.tags());
    }

    static Extension extension(VirtualMachineExtensionInner inner) {
        return new Extension(inner.publisher(), inner.typePropertiesType(), inner.name());
    }

    /** @param location the location asked for: a SKU lists every location it covers, we keep the asked one */
    static ResourceSku sku(ResourceSkuInner inner, String location) {
        Map<String, String> capabilities = new LinkedHashMap<>();
        if (inner.capabilities() != null) {
            for (ResourceSkuCapabilities c : inner.capabilities()) {
                capabilities.put(c.name(), c.value());
            }
        }
        List<ResourceSku.Restriction> restrictions = new ArrayList<>();
        if (inner.restrictions() != null) {
            for (ResourceSkuRestrictions r : inner.restrictions()) {
                restrictions.add(new ResourceSku.Restriction(r.type() == null ? null : r.type().toString(),
                        r.values(), r.reasonCode() == null ? null : r.reasonCode().toString()));
            }
        }
        return new ResourceSku(inner.name(), location, capabilities, restrictions);
    }

    static ResourceLock lock(ManagementLockObjectInner inner) {
        return lock(inner.id(), inner.name(), inner.level() == null ? null : inner.level().toString());
    }

    private static ResourceLock lock(String id, String name, String level) {
        int at = id == null ? -1 : id.toLowerCase(java.util.Locale.ROOT).indexOf(LOCKS_SEGMENT.toLowerCase(java.util.Locale.ROOT));
        String scope = at < 0 ? null : id.substring(0, at);
        return new ResourceLock(name, ResourceLock.Level.parse(level), scope);
    }

    /** A lock from a raw JSON listing: same shape as the SDK's model. */
    static ResourceLock lock(com.fasterxml.jackson.databind.JsonNode json) {
        return lock(json.path("id").asText(null), json.path("name").asText(null),
                json.path("properties").path("level").asText(null));
    }

    static RestorePoint restorePoint(String collectionId, RestorePointInner inner) {
        List<String> disks = new ArrayList<>();
        RestorePointSourceVMStorageProfile storage =
                inner.sourceMetadata() == null ? null : inner.sourceMetadata().storageProfile();
        if (storage != null) {
            if (storage.osDisk() != null && storage.osDisk().diskRestorePoint() != null) {
                disks.add(storage.osDisk().diskRestorePoint().id());
            }
            if (storage.dataDisks() != null) {
                for (RestorePointSourceVMDataDisk d : storage.dataDisks()) {
                    if (d.diskRestorePoint() != null) {
                        disks.add(d.diskRestorePoint().id());
                    }
                }
            }
        }
        List<DiskRestorePoint> replication = new ArrayList<>();
        if (inner.instanceView() != null && inner.instanceView().diskRestorePoints() != null) {
            for (var d : inner.instanceView().diskRestorePoints()) {
                var status = d.replicationStatus();
                String code = status == null || status.status() == null ? null : status.status().code();
                // "ReplicationState/succeeded" -> "succeeded"
                String state = code == null ? null : code.substring(code.indexOf('/') + 1);
                replication.add(new DiskRestorePoint(d.id(), state, status == null ? null : status.completionPercent()));
            }
        }
        return new RestorePoint(collectionId, inner.id(), disks,
                inner.consistencyMode() == null ? null : ConsistencyMode.parse(inner.consistencyMode().toString()),
                inner.provisioningState(), inner.timeCreated() == null ? null : inner.timeCreated().toInstant(), replication);
    }

    static RunCommandView runCommand(VirtualMachineRunCommandInner inner) {
        VirtualMachineRunCommandInstanceView view = inner.instanceView();
        String script = inner.source() == null ? null : inner.source().script();
        List<ManagedRunCommand.Parameter> parameters = inner.parameters() == null ? List.of() : inner.parameters().stream()
                .map(p -> new ManagedRunCommand.Parameter(p.name(), p.value())).toList();
        if (view == null) {
            return new RunCommandView(inner.name(), inner.provisioningState(), null, null, null, null, null, null, null,
                    script, parameters);
        }
        return new RunCommandView(inner.name(), inner.provisioningState(),
                view.executionState() == null ? null : view.executionState().toString(), view.executionMessage(),
                view.exitCode(), view.output(), view.error(),
                view.startTime() == null ? null : view.startTime().toInstant(),
                view.endTime() == null ? null : view.endTime().toInstant(), script, parameters);
    }

    static Snapshot snapshot(SnapshotInner inner) {
        return new Snapshot(inner.id(), inner.name(),
                inner.creationData() == null ? null : inner.creationData().sourceResourceId(),
                Boolean.TRUE.equals(inner.incremental()), inner.provisioningState());
    }
}
