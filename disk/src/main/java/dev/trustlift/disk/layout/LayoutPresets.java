package dev.trustlift.disk.layout;

import dev.trustlift.disk.layout.LayoutSpec.PartitionSpec;
import dev.trustlift.disk.partition.Sizes;
import dev.trustlift.disk.partition.gpt.GptGeometry;
import java.util.List;

/**
 * The named OS disk layouts of the fleet contract (`osDisk.layout`), for any disk size:
 * Azure's Windows image layout and its variants, a custom MBR Linux, and Ubuntu's GPT image.
 */
public final class LayoutPresets {
    public static final List<String> NAMES = List.of("windows-azure-default", "windows-4-partitions",
            "windows-extended", "linux-mbr-custom", "linux-azure-gpt");
    public static final long WINDOWS_DEFAULT_BYTES = 127L * 1024 * Sizes.MIB;
    public static final long LINUX_DEFAULT_BYTES = 30L * 1024 * Sizes.MIB;

    private static final long SYSTEM_RESERVED_MIB = 500;
    private static final long RECOVERY_MIB = 499;
    private static final long OEM_MIB = 100;

    private LayoutPresets() {
    }

    public static long defaultSizeBytes(String name) {
        return name.startsWith("linux") ? LINUX_DEFAULT_BYTES : WINDOWS_DEFAULT_BYTES;
    }

    public static LayoutSpec named(String name, int sectorSize, long sizeBytes) {
        try {
            return build(name, sectorSize, sizeBytes);
        } catch (IllegalArgumentException e) {
            if (!NAMES.contains(name)) {
                throw e;
            }
            throw new IllegalArgumentException("a disk of " + Sizes.human(sizeBytes) + " is too small for layout "
                    + name + " (" + e.getMessage() + ")");
        }
    }

    private static LayoutSpec build(String name, int sectorSize, long sizeBytes) {
        long mib = Sizes.sectorsPerMib(sectorSize);
        long n = sizeBytes / sectorSize;
        long start = mib;
        long sysres = SYSTEM_RESERVED_MIB * mib;
        long afterSysres = start + sysres;
        // Windows leaves the last 1 MiB of the disk unallocated.
        long windowsEnd = n - mib;
        return switch (name) {
            case "windows-azure-default" -> LayoutSpec.mbr(sectorSize, n, List.of(
                    new PartitionSpec("07", start, sysres, true),
                    new PartitionSpec("07", afterSysres, windowsEnd - afterSysres, false)));
            case "windows-4-partitions" -> {
                long oemStart = windowsEnd - OEM_MIB * mib;
                long recoveryStart = oemStart - RECOVERY_MIB * mib;
                yield LayoutSpec.mbr(sectorSize, n, List.of(
                        new PartitionSpec("07", start, sysres, true),
                        new PartitionSpec("07", afterSysres, recoveryStart - afterSysres, false),
                        new PartitionSpec("27", recoveryStart, RECOVERY_MIB * mib, false),
                        new PartitionSpec("07", oemStart, OEM_MIB * mib, false)));
            }
            case "windows-extended" -> LayoutSpec.mbr(sectorSize, n, List.of(
                    new PartitionSpec("07", start, sysres, true),
                    new PartitionSpec("0F", afterSysres, windowsEnd - afterSysres, false),
                    new PartitionSpec("07", afterSysres + mib, windowsEnd - afterSysres - mib, false)));
            case "linux-mbr-custom" -> LayoutSpec.mbr(sectorSize, n, List.of(
                    new PartitionSpec("83", start, n - start, true)));
            case "linux-azure-gpt" -> linuxAzureGpt(sectorSize, n);
            default -> throw new IllegalArgumentException("unknown layout preset '" + name + "' (known: "
                    + String.join(", ", NAMES) + ")");
        };
    }

    /** Ubuntu's cloud image: 14 BIOS boot (4 MiB at 1 MiB), 15 ESP (106 MiB), 1 root to the end. */
    private static LayoutSpec linuxAzureGpt(int sectorSize, long n) {
        long mib = Sizes.sectorsPerMib(sectorSize);
        long lastUsable = new GptGeometry(sectorSize, n).lastUsable();
        long espStart = 5 * mib;
        long rootStart = espStart + 106 * mib;
        return new LayoutSpec(LayoutSpec.Scheme.GPT, sectorSize, n, List.of(
                new PartitionSpec("EF02", mib, 4 * mib, false, 14),
                new PartitionSpec("EF00", espStart, 106 * mib, false, 15),
                new PartitionSpec("8300", rootStart, lastUsable - rootStart + 1, false, 1)));
    }
}
