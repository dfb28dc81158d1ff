package dev.trustlift.core.assess;

/** The OS disk's hyperVGeneration; V1 means BIOS boot, V2 UEFI. */
public enum HyperVGeneration {
    V1,
    V2;

    /** ARM omits the field on old disks, which are V1. */
    public static HyperVGeneration parse(String s) {
        return s != null && s.trim().equalsIgnoreCase("V2") ? V2 : V1;
    }
}
