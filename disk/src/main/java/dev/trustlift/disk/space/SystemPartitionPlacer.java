package dev.trustlift.disk.space;

import dev.trustlift.disk.partition.Extent;
import dev.trustlift.disk.partition.Sizes;
import dev.trustlift.disk.partition.gpt.GptGeometry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Finds room for an ESP and a BIOS boot partition among existing partitions, on 1 MiB
 * boundaries, inside the usable range of a new GPT. Pure: callers pass the disk's size after
 * any growth, and {@link #minimumGrowMib} searches the smallest growth that makes room.
 */
public final class SystemPartitionPlacer {
    /** A BIOS boot partition placed in free space takes 1 MiB, as parted and the Azure images use. */
    public static final long BIOS_BOOT_BYTES = Sizes.MIB;
    private static final long MAX_GROW_SEARCH_MIB = 1024 * 1024;

    private SystemPartitionPlacer() {
    }

    /**
     * @param espSectors size of the ESP to create, 0 when the disk already has one
     * @param biosBoot whether a BIOS boot partition (EF02) is wanted
     */
    public static Optional<Placement> place(int sectorSize, long sectors, List<Extent> used, long espSectors,
                                            boolean biosBoot) {
        GptGeometry geometry = new GptGeometry(sectorSize, sectors);
        if (geometry.lastUsable() < geometry.firstUsable()) {
            return Optional.empty();
        }
        Extent usable = new Extent(geometry.firstUsable(), geometry.lastUsable());
        if (used.stream().anyMatch(e -> !usable.contains(e))) {
            return Optional.empty();
        }
        long mib = Sizes.sectorsPerMib(sectorSize);
        List<Extent> taken = new ArrayList<>(used);
        Extent esp = null;
        if (espSectors > 0) {
            Optional<Extent> fit = FreeSpace.firstFit(FreeSpace.gaps(usable, taken), espSectors, mib);
            if (fit.isEmpty()) {
                return Optional.empty();
            }
            esp = fit.get();
            taken.add(esp);
        }
        if (!biosBoot) {
            return Optional.of(new Placement(esp, null, false));
        }
        Optional<Extent> gap = frontGap(geometry, taken);
        if (gap.isPresent()) {
            return Optional.of(new Placement(esp, gap.get(), true));
        }
        Optional<Extent> fit = FreeSpace.firstFit(FreeSpace.gaps(usable, taken), BIOS_BOOT_BYTES / sectorSize, mib);
        Extent placedEsp = esp;
        return fit.map(bb -> new Placement(placedEsp, bb, false));
    }

    /** First usable LBA up to the first 1 MiB boundary (34..2047 on 512 B), when nothing is there. */
    public static Optional<Extent> frontGap(GptGeometry geometry, List<Extent> used) {
        long mib = Sizes.sectorsPerMib(geometry.sectorSize());
        if (mib - 1 < geometry.firstUsable()) {
            return Optional.empty();
        }
        Extent gap = new Extent(geometry.firstUsable(), mib - 1);
        return used.stream().anyMatch(gap::overlaps) ? Optional.empty() : Optional.of(gap);
    }

    /** The smallest growth in MiB, from {@code fromMib} on, that lets {@link #place} succeed; empty if none does. */
    public static OptionalLong minimumGrowMib(int sectorSize, long sectors, List<Extent> used, long espSectors,
                                              boolean biosBoot) {
        long mib = Sizes.sectorsPerMib(sectorSize);
        long needed = espSectors + (biosBoot ? BIOS_BOOT_BYTES / sectorSize : 0) + 2 * mib;
        long limit = Math.min(MAX_GROW_SEARCH_MIB, needed / mib + 2);
        for (long grow = 0; grow <= limit; grow++) {
            if (place(sectorSize, sectors + grow * mib, used, espSectors, biosBoot).isPresent()) {
                return OptionalLong.of(grow);
            }
        }
        return OptionalLong.empty();
    }
}
