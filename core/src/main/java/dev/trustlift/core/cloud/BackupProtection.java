package dev.trustlift.core.cloud;

/**
 * Azure Backup's view of a VM. Trusted Launch VMs need the Enhanced policy, and a Standard policy
 * makes restore point creation fail with 409, so protect and assess both need the policy type.
 *
 * @param vaultId the Recovery Services vault, null when not protected
 * @param policyType null when not protected
 */
public record BackupProtection(boolean isProtected, String vaultId, String policyName, PolicyType policyType) {

    public static BackupProtection notProtected() {
        return new BackupProtection(false, null, null, null);
    }

    /** Backup policy generations: ARM's "V1" is Standard and "V2" is Enhanced. */
    public enum PolicyType {
        STANDARD, ENHANCED;

        public static PolicyType fromArm(String policyType) {
            return "V2".equalsIgnoreCase(policyType) ? ENHANCED : STANDARD;
        }
    }
}
