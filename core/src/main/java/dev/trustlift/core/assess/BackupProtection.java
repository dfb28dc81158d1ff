package dev.trustlift.core.assess;

import java.util.Locale;
import java.util.Objects;

/** Azure Backup protection of the VM (a protected item in a Recovery Services vault). */
public record BackupProtection(String vault, String policyName, PolicyType policyType) {

    /** Standard is the V1 policy that blocks the upgrade; Enhanced (V2) supports Trusted Launch. */
    public enum PolicyType {
        STANDARD,
        ENHANCED,
        UNKNOWN;

        /** Accepts the policy's policyType ("V1"/"V2") or the portal words ("Standard"/"Enhanced"). */
        public static PolicyType parse(String s) {
            if (s == null) {
                return UNKNOWN;
            }
            return switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "v1", "standard" -> STANDARD;
                case "v2", "enhanced" -> ENHANCED;
                default -> UNKNOWN;
            };
        }
    }

    public BackupProtection {
        Objects.requireNonNull(policyType, "policyType");
    }
}
