package dev.trustlift.core.cloud;

/**
 * Gen1 (BIOS) or Gen2 (UEFI): the fact the whole upgrade is about. UNKNOWN when ARM does not say
 * (unmanaged disks, instance views of deallocated VMs) or says something new: never guessed as V1,
 * because a guess either way would make a rule claim what nobody read.
 */
public enum HyperVGeneration {
    V1, V2, UNKNOWN;

    public static HyperVGeneration parse(String value) {
        if (value == null || value.isBlank()) {
            return UNKNOWN;
        }
        return switch (value.trim().toUpperCase(java.util.Locale.ROOT)) {
            case "V1" -> V1;
            case "V2" -> V2;
            default -> UNKNOWN;
        };
    }

    /** Whether ARM said which generation it is. */
    public boolean known() {
        return this != UNKNOWN;
    }
}
