package dev.trustlift.sandbox.fleet;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One restriction of a resource SKU, in ARM's own shape as {@code az vm list-skus -o json} prints it:
 * {@code {"type": "Location"|"Zone", "values": [...], "restrictionInfo": {"locations": [...], "zones": [...]},
 * "reasonCode": "NotAvailableForSubscription"|"QuotaId"}}. A fleet may also give the short form, a
 * bare reason code, which means a Location restriction in the SKU's own location.
 */
public record SkuRestriction(String type, List<String> values, List<String> locations, List<String> zones,
                             String reasonCode) {
    private static final Set<String> KEYS = Set.of("type", "values", "restrictionInfo", "reasonCode");
    private static final Set<String> INFO_KEYS = Set.of("locations", "zones");

    /** The short form: the SKU is not offered in its location, for this reason. */
    public static SkuRestriction inLocation(String reasonCode, String location) {
        return new SkuRestriction("Location", List.of(location), List.of(location), List.of(), reasonCode);
    }

    /** Jackson's entry: a string (the short form, location filled in later) or ARM's object. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static SkuRestriction parse(JsonNode node) {
        if (node.isTextual()) {
            return new SkuRestriction("Location", List.of(), List.of(), List.of(), node.asText());
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("a restriction is a reason code or {type, values, restrictionInfo, reasonCode}");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("unknown key '" + k + "' (known keys: reasonCode, restrictionInfo, type, values)");
            }
        }
        JsonNode info = node.path("restrictionInfo");
        for (Iterator<String> it = info.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!INFO_KEYS.contains(k)) {
                throw new IllegalArgumentException("unknown key '" + k + "' in restrictionInfo (known keys: locations, zones)");
            }
        }
        String type = node.path("type").asText(null);
        if (!"Location".equals(type) && !"Zone".equals(type)) {
            throw new IllegalArgumentException("type must be Location or Zone, not " + type);
        }
        return new SkuRestriction(type, strings(node.path("values")), strings(info.path("locations")),
                strings(info.path("zones")), node.path("reasonCode").asText(null));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return List.copyOf(out);
    }

    /** The short form completed with the SKU's location; ARM's objects stay as given. */
    SkuRestriction completedFor(String location) {
        return values.isEmpty() && locations.isEmpty() && "Location".equals(type) ? inLocation(reasonCode, location) : this;
    }

    /**
     * True when the size cannot be deployed for a VM in {@code location} and {@code zones}: a
     * Location restriction names the location, or a Zone restriction covers every zone of a zonal VM.
     */
    public boolean blocks(String location, List<String> vmZones) {
        if ("Location".equals(type)) {
            return contains(values, location) || contains(locations, location);
        }
        return (contains(values, location) || contains(locations, location)) && vmZones != null && !vmZones.isEmpty()
                && vmZones.stream().allMatch(z -> contains(zones, z));
    }

    private static boolean contains(List<String> list, String value) {
        return list.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT)));
    }

    /** ARM's JSON, as the resource SKU API serves it. */
    @JsonValue
    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("type", type);
        ArrayNode v = n.putArray("values");
        values.forEach(v::add);
        ObjectNode info = n.putObject("restrictionInfo");
        if (!locations.isEmpty() || "Location".equals(type)) {
            ArrayNode l = info.putArray("locations");
            locations.forEach(l::add);
        }
        if (!zones.isEmpty()) {
            ArrayNode z = info.putArray("zones");
            zones.forEach(z::add);
        }
        n.put("reasonCode", reasonCode);
        return n;
    }
}
