package dev.trustlift.sandbox.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.sandbox.http.ArmException;
import dev.trustlift.sandbox.state.VmRecord;
import java.util.Map;

/**
 * What a VM PATCH or PUT body asks for. A PATCH (VirtualMachineUpdate) changes only what it names;
 * a PUT replaces the model, so what it leaves out is gone: no tags, no security type (Standard),
 * hibernation off. A PUT must still name what a VM cannot be without: location, size, OS disk.
 *
 * @param size          null = unchanged
 * @param securityGiven false = the security profile is left as it is
 * @param securityType  the target type, null = Standard
 * @param secureBoot    null = unchanged (or Azure's default when the type changes)
 * @param osDiskId      null = the same OS disk
 * @param tags          null = unchanged
 * @param hibernation   null = unchanged
 */
record VmChange(String size, boolean securityGiven, String securityType, Boolean secureBoot, Boolean vTpm,
                String osDiskId, Map<String, String> tags, Boolean hibernation) {

    static VmChange patch(ObjectNode body, VmRecord vm) {
        JsonNode props = body.path("properties");
        JsonNode sec = props.path("securityProfile");
        boolean typeGiven = sec.isObject() && sec.has("securityType");
        JsonNode uefi = sec.path("uefiSettings");
        // uefiSettings alone (Secure Boot on/off) keeps the type the VM has.
        String type = typeGiven ? securityType(sec) : vm.securityType();
        return new VmChange(text(props.path("hardwareProfile").path("vmSize")), typeGiven || uefi.isObject(), type,
                flag(uefi, "secureBootEnabled"), flag(uefi, "vTpmEnabled"), osDiskId(props),
                body.get("tags") instanceof ObjectNode t ? VmJson.tagsOf(t) : null,
                flag(props.path("additionalCapabilities"), "hibernationEnabled"));
    }

    static VmChange put(ObjectNode body, VmRecord vm) {
        String location = text(body.path("location"));
        if (location == null) {
            throw new ArmException(400, "LocationRequired", "The location property is required for this definition.");
        }
        if (!location.replace(" ", "").equalsIgnoreCase(vm.location())) {
            throw new ArmException(409, "PropertyChangeNotAllowed", "Changing property 'location' is not allowed.");
        }
        JsonNode props = body.path("properties");
        String size = text(props.path("hardwareProfile").path("vmSize"));
        if (size == null) {
            throw missing("hardwareProfile.vmSize");
        }
        if (!props.path("storageProfile").path("osDisk").isObject()) {
            throw missing("storageProfile.osDisk");
        }
        JsonNode sec = props.path("securityProfile");
        JsonNode uefi = sec.path("uefiSettings");
        Boolean hibernation = flag(props.path("additionalCapabilities"), "hibernationEnabled");
        return new VmChange(size, true, sec.isObject() ? securityType(sec) : null, flag(uefi, "secureBootEnabled"),
                flag(uefi, "vTpmEnabled"), osDiskId(props),
                body.get("tags") instanceof ObjectNode t ? VmJson.tagsOf(t) : Map.of(),
                hibernation == null ? Boolean.FALSE : hibernation);
    }

    private static ArmException missing(String parameter) {
        return new ArmException(400, "InvalidParameter", "Required parameter '" + parameter + "' is missing (null).");
    }

    private static String securityType(JsonNode sec) {
        String type = text(sec.get("securityType"));
        if (type == null || type.equalsIgnoreCase("Standard")) {
            return null;
        }
        if (!type.equals("TrustedLaunch") && !type.equals("ConfidentialVM")) {
            throw new ArmException(400, "InvalidParameter", "The value '" + type + "' of parameter "
                    + "'securityProfile.securityType' is not valid. Allowed values: TrustedLaunch, ConfidentialVM, Standard.");
        }
        return type;
    }

    private static String osDiskId(JsonNode props) {
        return text(props.path("storageProfile").path("osDisk").path("managedDisk").path("id"));
    }

    private static Boolean flag(JsonNode parent, String name) {
        JsonNode n = parent.path(name);
        return n.isMissingNode() || n.isNull() ? null : n.asBoolean();
    }

    private static String text(JsonNode n) {
        return n == null || n.isMissingNode() || n.isNull() ? null : n.asText();
    }
}
