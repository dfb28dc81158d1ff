package dev.trustlift.core.cloud;

/**
 * The managed OS disk resource. Its hyperVGeneration is the authority on Gen1/Gen2 (the VM model
 * has none; UNKNOWN when the disk does not say), and location is needed to place snapshots and restore points beside it.
 *
 * @param encryptionType the server-side encryption type (EncryptionAtRestWithPlatformKey, ...)
 * @param managedBy the VM id the disk is attached to, null when detached
 * @param tags the disk's ARM tags (a converted disk kept for inspection is found by them)
 */
public record OsDisk(
        String id,
        String name,
        String location,
        int sizeGb,
        HyperVGeneration hyperVGeneration,
        String encryptionType,
        SecurityType securityType,
        String managedBy,
        java.util.Map<String, String> tags) {

    public OsDisk {
        hyperVGeneration = hyperVGeneration == null ? HyperVGeneration.UNKNOWN : hyperVGeneration;
        tags = tags == null ? java.util.Map.of() : java.util.Map.copyOf(tags);
    }

    public OsDisk(String id, String name, String location, int sizeGb, HyperVGeneration hyperVGeneration,
                  String encryptionType, SecurityType securityType, String managedBy) {
        this(id, name, location, sizeGb, hyperVGeneration, encryptionType, securityType, managedBy, java.util.Map.of());
    }
}
