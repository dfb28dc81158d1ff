package dev.trustlift.core.assess;

import java.util.Locale;
import java.util.Set;

/**
 * One partition of the OS disk as the guest probe reports it.
 *
 * @param type for MBR the type byte as two hex digits ("07", "27"); for GPT the type GUID
 * @param os true for the partition holding the running OS (C: or /)
 * @param mountPoint where Linux mounts it ("/boot/efi"), the drive letter on Windows, or null
 */
public record PartitionSummary(int number, String type, long startLba, long sectors, boolean active, boolean logical,
                               boolean os, String mountPoint) {

    public static final String ESP_GUID = "C12A7328-F81F-11D2-BA4B-00A0C93EC93B";
    public static final String BIOS_BOOT_GUID = "21686148-6449-6E6F-744E-656564454649";
    /** Types Windows recognizes (winioctl.h IsRecognizedPartition) that MBR2GPT converts without /map. */
    private static final Set<Integer> RECOGNIZED_BY_WINDOWS = Set.of(
            0x01, 0x04, 0x06, 0x07, 0x0B, 0x0C, 0x0E, 0x27, 0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x2D, 0xEF);
    private static final int WINDOWS_RECOVERY = 0x27;

    public PartitionSummary {
        type = type == null ? "" : type.trim().toUpperCase(Locale.ROOT);
    }

    public long endLba() {
        return startLba + sectors - 1;
    }

    public boolean extendedContainer() {
        return "05".equals(type) || "0F".equals(type) || "85".equals(type);
    }

    public boolean recognizedByWindows() {
        return type.length() == 2 && RECOGNIZED_BY_WINDOWS.contains(Integer.parseInt(type, 16));
    }

    public boolean windowsRecovery() {
        return type.length() == 2 && Integer.parseInt(type, 16) == WINDOWS_RECOVERY;
    }

    public boolean esp() {
        return "EF".equals(type) || ESP_GUID.equals(type);
    }

    public long sizeMb(int sectorSize) {
        return sectors * sectorSize / (1024 * 1024);
    }
}
