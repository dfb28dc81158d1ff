package dev.trustlift.sandbox.arm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.sandbox.http.Json;
import dev.trustlift.sandbox.state.ArmState;
import dev.trustlift.sandbox.state.DiskRecord;
import dev.trustlift.sandbox.state.PowerState;
import dev.trustlift.sandbox.state.SnapshotRecord;
import dev.trustlift.sandbox.state.VmRecord;

/** Renders disks and snapshots in the shapes of Disk_Get.json and Snapshot_GetIncrementalSnapshot.json. */
final class DiskJson {
    private DiskJson() {
    }

    static ObjectNode disk(DiskRecord d, ArmState state, String provisioningState) {
        // Read the VM's power before locking the disk: VM renderers lock VM then disk, never the reverse.
        String diskState = diskState(d, state);
        synchronized (d) {
            ObjectNode root = Json.object();
            root.put("name", d.name());
            root.put("id", d.id());
            root.put("type", "Microsoft.Compute/disks");
            root.put("location", d.location());
            if (!d.zones().isEmpty()) {
                ArrayNode z = root.putArray("zones");
                d.zones().forEach(z::add);
            }
            if (d.managedBy() != null) {
                root.put("managedBy", d.managedBy());
            }
            ObjectNode tags = root.putObject("tags");
            d.tags().forEach(tags::put);
            root.putObject("sku").put("name", "Premium_LRS").put("tier", "Premium");
            ObjectNode p = root.putObject("properties");
            p.put("osType", d.osType());
            p.put("hyperVGeneration", d.hyperVGeneration());
            p.putObject("supportedCapabilities").put("diskControllerTypes", "SCSI").put("acceleratedNetwork", true)
                    .put("architecture", "x64");
            ObjectNode creation = p.putObject("creationData");
            creation.put("createOption", d.createOption());
            if (d.sourceResourceId() != null) {
                creation.put("sourceResourceId", d.sourceResourceId());
            } else if (d.imageReference() != null) {
                String[] i = d.imageReference().split(":");
                creation.putObject("imageReference").put("id", i.length == 4
                        ? "/Subscriptions/" + d.subscription() + "/Providers/Microsoft.Compute/Locations/" + d.location()
                        + "/Publishers/" + i[0] + "/ArtifactTypes/VMImage/Offers/" + i[1] + "/Skus/" + i[2] + "/Versions/" + i[3]
                        : d.imageReference());
            }
            p.put("diskSizeGB", d.sizeGb());
            p.put("diskSizeBytes", (long) d.sizeGb() * 1024 * 1024 * 1024);
            p.put("uniqueId", d.uniqueId());
            ObjectNode enc = p.putObject("encryption");
            enc.put("type", "sse-cmk".equals(d.encryption()) ? "EncryptionAtRestWithCustomerKey" : "EncryptionAtRestWithPlatformKey");
            if ("ade".equals(d.encryption())) {
                p.putObject("encryptionSettingsCollection").put("enabled", true).put("encryptionSettingsVersion", "1.1")
                        .putArray("encryptionSettings");
            }
            if (d.securityType() != null) {
                p.putObject("securityProfile").put("securityType", d.securityType());
            }
            p.put("networkAccessPolicy", "AllowAll");
            p.put("publicNetworkAccess", "Enabled");
            p.put("timeCreated", d.timeCreated());
            p.put("provisioningState", provisioningState == null ? "Succeeded" : provisioningState);
            p.put("diskState", diskState);
            p.put("tier", "P10");
            return root;
        }
    }

    private static String diskState(DiskRecord d, ArmState state) {
        VmRecord vm = state.findVm(d.managedBy());
        if (vm == null) {
            return "Unattached";
        }
        return vm.power() == PowerState.DEALLOCATED ? "Reserved" : "Attached";
    }

    static ObjectNode snapshot(SnapshotRecord s, String provisioningState) {
        ObjectNode root = Json.object();
        root.put("name", s.name());
        root.put("id", s.id());
        root.put("type", "Microsoft.Compute/snapshots");
        root.put("location", s.location());
        root.putObject("sku").put("name", "Standard_ZRS").put("tier", "Standard");
        ObjectNode p = root.putObject("properties");
        p.put("osType", s.osType());
        p.put("hyperVGeneration", s.hyperVGeneration());
        ObjectNode creation = p.putObject("creationData");
        creation.put("createOption", "Copy");
        creation.put("sourceResourceId", s.sourceDiskId());
        creation.put("sourceUniqueId", s.sourceUniqueId());
        p.put("diskSizeGB", s.sizeGb());
        p.put("diskSizeBytes", (long) s.sizeGb() * 1024 * 1024 * 1024);
        p.put("incremental", s.incremental());
        if (s.incremental()) {
            p.put("incrementalSnapshotFamilyId", s.sourceUniqueId());
        }
        p.put("uniqueId", s.uniqueId());
        p.putObject("encryption").put("type", "EncryptionAtRestWithPlatformKey");
        p.put("timeCreated", s.timeCreated());
        p.put("provisioningState", provisioningState == null ? "Succeeded" : provisioningState);
        p.put("diskState", "Unattached");
        return root;
    }
}
