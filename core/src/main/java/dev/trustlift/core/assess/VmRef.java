package dev.trustlift.core.assess;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a VM lives: subscription, resource group and name. ARM compares these case-insensitively,
 * so {@link #sameVm} does too; the record keeps the spelling it was given for display.
 */
public record VmRef(String subscription, String resourceGroup, String name) {

    private static final Pattern VM_ID = Pattern.compile(
            "/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.Compute/virtualMachines/([^/]+)/?",
            Pattern.CASE_INSENSITIVE);

    public VmRef {
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(resourceGroup, "resourceGroup");
        Objects.requireNonNull(name, "name");
    }

    /** Parses an ARM VM resource id; throws IllegalArgumentException naming the expected shape. */
    public static VmRef parse(String resourceId) {
        Matcher m = VM_ID.matcher(resourceId == null ? "" : resourceId.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a VM resource id: '" + resourceId + "' (expected "
                    + "/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Compute/virtualMachines/<name>)");
        }
        return new VmRef(m.group(1), m.group(2), m.group(3));
    }

    public String id() {
        return "/subscriptions/" + subscription + "/resourceGroups/" + resourceGroup
                + "/providers/Microsoft.Compute/virtualMachines/" + name;
    }

    /** A key equal for two refs ARM would treat as the same VM. */
    public String key() {
        return id().toLowerCase(Locale.ROOT);
    }

    public boolean sameVm(VmRef other) {
        return other != null && key().equals(other.key());
    }
}
