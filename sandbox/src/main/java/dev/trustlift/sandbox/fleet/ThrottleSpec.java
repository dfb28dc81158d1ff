package dev.trustlift.sandbox.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * subscriptions[].throttle: "azure" (the documented limits, see docs/sandbox.md), "none", or an
 * object overriding named buckets: {"reads": 5} or {"reads": {"size": 5, "refillPerSecond": 2}}.
 * Buckets not named keep their Azure numbers.
 */
public record ThrottleSpec(boolean enabled, Map<String, Bucket> overrides) {

    /** Bucket names accepted in the object form. */
    public static final Set<String> BUCKETS = Set.of("reads", "writes", "deletes",
            "putVm", "updateVm", "deleteVm", "lowCostGet", "highCostGet", "getOperation", "diskWrites");

    /** Size in tokens; refillPerSecond null = keep Azure's time to refill a full bucket. */
    public record Bucket(long size, Double refillPerSecond) {
    }

    public static final ThrottleSpec AZURE = new ThrottleSpec(true, Map.of());
    public static final ThrottleSpec NONE = new ThrottleSpec(false, Map.of());

    public static ThrottleSpec parse(JsonNode node, String source, String where) {
        if (node == null || node.isNull() || (node.isTextual() && node.asText().equals("azure"))) {
            return AZURE;
        }
        if (node.isTextual() && node.asText().equals("none")) {
            return NONE;
        }
        if (!node.isObject()) {
            throw new FleetException(source + ": " + where + " must be \"azure\", \"none\" or an object of bucket sizes, not "
                    + node);
        }
        Map<String, Bucket> overrides = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = where + "." + e.getKey();
            if (!BUCKETS.contains(e.getKey())) {
                throw new FleetException(source + ": unknown key '" + e.getKey() + "' at " + where + " (known keys: "
                        + String.join(", ", BUCKETS.stream().sorted().toList()) + ")");
            }
            JsonNode v = e.getValue();
            if (v.canConvertToLong() && v.isIntegralNumber() && v.asLong() > 0) {
                overrides.put(e.getKey(), new Bucket(v.asLong(), null));
            } else if (v.isObject() && v.path("size").isIntegralNumber() && v.path("size").asLong() > 0) {
                Double refill = null;
                for (Iterator<String> names = v.fieldNames(); names.hasNext(); ) {
                    String n = names.next();
                    if (!n.equals("size") && !n.equals("refillPerSecond")) {
                        throw new FleetException(source + ": unknown key '" + n + "' at " + at + " (known keys: refillPerSecond, size)");
                    }
                }
                if (v.has("refillPerSecond")) {
                    if (!v.get("refillPerSecond").isNumber() || v.get("refillPerSecond").asDouble() <= 0) {
                        throw new FleetException(source + ": " + at + ".refillPerSecond must be a positive number");
                    }
                    refill = v.get("refillPerSecond").asDouble();
                }
                overrides.put(e.getKey(), new Bucket(v.get("size").asLong(), refill));
            } else {
                throw new FleetException(source + ": " + at + " must be a positive bucket size or {\"size\", \"refillPerSecond\"}");
            }
        }
        return new ThrottleSpec(true, Map.copyOf(overrides));
    }
}
