package dev.trustlift.core.cloud;

/**
 * The OS disk as the VM model names it. Unmanaged (VHD in a storage account) and ephemeral disks
 * cannot be protected with restore points or swapped, so assess needs to know before anything else.
 *
 * @param id the managed disk's ARM id, null for unmanaged disks
 * @param sizeGb the size the VM model states, 0 when it does not
 */
public record OsDiskRef(String id, String name, boolean managed, boolean ephemeral, int sizeGb) {
}
