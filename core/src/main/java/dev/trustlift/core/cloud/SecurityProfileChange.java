package dev.trustlift.core.cloud;

/**
 * The set-trusted-launch step's change. Kept as data so plan --what-if can print it and the
 * journal can record exactly what was sent.
 */
public record SecurityProfileChange(SecurityType securityType, boolean secureBootEnabled, boolean vTpmEnabled) {

    /** The documented target: TrustedLaunch with vTPM on; Secure Boot as the operator chose. */
    public static SecurityProfileChange trustedLaunch(boolean secureBoot) {
        return new SecurityProfileChange(SecurityType.TRUSTED_LAUNCH, secureBoot, true);
    }

    /**
     * The body of the PATCH on the VM that makes this change: {@code securityProfile} only, never a
     * whole model (a PUT of a stale model would undo whatever changed since it was read), e.g.
     * {@code {"securityProfile":{"securityType":"TrustedLaunch","uefiSettings":{"secureBootEnabled":true,"vTpmEnabled":true}}}}.
     */
    public String patchBody() {
        return "{\"securityProfile\":{\"securityType\":\"" + securityType.armName() + "\",\"uefiSettings\":"
                + "{\"secureBootEnabled\":" + secureBootEnabled + ",\"vTpmEnabled\":" + vTpmEnabled + "}}}";
    }
}
