package dev.trustlift.core.cloud;

/** The guest family: it decides the Run Command flavour and which conversion path applies. */
public enum OsType {
    WINDOWS, LINUX;

    /** ARM spells it "Windows"/"Linux"; anything else is a contract break worth failing on. */
    public static OsType parse(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "windows" -> WINDOWS;
            case "linux" -> LINUX;
            default -> throw new IllegalArgumentException("unknown osType '" + value + "'");
        };
    }
}
