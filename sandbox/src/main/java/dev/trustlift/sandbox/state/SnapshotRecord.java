package dev.trustlift.sandbox.state;

import dev.trustlift.sandbox.guest.DiskLayout;

/** An (incremental) snapshot of a disk: a frozen copy of its layout and generation. */
public record SnapshotRecord(String id, String name, String subscription, String resourceGroup, String location,
                             String sourceDiskId, String sourceUniqueId, String osType, String hyperVGeneration,
                             int sizeGb, boolean incremental, DiskLayout layout, String uniqueId, String timeCreated) {
}
