package dev.trustlift.core.cloud;

import java.util.Locale;

/** A VM's or disk's security type. ARM omits securityProfile for Standard VMs, so null maps to STANDARD. */
public enum SecurityType {
    STANDARD("Standard"), TRUSTED_LAUNCH("TrustedLaunch"), CONFIDENTIAL_VM("ConfidentialVM");

    private final String armName;

    SecurityType(String armName) {
        this.armName = armName;
    }

    public String armName() {
        return armName;
    }

    public static SecurityType parse(String value) {
        if (value == null || value.isBlank()) {
            return STANDARD;
        }
        String v = value.toLowerCase(Locale.ROOT);
        if (v.equals("trustedlaunch")) {
            return TRUSTED_LAUNCH;
        }
        // Disks report ConfidentialVM_* variants (VMGuestStateOnlyEncryptedWithPlatformKey, ...).
        if (v.startsWith("confidentialvm")) {
            return CONFIDENTIAL_VM;
        }
        if (v.equals("standard")) {
            return STANDARD;
        }
        throw new IllegalArgumentException("unknown securityType '" + value + "'");
    }
}
