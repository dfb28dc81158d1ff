package dev.trustlift.sandbox.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The VM sizes a fleet offers per location: the builtin table or the fleet's explicit list. */
public final class SkuTable {
    private static final String BUILTIN = "/sandbox/skus.json";

    private final List<SkuSpec> skus;
    private final Map<String, SkuSpec> byKey = new LinkedHashMap<>();

    public SkuTable(List<SkuSpec> skus) {
        this.skus = List.copyOf(skus);
        for (SkuSpec s : skus) {
            byKey.put(key(s.name(), s.location()), s);
        }
    }

    public static SkuTable of(JsonNode skusNode, String source) {
        if (skusNode == null || skusNode.isNull() || (skusNode.isTextual() && skusNode.asText().equals("builtin"))) {
            return builtin();
        }
        if (!skusNode.isArray()) {
            throw new FleetException(source + ": skus must be \"builtin\" or a list of {name, location, capabilities, restrictions}");
        }
        List<SkuSpec> list = new ArrayList<>();
        for (int i = 0; i < skusNode.size(); i++) {
            SkuSpec s = FleetJson.convert(skusNode.get(i), SkuSpec.class, source, "skus[" + i + "]");
            if (s.name() == null || s.location() == null) {
                throw new FleetException(source + ": skus[" + i + "] needs name and location");
            }
            String location = s.location().toLowerCase(Locale.ROOT);
            list.add(new SkuSpec(s.name(), location, s.family(),
                    s.capabilities() == null ? Map.of() : s.capabilities(),
                    s.restrictions() == null ? List.of()
                            : s.restrictions().stream().map(r -> r.completedFor(location)).toList()));
        }
        return new SkuTable(list);
    }

    public static SkuTable builtin() {
        try (InputStream in = SkuTable.class.getResourceAsStream(BUILTIN)) {
            JsonNode root = FleetJson.STRICT.readTree(in);
            List<SkuSpec> list = new ArrayList<>();
            for (JsonNode size : root.get("sizes")) {
                for (JsonNode loc : root.get("locations")) {
                    list.add(builtinSku(size, loc.asText()));
                }
            }
            return new SkuTable(list);
        } catch (IOException e) {
            throw new UncheckedIOException("the builtin SKU table " + BUILTIN + " is unreadable", e);
        }
    }

    private static SkuSpec builtinSku(JsonNode size, String location) {
        Map<String, String> caps = new LinkedHashMap<>();
        int vcpus = size.get("vCPUs").asInt();
        caps.put("MaxResourceVolumeMB", String.valueOf(vcpus * 8192));
        caps.put("OSVhdSizeMB", "1047552");
        caps.put("vCPUs", String.valueOf(vcpus));
        caps.put("HyperVGenerations", size.get("gens").asText());
        caps.put("MemoryGB", size.get("memoryGB").asText());
        caps.put("MaxDataDiskCount", String.valueOf(Math.min(64, vcpus * 4)));
        caps.put("LowPriorityCapable", "True");
        caps.put("PremiumIO", size.get("premiumIO").asBoolean() ? "True" : "False");
        caps.put("vCPUsAvailable", String.valueOf(vcpus));
        caps.put("vCPUsPerCore", vcpus > 1 ? "2" : "1");
        caps.put("EphemeralOSDiskSupported", size.get("premiumIO").asBoolean() ? "True" : "False");
        caps.put("AcceleratedNetworkingEnabled", "True");
        caps.put("MaxNetworkInterfaces", "2");
        if (size.path("trustedLaunchDisabled").asBoolean(false)) {
            caps.put("TrustedLaunchDisabled", "True");
        }
        List<SkuRestriction> restrictions = new ArrayList<>();
        for (JsonNode r : size.path("restrictedIn")) {
            if (r.asText().equals(location)) {
                restrictions.add(SkuRestriction.inLocation("NotAvailableForSubscription", location));
            }
        }
        return new SkuSpec(size.get("name").asText(), location, size.get("family").asText(), caps, restrictions);
    }

    public List<SkuSpec> all() {
        return skus;
    }

    /** The size in the location, or null when the location does not offer it (retired sizes are common in old fleets). */
    public SkuSpec find(String name, String location) {
        return byKey.get(key(name, location));
    }

    /** True when the size is listed in the location and no restriction keeps it from a VM there (and in those zones). */
    public static boolean deployable(SkuSpec sku, String location, List<String> zones) {
        return sku != null && sku.restrictions().stream().noneMatch(r -> r.blocks(location, zones));
    }

    /** The official script's rule: last HyperVGenerations item is V2 and TrustedLaunchDisabled is not True. */
    public static boolean supportsTrustedLaunch(SkuSpec sku) {
        if (sku == null) {
            return false;
        }
        String gens = sku.capabilities().getOrDefault("HyperVGenerations", "V1");
        String[] items = gens.split(",");
        return items[items.length - 1].trim().equalsIgnoreCase("V2")
                && !"True".equalsIgnoreCase(sku.capabilities().get("TrustedLaunchDisabled"));
    }

    private static String key(String name, String location) {
        return name.toLowerCase(Locale.ROOT) + "@" + location.toLowerCase(Locale.ROOT);
    }
}
