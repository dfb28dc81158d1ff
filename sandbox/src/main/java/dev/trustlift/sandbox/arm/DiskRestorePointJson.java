package dev.trustlift.sandbox.arm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.sandbox.http.Json;
import dev.trustlift.sandbox.state.RestorePointRecord;

/**
 * Disk restore points (DiskRP DiskRestorePoint_Get / _ListByRestorePoint) and a restore point's
 * instance view ($expand=instanceView: each disk restore point's replication status, shaped as
 * the ComputeRP spec's RestorePointInstanceView and Azure's restore point docs show it).
 */
final class DiskRestorePointJson {
    private DiskRestorePointJson() {
    }

    static ObjectNode of(RestorePointRecord rp) {
        ObjectNode root = Json.object();
        root.put("name", rp.diskRestorePointName());
        root.put("id", rp.diskRestorePointId());
        root.put("type", DiskCreationRules.DRP_TYPE);
        ObjectNode p = root.putObject("properties");
        p.put("timeCreated", rp.timeCreated());
        p.put("sourceResourceId", rp.osDiskId());
        p.put("osType", rp.osType());
        p.put("hyperVGeneration", rp.hyperVGeneration());
        p.put("familyId", rp.osDiskUniqueId());
        p.put("sourceUniqueId", rp.osDiskUniqueId());
        p.putObject("encryption").put("type", "sse-cmk".equals(rp.disk().encryption())
                ? "EncryptionAtRestWithCustomerKey" : "EncryptionAtRestWithPlatformKey");
        p.put("supportsHibernation", false);
        p.put("networkAccessPolicy", "AllowAll");
        p.put("publicNetworkAccess", "Enabled");
        p.put("diskSizeGB", rp.sizeGb());
        p.put("completionPercent", done(rp) ? 100.0 : 0.0);
        p.put("sourceResourceLocation", rp.location());
        if (rp.securityType() != null) {
            p.putObject("securityProfile").put("securityType", rp.securityType());
        }
        return root;
    }

    static ObjectNode instanceView(RestorePointRecord rp) {
        ObjectNode iv = Json.object();
        ObjectNode disk = iv.putArray("diskRestorePoints").addObject();
        disk.put("id", rp.diskRestorePointId());
        ObjectNode replication = disk.putObject("replicationStatus");
        boolean done = done(rp);
        String state = switch (rp.provisioningState()) {
            case "Failed" -> "failed";
            case "Creating" -> "inProgress";
            default -> "succeeded";
        };
        replication.putObject("status").put("code", "ReplicationState/" + state)
                .put("level", state.equals("failed") ? "Error" : "Info")
                .put("displayStatus", state.equals("succeeded") ? "Succeeded" : state.equals("failed") ? "Failed" : "In progress");
        replication.put("completionPercent", done ? 100 : 0);
        iv.putArray("statuses").addObject().put("code", "ProvisioningState/" + rp.provisioningState().toLowerCase())
                .put("level", "Failed".equals(rp.provisioningState()) ? "Error" : "Info")
                .put("displayStatus", "Provisioning " + rp.provisioningState().toLowerCase())
                .put("time", rp.timeCreated());
        return iv;
    }

    private static boolean done(RestorePointRecord rp) {
        return "Succeeded".equals(rp.provisioningState()) || "Deleting".equals(rp.provisioningState());
    }
}
