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
 */
public record GuestFacts(BitLockerState bitLocker, DiskLayout layout, Long freeMb, Long unmovableTailMb,
                         Boolean espInFstab, Boolean fstabUsesPartuuid) {
    public GuestFacts {
        Objects.requireNonNull(bitLocker, "bitLocker");
    }
}
