package dev.trustlift.disk.partition;

import java.util.Map;
import java.util.Optional;

/**
 * MBR partition type bytes: their names, which ones Windows recognizes (winioctl.h
 * IsRecognizedPartition, what MBR2GPT accepts without /map), and the GPT type each one becomes
 * for MBR2GPT and for gdisk.
 */
public final class MbrType {
    public static final int EMPTY = 0x00;
    public static final int NTFS = 0x07;
    public static final int WINDOWS_RE = 0x27;
    public static final int LINUX = 0x83;
    public static final int LINUX_SWAP = 0x82;
    public static final int LINUX_LVM = 0x8E;
    public static final int LINUX_RAID = 0xFD;
    public static final int LDM = 0x42;
    public static final int EFI_SYSTEM = 0xEF;
    public static final int GPT_PROTECTIVE = 0xEE;
    public static final int EXTENDED_CHS = 0x05;
    public static final int EXTENDED_LBA = 0x0F;
    public static final int EXTENDED_LINUX = 0x85;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0x01, "FAT12"), Map.entry(0x04, "FAT16 <32M"), Map.entry(0x05, "Extended"),
            Map.entry(0x06, "FAT16"), Map.entry(0x07, "HPFS/NTFS/exFAT"), Map.entry(0x0B, "W95 FAT32"),
            Map.entry(0x0C, "W95 FAT32 (LBA)"), Map.entry(0x0E, "W95 FAT16 (LBA)"),
            Map.entry(0x0F, "W95 Ext'd (LBA)"), Map.entry(0x11, "Hidden FAT12"), Map.entry(0x12, "Compaq diagnostics"),
            Map.entry(0x14, "Hidden FAT16 <32M"), Map.entry(0x16, "Hidden FAT16"), Map.entry(0x17, "Hidden HPFS/NTFS"),
            Map.entry(0x1B, "Hidden W95 FAT32"), Map.entry(0x1C, "Hidden W95 FAT32 (LBA)"),
            Map.entry(0x1E, "Hidden W95 FAT16 (LBA)"), Map.entry(0x27, "Hidden NTFS WinRE"),
            Map.entry(0x42, "SFS / Windows LDM"), Map.entry(0x82, "Linux swap / Solaris"), Map.entry(0x83, "Linux"),
            Map.entry(0x85, "Linux extended"), Map.entry(0x8E, "Linux LVM"), Map.entry(0xEE, "GPT"),
            Map.entry(0xEF, "EFI (FAT-12/16/32)"), Map.entry(0xFD, "Linux raid autodetect"));

    private MbrType() {
    }

    public static String name(int type) {
        return NAMES.getOrDefault(type, "Unknown");
    }

    /** "0x07 HPFS/NTFS/exFAT" */
    public static String describe(int type) {
        return hex(type) + " " + name(type);
    }

    public static String hex(int type) {
        return String.format("0x%02X", type);
    }

    public static boolean isExtended(int type) {
        return type == EXTENDED_CHS || type == EXTENDED_LBA || type == EXTENDED_LINUX;
    }

    /** Types Windows recognizes: what MBR2GPT converts without a /map option. */
    public static boolean isWindowsRecognized(int type) {
        return switch (type) {
            case 0x01, 0x04, 0x06, 0x07, 0x0B, 0x0C, 0x0E, WINDOWS_RE, EFI_SYSTEM -> true;
            default -> type >= 0x28 && type <= 0x2D;
        };
    }

    /** A file system Windows can boot from: what "the active partition is a system partition" asks. */
    public static boolean isWindowsSystemType(int type) {
        return switch (type) {
            case 0x01, 0x04, 0x06, 0x07, 0x0B, 0x0C, 0x0E -> true;
            default -> false;
        };
    }

    /** MBR2GPT's mapping; empty for types it needs /map for. */
    public static Optional<GptType> forWindows(int type) {
        if (!isWindowsRecognized(type)) {
            return Optional.empty();
        }
        return Optional.of(switch (type) {
            case WINDOWS_RE -> GptType.WINDOWS_RE;
            case EFI_SYSTEM -> GptType.EFI_SYSTEM;
            default -> GptType.BASIC_DATA;
        });
    }

    /**
     * gdisk's mapping (type x 0x100 looked up). gdisk assigns "Linux filesystem" to codes it does
     * not know, so this is empty only for those, and the caller warns.
     */
    public static Optional<GptType> forGdisk(int type) {
        return Optional.ofNullable(switch (type) {
            case 0x01, 0x04, 0x06, 0x07, 0x0B, 0x0C, 0x0E, 0x11, 0x14, 0x16, 0x17, 0x1B, 0x1C, 0x1E -> GptType.BASIC_DATA;
            case WINDOWS_RE -> GptType.WINDOWS_RE;
            case LDM -> GptType.LDM_DATA;
            case LINUX_SWAP -> GptType.LINUX_SWAP;
            case LINUX -> GptType.LINUX_FILESYSTEM;
            case LINUX_LVM -> GptType.LINUX_LVM;
            case LINUX_RAID -> GptType.LINUX_RAID;
            case EFI_SYSTEM -> GptType.EFI_SYSTEM;
            default -> null;
        });
    }
}
