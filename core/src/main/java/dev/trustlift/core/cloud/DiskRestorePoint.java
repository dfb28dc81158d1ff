package dev.trustlift.core.cloud;

/**
 * One disk's part of a restore point, from the point's instance view.
 *
 * @param replicationState ARM's replication status code without its prefix (succeeded, inProgress, ...), null when absent
 */
public record DiskRestorePoint(String id, String replicationState, Integer completionPercent) {
}
