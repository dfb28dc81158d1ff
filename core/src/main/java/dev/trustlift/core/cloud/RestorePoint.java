package dev.trustlift.core.cloud;

import java.util.List;

/**
 * The protect step's result, journaled so rollback can build a disk from the OS disk's restore
 * point without looking anything up again.
 *
 * @param diskRestorePointIds OS disk first, then data disks, as ARM lists them
 */
public record RestorePoint(String collectionId, String pointId, List<String> diskRestorePointIds) {

    public RestorePoint {
        diskRestorePointIds = diskRestorePointIds == null ? List.of() : List.copyOf(diskRestorePointIds);
    }
}
