package dev.trustlift.core.vmlist;

import java.util.Locale;
import java.util.Objects;

/**
 * One VM named by a --vms file.
 *
 * @param subscription from a resource id; null for the official CSV, which names no subscription
 * @param enableSecureBoot the official CSV's column; null for resource ids (the default applies)
 * @param line where it was written, for messages
 */
public record VmListEntry(String subscription, String resourceGroup, String name, Boolean enableSecureBoot, int line) {
    public VmListEntry {
        Objects.requireNonNull(resourceGroup, "resourceGroup");
        Objects.requireNonNull(name, "name");
    }

    /** Equal for two entries that name the same VM (ARM names are case-insensitive). */
    String key() {
        return ((subscription == null ? "" : subscription) + "/" + resourceGroup + "/" + name).toLowerCase(Locale.ROOT);
    }

    public String describe() {
        return "VM '" + name + "' in resource group '" + resourceGroup + "'"
                + (subscription == null ? "" : " of subscription " + subscription);
    }
}
