package dev.trustlift.core.assess;

/** securityProfile.securityType; ARM leaves it absent for Standard. */
public enum SecurityType {
    STANDARD("Standard"),
    TRUSTED_LAUNCH("TrustedLaunch"),
    CONFIDENTIAL_VM("ConfidentialVM");

    private final String armName;

    SecurityType(String armName) {
        this.armName = armName;
    }

    /** Null or blank means Standard, as ARM omits the field for it. */
    public static SecurityType parse(String s) {
        if (s == null || s.isBlank()) {
            return STANDARD;
        }
        for (SecurityType t : values()) {
            if (t.armName.equalsIgnoreCase(s.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown securityType '" + s + "' (expected Standard, TrustedLaunch or ConfidentialVM)");
    }

    public String armName() {
        return armName;
    }
}
