package dev.trustlift.core.cloud;

/** An incremental snapshot of a disk: cheap extra protection where restore points are refused. */
public record Snapshot(String id, String name, String sourceDiskId, boolean incremental, String provisioningState) {
}
