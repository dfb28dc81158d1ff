package dev.trustlift.sandbox.guest;

import dev.trustlift.disk.layout.LayoutSpec;
import dev.trustlift.disk.partition.Sizes;
import dev.trustlift.disk.partition.gpt.GptGeometry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The named layouts of contracts/fleet.md, from the disk engine's presets, plus
 * {@code windows-azure-gpt} (Azure's Gen2 Windows image: recovery, ESP, C:; the 16 MiB MSR is left out as the disk engine has no type for it) for VMs that
 * are already Generation 2. Built once per name and size and shared: layouts are immutable.
 */
public final class LayoutPresets {
    private static final int SECTOR = 512;
    private static final Map<String, DiskLayout> CACHE = new ConcurrentHashMap<>();

    private LayoutPresets() {
    }

    public static DiskLayout build(String preset, long sizeGb) {
        return CACHE.computeIfAbsent(preset + "@" + sizeGb, k -> DiskEngine.fromSpec(spec(preset, sizeGb * 1024 * Sizes.MIB)));
    }

    private static LayoutSpec spec(String preset, long bytes) {
        if (!preset.equals("windows-azure-gpt")) {
            return dev.trustlift.disk.layout.LayoutPresets.named(preset, SECTOR, bytes);
        }
        long n = bytes / SECTOR;
        long mib = Sizes.sectorsPerMib(SECTOR);
        long lastUsable = new GptGeometry(SECTOR, n).lastUsable();
        return new LayoutSpec(LayoutSpec.Scheme.GPT, SECTOR, n, List.of(
                new LayoutSpec.PartitionSpec("2700", mib, 450 * mib, false, 1),
                new LayoutSpec.PartitionSpec("EF00", 451 * mib, 99 * mib, false, 2),
                new LayoutSpec.PartitionSpec("0700", 566 * mib, lastUsable - 566 * mib + 1, false, 4)));
    }

    /** The layout a VM has when its fleet entry names none: what Azure's images of that OS and generation carry. */
    public static String defaultFor(String osType, String hyperVGeneration) {
        if ("Linux".equals(osType)) {
            return "linux-azure-gpt";
        }
        return "V2".equals(hyperVGeneration) ? "windows-azure-gpt" : "windows-azure-default";
    }
}
