package dev.trustlift.core.cloud;

import java.time.Instant;
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
 * @param scaleSetId the scale set (virtualMachineScaleSet.id) of a Flexible-orchestration member,
 *        null otherwise: scale-set members are upgraded through their scale set, not one by one
 * @param hibernationEnabled additionalCapabilities.hibernationEnabled, which Trusted Launch
 *        refuses on Linux
 * @param extensions the extensions the model listed as child resources, or null when the source
 *        did not say (ARM omits the list when there are none, Resource Graph never has it): null
 *        means "ask", never "none"
 * @param timeCreated properties.timeCreated, null when ARM did not say (older api-versions, Resource Graph rows
 *        without it)
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
        String provisioningState,
        String scaleSetId,
        boolean hibernationEnabled,
        List<Extension> extensions,
        Instant timeCreated) {

    public Vm {
        zones = zones == null ? List.of() : List.copyOf(zones);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        securityType = securityType == null ? SecurityType.STANDARD : securityType;
        scaleSetId = scaleSetId == null || scaleSetId.isBlank() ? null : scaleSetId;
        extensions = extensions == null ? null : List.copyOf(extensions);
    }

    /** A VM whose creation time is not known. */
    public Vm(VmRef ref, String location, String size, List<String> zones, String availabilitySetId, OsType osType,
            SecurityType securityType, boolean secureBootEnabled, boolean vTpmEnabled, Map<String, String> tags,
            OsDiskRef osDisk, ImageRef image, boolean diskEncryptionSettings, String provisioningState, String scaleSetId,
            boolean hibernationEnabled, List<Extension> extensions) {
        this(ref, location, size, zones, availabilitySetId, osType, securityType, secureBootEnabled, vTpmEnabled, tags,
                osDisk, image, diskEncryptionSettings, provisioningState, scaleSetId, hibernationEnabled, extensions, null);
    }

    /** A standalone VM without hibernation (the shape most callers and fakes build). */
    public Vm(VmRef ref, String location, String size, List<String> zones, String availabilitySetId, OsType osType,
            SecurityType securityType, boolean secureBootEnabled, boolean vTpmEnabled, Map<String, String> tags,
            OsDiskRef osDisk, ImageRef image, boolean diskEncryptionSettings, String provisioningState) {
        this(ref, location, size, zones, availabilitySetId, osType, securityType, secureBootEnabled, vTpmEnabled, tags,
                osDisk, image, diskEncryptionSettings, provisioningState, null, false, null, null);
    }

    public boolean scaleSetMember() {
        return scaleSetId != null;
    }
}
