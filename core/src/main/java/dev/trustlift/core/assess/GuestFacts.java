package dev.trustlift.core.assess;

import java.util.Objects;

/**
 * What the read-only guest probe learned inside the VM. Components are null when the probe could
 * not tell.
 *
 * @param freeMb free space on C: (Windows) or / (Linux)
 * @param unmovableTailMb space at the end of C: that cannot be shrunk until defragmented
 * @param espInFstab whether /etc/fstab mounts /boot/efi (Linux)
 * @param fstabUsesPartuuid whether /etc/fstab refers to MBR PARTUUIDs, which change with a GPT (Linux)
 * @param osDiskNumber Windows' number of the disk holding C: (Get-Disk), which MBR2GPT is given
 *        explicitly; null on Linux or when the probe did not say
 */
public record GuestFacts(BitLockerState bitLocker, DiskLayout layout, Long freeMb, Long unmovableTailMb,
                         Boolean espInFstab, Boolean fstabUsesPartuuid, Integer osDiskNumber) {
    public GuestFacts {
        Objects.requireNonNull(bitLocker, "bitLocker");
    }

    /** Facts without a disk number (Linux, and tests that do not need one). */
    public GuestFacts(BitLockerState bitLocker, DiskLayout layout, Long freeMb, Long unmovableTailMb,
                      Boolean espInFstab, Boolean fstabUsesPartuuid) {
        this(bitLocker, layout, freeMb, unmovableTailMb, espInFstab, fstabUsesPartuuid, null);
    }
}
