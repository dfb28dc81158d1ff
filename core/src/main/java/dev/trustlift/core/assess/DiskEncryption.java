package dev.trustlift.core.assess;

/** How the OS disk is encrypted, as far as ARM shows it. */
public enum DiskEncryption {
    /** Platform-managed keys only (the default, invisible to the guest). */
    NONE,
    /** Azure Disk Encryption: BitLocker/dm-crypt driven by the ADE extension (encryptionSettings). */
    ADE,
    /** Server-side encryption with customer-managed keys: transparent to the guest. */
    SSE_CMK
}
