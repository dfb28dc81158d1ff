package dev.trustlift.disk.container;

/** The footer's disk type field. Values 0, 1, 5 and 6 are reserved or deprecated in the spec. */
public enum VhdDiskType {
    FIXED(2),
    DYNAMIC(3),
    DIFFERENCING(4);

    private final int code;

    VhdDiskType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type with this code, or null when the code is not one the VHD spec defines for a disk. */
    public static VhdDiskType fromCode(int code) {
        for (VhdDiskType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
