package dev.trustlift.sandbox.arm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustlift.sandbox.http.ArmException;
import dev.trustlift.sandbox.state.RestorePointRecord;

/**
 * DiskRP's rules for a disk's {@code creationData}: {@code Restore} takes a disk restore point,
 * {@code Copy} a disk or snapshot (ComputeRP/DiskRP spec: "Restore: Create a new disk by
 * restoring from a disk restore point"; "Copy: Create a new disk or snapshot by copying from a
 * disk or snapshot"). A restored disk is the source disk as it was. The error texts are sandbox
 * wording (no public original found).
 */
final class DiskCreationRules {
    static final String DRP_TYPE = "Microsoft.Compute/restorePointCollections/restorePoints/diskRestorePoints";

    private DiskCreationRules() {
    }

    static void checkOption(boolean restore, boolean fromDiskRestorePoint, String sourceId) {
        if (restore && !fromDiskRestorePoint) {
            throw new ArmException(400, "InvalidParameter", "createOption 'Restore' requires creationData.sourceResourceId "
                    + "to be a disk restore point (" + DRP_TYPE + "), not '" + sourceId + "'. Use 'Copy' to create a disk "
                    + "from a disk or snapshot.");
        }
        if (!restore && fromDiskRestorePoint) {
            throw new ArmException(400, "InvalidParameter", "createOption 'Copy' is not supported for source '" + sourceId
                    + "' of type " + DRP_TYPE + ". Use createOption 'Restore' to create a disk from a disk restore point.");
        }
    }

    /** The point must be complete, and the disk keeps the generation the source disk had. */
    static void checkRestorable(RestorePointRecord point, JsonNode props) {
        if (!"Succeeded".equals(point.provisioningState())) {
            throw new ArmException(409, "OperationNotAllowed", "Restore point '" + point.name() + "' is "
                    + point.provisioningState() + "; a disk can be restored from its disk restore points once it has "
                    + "succeeded.");
        }
        String gen = props.path("hyperVGeneration").asText(null);
        if (gen != null && !gen.equalsIgnoreCase(point.hyperVGeneration())) {
            throw new ArmException(400, "InvalidParameter", "hyperVGeneration '" + gen + "' does not match the source "
                    + "disk's '" + point.hyperVGeneration() + "'; a disk restored from a disk restore point keeps the "
                    + "generation of the disk it was taken from.");
        }
    }
}
