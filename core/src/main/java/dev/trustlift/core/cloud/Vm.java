package dev.trustlift.core.cloud;

import java.util.List;
import java.util.Map;

/**
 * What the VM model (not its instance view) says about a VM: enough to place it in waves
 * (zones, availability set), to judge its prerequisites (size, securityType, disk, image,
 * encryption) and to tell what changed after an upgrade.
 *
 * @param availabilitySetId null when the VM is not in an availability set
 * @param diskEncryptionSettings true when the OS disk has ADE settings (encryptionSettings), which
 *        blocks the upgrade until decrypted
 * @param provisioningState as ARM reports it (Succeeded, Updating, Failed, ...)
 */
public record Vm(
        VmRef ref,
        String location,
        String size,
        List<String> zones,
        String availabilitySetId,
        OsType osType,
        SecurityType securityType,
        boolean secureBootEnabled,
        boolean vTpmEnabled,
        Map<String, String> tags,
        OsDiskRef osDisk,
        ImageRef image,
        boolean diskEncryptionSettings,
        String provisioningState) {

    public Vm {
        zones = zones == null ? List.of() : List.copyOf(zones);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        securityType = securityType == null ? SecurityType.STANDARD : securityType;
    }
}
