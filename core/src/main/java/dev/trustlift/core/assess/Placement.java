package dev.trustlift.core.assess;

import java.util.List;

/**
 * Where the VM sits for availability: availability set, zones, scale set.
 *
 * @param availabilitySet the availability set's name, or null
 * @param zones the zones the VM is pinned to (empty when regional)
 * @param scaleSet the scale set the VM belongs to (Flexible orchestration), or null
 */
public record Placement(String availabilitySet, List<String> zones, String scaleSet) {
    public static final Placement REGIONAL = new Placement(null, List.of(), null);

    public Placement {
        zones = zones == null ? List.of() : List.copyOf(zones);
    }
}
