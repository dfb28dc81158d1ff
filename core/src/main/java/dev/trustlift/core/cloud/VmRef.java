package dev.trustlift.core.cloud;

import java.util.Locale;
import java.util.Objects;

/**
 * Names one VM the way every input names it (the official script's CSV, the journal, the plan):
 * subscription, resource group and name. The ARM id is derived, so two spellings of one VM compare
 * equal once parsed.
 */
public record VmRef(String subscription, String resourceGroup, String name) {

    private static final String PROVIDER = "providers/Microsoft.Compute/virtualMachines";

    public VmRef {
        requireText(subscription, "subscription");
        requireText(resourceGroup, "resourceGroup");
        requireText(name, "name");
    }

    /** Parses an ARM VM id; the casing of the fixed segments does not matter (ARM ignores it too). */
    public static VmRef parse(String id) {
        Objects.requireNonNull(id, "id");
        String[] parts = id.startsWith("/") ? id.substring(1).split("/") : id.split("/");
        if (parts.length != 8 || !parts[0].equalsIgnoreCase("subscriptions")
                || !parts[2].equalsIgnoreCase("resourceGroups") || !parts[4].equalsIgnoreCase("providers")
                || !parts[5].equalsIgnoreCase("Microsoft.Compute") || !parts[6].equalsIgnoreCase("virtualMachines")) {
            throw new IllegalArgumentException("not a VM id: '" + id
                    + "' (expected /subscriptions/S/resourceGroups/RG/" + PROVIDER + "/NAME)");
        }
        return new VmRef(parts[1], parts[3], parts[7]);
    }

    public String id() {
        return "/subscriptions/" + subscription + "/resourceGroups/" + resourceGroup + "/" + PROVIDER + "/" + name;
    }

    /** Resource groups are case-insensitive in ARM; keys for maps and journals use this form. */
    public String key() {
        return id().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return resourceGroup + "/" + name;
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("VM reference needs a " + what);
        }
    }
}
