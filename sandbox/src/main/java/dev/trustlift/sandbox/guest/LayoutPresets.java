package dev.trustlift.sandbox.guest;

import dev.trustlift.sandbox.guest.DiskLayout.Part;
import dev.trustlift.sandbox.guest.DiskLayout.Scheme;
import java.util.List;

/**
 * The named layouts of contracts/fleet.md, built for a disk of a given size on 512-byte sectors.
 * Positions follow what Azure's images use (see facts/disk-conversion.md section 4).
 */
public final class LayoutPresets {
    private static final int SECTOR = 512;
    private static final long MIB = 2048;

    private LayoutPresets() {
    }

    public static DiskLayout build(String preset, long sizeGb) {
        long n = sizeGb * 1024 * MIB;
        long sysStart = MIB;
        long sysLen = 500 * MIB;
        long cStart = sysStart + sysLen;
        long tail = MIB; // Windows leaves the last MiB unallocated
        return switch (preset) {
            case "windows-azure-default" -> new DiskLayout(Scheme.MBR, SECTOR, n, List.of(
                    new Part(1, "07", sysStart, sysLen, true, false),
                    new Part(2, "07", cStart, n - tail - cStart, false, false)), true, false);
            case "windows-4-partitions" -> {
                long recovery = 1024 * MIB;
                long oem = 512 * MIB;
                long cLen = n - tail - cStart - recovery - oem;
                yield new DiskLayout(Scheme.MBR, SECTOR, n, List.of(
                        new Part(1, "07", sysStart, sysLen, true, false),
                        new Part(2, "07", cStart, cLen, false, false),
                        new Part(3, "27", cStart + cLen, recovery, false, false),
                        new Part(4, "12", cStart + cLen + recovery, oem, false, false)), true, false);
            }
            case "windows-extended" -> new DiskLayout(Scheme.MBR, SECTOR, n, List.of(
                    new Part(1, "07", sysStart, sysLen, true, false),
                    new Part(2, "05", cStart, n - tail - cStart, false, false),
                    new Part(5, "07", cStart + 63, n - tail - cStart - 63, false, true)), true, false);
            case "windows-azure-gpt" -> new DiskLayout(Scheme.GPT, SECTOR, n, List.of(
                    new Part(1, "2700", MIB, 450 * MIB, false, false),
                    new Part(2, "EF00", 451 * MIB, 99 * MIB, false, false),
                    new Part(3, "0C01", 550 * MIB, 16 * MIB, false, false),
                    new Part(4, "0700", 566 * MIB, n - 34 - 566 * MIB, false, false)), false, true);
            case "linux-mbr-custom" -> new DiskLayout(Scheme.MBR, SECTOR, n, List.of(
                    new Part(1, "83", MIB, n - MIB, true, false)), true, false);
            case "linux-azure-gpt" -> new DiskLayout(Scheme.GPT, SECTOR, n, List.of(
                    new Part(14, "EF02", MIB, 8192, false, false),
                    new Part(15, "EF00", 10240, 227328 - 10240, false, false),
                    new Part(1, "8300", 227328, n - 34 - 227328, false, false)), true, true);
            default -> throw new IllegalArgumentException("unknown layout preset " + preset);
        };
    }

    /** The layout a VM has when its fleet entry names none: what Azure's images of that OS and generation carry. */
    public static String defaultFor(String osType, String hyperVGeneration) {
        if ("Linux".equals(osType)) {
            return "linux-azure-gpt";
        }
        return "V2".equals(hyperVGeneration) ? "windows-azure-gpt" : "windows-azure-default";
    }
}
