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
}
