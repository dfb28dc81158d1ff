package dev.trustlift.core.cloud;

/** Gen1 (BIOS) or Gen2 (UEFI): the fact the whole upgrade is about. */
public enum HyperVGeneration {
    V1, V2;

    /** Null when ARM does not say (unmanaged disks, instance views of deallocated VMs). */
    public static HyperVGeneration parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim().toUpperCase(java.util.Locale.ROOT)) {
            case "V1" -> V1;
            case "V2" -> V2;
            default -> throw new IllegalArgumentException("unknown hyperVGeneration '" + value + "'");
        };
    }
}
