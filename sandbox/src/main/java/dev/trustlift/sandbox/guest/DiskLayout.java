package dev.trustlift.sandbox.guest;

import java.util.List;

/**
 * What a simulated OS disk holds: its partition table and the boot code the firmware needs.
 * Immutable; a conversion returns a new layout. Types are MBR bytes ("07", "83", "05") on MBR
 * disks and gdisk codes ("EF00", "EF02", "0700", "0C01", "2700", "8300") on GPT disks.
 *
 * @param biosBootCode  boot code a BIOS can start (Windows boot sector + bootmgr on the active
 *                      partition, or GRUB's core.img in the MBR gap / a BIOS boot partition)
 * @param efiBootLoader an EFI boot loader on the ESP (bootmgfw.efi or shim/grubx64.efi)
 */
public record DiskLayout(Scheme scheme, int sectorSize, long sectors, List<Part> parts,
                         boolean biosBootCode, boolean efiBootLoader) {

    /** Partitioning scheme. */
    public enum Scheme { MBR, GPT }

    /** One partition: number as the OS sees it (logical partitions from 5), type, extent in sectors. */
    public record Part(int number, String type, long start, long sectors, boolean active, boolean logical) {
        public long end() {
            return start + sectors - 1;
        }

        public long sizeMb(int sectorSize) {
            return sectors * sectorSize / (1024 * 1024);
        }
    }

    public DiskLayout {
        parts = List.copyOf(parts);
    }

    public long mib(long count) {
        return count * 1024 * 1024 / sectorSize;
    }

    public boolean hasType(String type) {
        return parts.stream().anyMatch(p -> p.type().equalsIgnoreCase(type));
    }

    public DiskLayout withSectors(long newSectors) {
        return new DiskLayout(scheme, sectorSize, newSectors, parts, biosBootCode, efiBootLoader);
    }

    /** Sectors after the last partition that no partition uses. */
    public long freeTailSectors() {
        long lastEnd = parts.stream().filter(p -> !p.logical()).mapToLong(Part::end).max().orElse(0);
        return Math.max(0, sectors - 1 - lastEnd);
    }

    /** The partition fdisk would call the root / C: volume: the largest non-container partition. */
    public Part osPartition() {
        return parts.stream().filter(p -> !isContainer(p.type()))
                .max((a, b) -> Long.compare(a.sectors(), b.sectors())).orElse(null);
    }

    public static boolean isContainer(String type) {
        return type.equals("05") || type.equals("0F") || type.equalsIgnoreCase("0f") || type.equals("85");
    }
}
