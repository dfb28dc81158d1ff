package dev.trustlift.core.cloud;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One VM size in one location with its capabilities, as the live SKU list reports them. TL020
 * asks "does this size support Trusted Launch here, for this subscription" and suggests sizes
 * that do, so capabilities and restrictions are kept whole.
 */
public record ResourceSku(String name, String location, Map<String, String> capabilities,
        List<Restriction> restrictions) {

    public ResourceSku {
        capabilities = capabilities == null ? Map.of() : Map.copyOf(capabilities);
        restrictions = restrictions == null ? List.of() : List.copyOf(restrictions);
    }

    /** "V1,V2" becomes {V1, V2}; sizes without the capability are Gen1-only in practice. */
    public Set<HyperVGeneration> hyperVGenerations() {
        String value = capabilities.get("HyperVGenerations");
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(value.split(",")).map(HyperVGeneration::parse).collect(Collectors.toUnmodifiableSet());
    }

    /** ARM marks sizes that cannot run Trusted Launch with TrustedLaunchDisabled=True. */
    public boolean trustedLaunchDisabled() {
        return "true".equalsIgnoreCase(capabilities.get("TrustedLaunchDisabled"));
    }

    /** False when a location restriction says NotAvailableForSubscription (the size exists but not for us). */
    public boolean availableForSubscription() {
        return restrictions.stream().noneMatch(r -> "Location".equalsIgnoreCase(r.type())
                && "NotAvailableForSubscription".equalsIgnoreCase(r.reasonCode()));
    }

    /**
     * A restriction on the SKU.
     *
     * @param type "Location" or "Zone"
     * @param values the locations or zones it applies to
     * @param reasonCode "QuotaId" or "NotAvailableForSubscription"
     */
    public record Restriction(String type, List<String> values, String reasonCode) {
        public Restriction {
            values = values == null ? List.of() : List.copyOf(values);
        }
    }
}
