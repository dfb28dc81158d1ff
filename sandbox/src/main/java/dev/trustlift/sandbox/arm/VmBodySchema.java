package dev.trustlift.sandbox.arm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustlift.sandbox.http.ArmException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The members a VM PUT (VirtualMachine) or PATCH (VirtualMachineUpdate) body may have, from the
 * Compute 2024-11-01 definitions (the writable members azure-resourcemanager-compute 2.52.0
 * serializes, plus the read-only ones a GET returns and ARM ignores on the way back). An unknown
 * member is ARM's 400 InvalidRequestContent, as in Azure/azure-rest-api-specs#286, where a GET
 * body sent back with its "resources" was refused. Objects not listed here (tags, extension
 * settings, patch settings, ...) are not checked.
 */
final class VmBodySchema {
    /** An object type: its name in ARM's message and its members. */
    private record Type(String name, Set<String> members) {
    }

    private static final Map<String, Type> PROPERTIES = Map.ofEntries(
            Map.entry("properties", new Type("VirtualMachineProperties", Set.of("additionalCapabilities",
                    "applicationProfile", "availabilitySet", "billingProfile", "capacityReservation", "diagnosticsProfile",
                    "evictionPolicy", "extensionsTimeBudget", "hardwareProfile", "host", "hostGroup", "licenseType",
                    "networkProfile", "osProfile", "platformFaultDomain", "priority", "proximityPlacementGroup",
                    "scheduledEventsPolicy", "scheduledEventsProfile", "securityProfile", "storageProfile", "userData",
                    "virtualMachineScaleSet", "vmId", "provisioningState", "instanceView", "timeCreated"))),
            Map.entry("properties.hardwareProfile", new Type("HardwareProfile", Set.of("vmSize", "vmSizeProperties"))),
            Map.entry("properties.storageProfile", new Type("StorageProfile", Set.of("alignRegionalDisksToVMZone",
                    "dataDisks", "diskControllerType", "imageReference", "osDisk"))),
            Map.entry("properties.storageProfile.imageReference", new Type("ImageReference", Set.of(
                    "communityGalleryImageId", "id", "offer", "publisher", "sharedGalleryImageId", "sku", "version",
                    "exactVersion"))),
            Map.entry("properties.storageProfile.osDisk", new Type("OSDisk", Set.of("caching", "createOption",
                    "deleteOption", "diffDiskSettings", "diskSizeGB", "encryptionSettings", "image", "managedDisk", "name",
                    "osType", "vhd", "writeAcceleratorEnabled"))),
            Map.entry("properties.storageProfile.osDisk.managedDisk", new Type("ManagedDiskParameters", Set.of(
                    "diskEncryptionSet", "id", "securityProfile", "storageAccountType"))),
            Map.entry("properties.storageProfile.osDisk.diffDiskSettings", new Type("DiffDiskSettings",
                    Set.of("option", "placement"))),
            Map.entry("properties.storageProfile.osDisk.vhd", new Type("VirtualHardDisk", Set.of("uri"))),
            Map.entry("properties.storageProfile.dataDisks[]", new Type("DataDisk", Set.of("caching", "createOption",
                    "deleteOption", "detachOption", "diskSizeGB", "image", "lun", "managedDisk", "name", "sourceResource",
                    "toBeDetached", "vhd", "writeAcceleratorEnabled", "diskIOPSReadWrite", "diskMBpsReadWrite"))),
            Map.entry("properties.osProfile", new Type("OSProfile", Set.of("adminPassword", "adminUsername",
                    "allowExtensionOperations", "computerName", "customData", "linuxConfiguration",
                    "requireGuestProvisionSignal", "secrets", "windowsConfiguration"))),
            Map.entry("properties.osProfile.windowsConfiguration", new Type("WindowsConfiguration", Set.of(
                    "additionalUnattendContent", "enableAutomaticUpdates", "enableVMAgentPlatformUpdates", "patchSettings",
                    "provisionVMAgent", "timeZone", "winRM"))),
            Map.entry("properties.osProfile.linuxConfiguration", new Type("LinuxConfiguration", Set.of(
                    "disablePasswordAuthentication", "enableVMAgentPlatformUpdates", "patchSettings", "provisionVMAgent",
                    "ssh"))),
            Map.entry("properties.networkProfile", new Type("NetworkProfile", Set.of("networkApiVersion",
                    "networkInterfaceConfigurations", "networkInterfaces"))),
            Map.entry("properties.networkProfile.networkInterfaces[]", new Type("NetworkInterfaceReference",
                    Set.of("id", "properties"))),
            Map.entry("properties.securityProfile", new Type("SecurityProfile", Set.of("encryptionAtHost",
                    "encryptionIdentity", "proxyAgentSettings", "securityType", "uefiSettings"))),
            Map.entry("properties.securityProfile.uefiSettings", new Type("UefiSettings",
                    Set.of("secureBootEnabled", "vTpmEnabled"))),
            Map.entry("properties.diagnosticsProfile", new Type("DiagnosticsProfile", Set.of("bootDiagnostics"))),
            Map.entry("properties.diagnosticsProfile.bootDiagnostics", new Type("BootDiagnostics",
                    Set.of("enabled", "storageUri"))),
            Map.entry("properties.additionalCapabilities", new Type("AdditionalCapabilities",
                    Set.of("hibernationEnabled", "ultraSSDEnabled"))));

    /** ARM's envelope of a PUT: no "resources" (the extensions a GET lists are child resources). */
    private static final Type PUT_ROOT = new Type("ResourceDefinition", Set.of("id", "name", "type", "location", "tags",
            "properties", "plan", "identity", "zones", "etag", "managedBy", "extendedLocation", "placement"));
    private static final Type PATCH_ROOT = new Type("VirtualMachineUpdate", Set.of("tags", "properties", "plan",
            "identity", "zones"));

    private VmBodySchema() {
    }

    static void checkPut(JsonNode body) {
        check(body, PUT_ROOT, "");
    }

    static void checkPatch(JsonNode body) {
        check(body, PATCH_ROOT, "");
    }

    private static void check(JsonNode node, Type type, String path) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            String at = path.isEmpty() ? member.getKey() : path + "." + member.getKey();
            if (!type.members().contains(member.getKey())) {
                throw new ArmException(400, "InvalidRequestContent", "The request content was invalid and could not be "
                        + "deserialized: 'Could not find member '" + member.getKey() + "' on object of type '"
                        + type.name() + "'. Path '" + at + "'.'");
            }
            JsonNode value = member.getValue();
            String schemaPath = at.replaceAll("\\[\\d+]", "[]");
            Type inner = PROPERTIES.get(schemaPath);
            if (inner != null && value.isObject()) {
                check(value, inner, at);
            }
            Type items = PROPERTIES.get(schemaPath + "[]");
            if (items != null && value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    if (value.get(i).isObject()) {
                        check(value.get(i), items, at + "[" + i + "]");
                    }
                }
            }
        }
    }
}
