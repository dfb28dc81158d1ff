package dev.trustlift.sandbox.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * osDisk.layout in one of its three forms: a preset name, an explicit MBR partition list, or a
 * real image file. Exactly one of the three components is set.
 */
public record LayoutSpec(String preset, Explicit explicit, String image) {

    public static final Set<String> PRESETS = Set.of("windows-azure-default", "windows-4-partitions",
            "windows-extended", "windows-azure-gpt", "linux-mbr-custom", "linux-azure-gpt");

    /** An explicit MBR layout; partitions in table order, {@code logical} for entries inside an extended partition. */
    public record Explicit(Integer sectorSize, Long sectors, List<Partition> partitions) {
    }

    /**
     * One MBR entry: type as two hex digits ("07", "83", "05"...). Entries that lie inside an
     * extended partition (05/0F/85) are its logical partitions.
     */
    public record Partition(String type, Long start, Long sectors, Boolean active) {
        public int typeCode() {
            return Integer.parseInt(type, 16);
        }
    }

    public static LayoutSpec parse(JsonNode node, String source, String where) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            if (!PRESETS.contains(node.asText())) {
                throw new FleetException(source + ": " + where + ": unknown layout preset '" + node.asText()
                        + "' (presets: " + String.join(", ", PRESETS.stream().sorted().toList()) + ")");
            }
            return new LayoutSpec(node.asText(), null, null);
        }
        if (node.isObject() && node.has("image")) {
            if (node.size() != 1 || !node.get("image").isTextual()) {
                throw new FleetException(source + ": " + where + ": an image layout is {\"image\": \"path\"} and nothing else");
            }
            return new LayoutSpec(null, null, node.get("image").asText());
        }
        if (!node.isObject()) {
            throw new FleetException(source + ": " + where + ": expected a preset name, {\"image\": path} or "
                    + "{\"sectorSize\", \"sectors\", \"partitions\"}");
        }
        Explicit explicit = FleetJson.convert(node, Explicit.class, source, where);
        check(explicit, source, where);
        return new LayoutSpec(null, explicit, null);
    }

    private static void check(Explicit e, String source, String where) {
        int sectorSize = e.sectorSize() == null ? 512 : e.sectorSize();
        if (sectorSize != 512 && sectorSize != 4096) {
            throw new FleetException(source + ": " + where + ".sectorSize must be 512 or 4096, not " + sectorSize);
        }
        if (e.sectors() == null || e.sectors() <= 0) {
            throw new FleetException(source + ": " + where + ".sectors is required (the disk size in sectors)");
        }
        if (e.partitions() == null) {
            throw new FleetException(source + ": " + where + ".partitions is required (may be empty)");
        }
        for (int i = 0; i < e.partitions().size(); i++) {
            Partition p = e.partitions().get(i);
            String at = where + ".partitions[" + i + "]";
            if (p.type() == null || !p.type().matches("[0-9a-fA-F]{2}")) {
                throw new FleetException(source + ": " + at + ".type must be two hex digits such as \"07\", not " + p.type());
            }
            if (p.start() == null || p.sectors() == null || p.start() < 1 || p.sectors() < 1
                    || p.start() + p.sectors() > e.sectors()) {
                throw new FleetException(source + ": " + at + ": start " + p.start() + " and sectors " + p.sectors()
                        + " must lie inside the disk of " + e.sectors() + " sectors");
            }
        }
    }
}
