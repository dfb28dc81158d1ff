package dev.trustlift.core.cloud;

/**
 * One replication protected item of a Recovery Services vault (Azure Site Recovery), as
 * {@code GET {vault}/replicationProtectedItems} lists it.
 *
 * @param id the item's ARM id (vault/replicationFabrics/.../replicationProtectedItems/NAME)
 * @param vaultId the Recovery Services vault that holds it
 * @param protectedVmId the ARM id of the replicated VM (A2A's providerSpecificDetails.fabricObjectId),
 *        null for items that are not Azure VMs (Hyper-V, VMware)
 * @param protectionState e.g. "Protected", "EnablingProtection", "UnprotectedStatesBegin"
 */
public record ReplicationProtectedItem(String id, String vaultId, String friendlyName, String protectedVmId,
                                       String protectionState) {
}
