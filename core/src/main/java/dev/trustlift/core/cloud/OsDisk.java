package dev.trustlift.core.cloud;

/**
 * The managed OS disk resource. Its hyperVGeneration is the authority on Gen1/Gen2 (the VM model
 * has none; UNKNOWN when the disk does not say), and location is needed to place snapshots and restore points beside it.
 *
 * @param encryptionType the server-side encryption type (EncryptionAtRestWithPlatformKey, ...)
 * @param managedBy the VM id the disk is attached to, null when detached
 */
public record OsDisk(
        String id,
        String name,
        String location,
        int sizeGb,
        HyperVGeneration hyperVGeneration,
        String encryptionType,
        SecurityType securityType,
        String managedBy) {

    public OsDisk {
        hyperVGeneration = hyperVGeneration == null ? HyperVGeneration.UNKNOWN : hyperVGeneration;
    }
}
