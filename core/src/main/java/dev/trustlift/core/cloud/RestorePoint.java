package dev.trustlift.core.cloud;

import java.time.Instant;
import java.util.List;

/**
 * A restore point as ARM reports it: the protect step's result, journaled so rollback can build
 * a disk from the OS disk's restore point without looking anything up again, and what resume
 * finds to reuse a point instead of creating a second one (ARM refuses one within its spacing).
 *
 * @param diskRestorePointIds OS disk first, then data disks, as ARM lists them
 * @param consistencyMode null when ARM did not say
 * @param provisioningState Creating, Succeeded, Failed, Deleting (null when not read)
 * @param diskRestorePoints the instance view's replication status per disk (empty without {@code $expand=instanceView})
 */
public record RestorePoint(String collectionId, String pointId, List<String> diskRestorePointIds,
                           ConsistencyMode consistencyMode, String provisioningState, Instant timeCreated,
                           List<DiskRestorePoint> diskRestorePoints) {

    public RestorePoint {
        diskRestorePointIds = diskRestorePointIds == null ? List.of() : List.copyOf(diskRestorePointIds);
        diskRestorePoints = diskRestorePoints == null ? List.of() : List.copyOf(diskRestorePoints);
    }

    public RestorePoint(String collectionId, String pointId, List<String> diskRestorePointIds) {
        this(collectionId, pointId, diskRestorePointIds, null, null, null, List.of());
    }

    /** The OS disk's disk restore point: the source of a restored OS disk; null when the point has none. */
    public String osDiskRestorePointId() {
        return diskRestorePointIds.isEmpty() ? null : diskRestorePointIds.get(0);
    }

    public boolean succeeded() {
        return "Succeeded".equalsIgnoreCase(provisioningState);
    }
}
