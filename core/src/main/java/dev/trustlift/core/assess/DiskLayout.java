package dev.trustlift.core.assess;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The OS disk's partition table as the guest probe reports it: enough for the conversion rules. */
public record DiskLayout(Style style, int sectorSize, long totalSectors, List<PartitionSummary> partitions) {

    public enum Style {
        MBR,
        GPT
    }

    public DiskLayout {
        Objects.requireNonNull(style, "style");
        partitions = List.copyOf(partitions);
    }

    public List<PartitionSummary> primaries() {
        return partitions.stream().filter(p -> !p.logical() && !p.extendedContainer()).toList();
    }

    public Optional<PartitionSummary> osPartition() {
        return partitions.stream().filter(PartitionSummary::os).findFirst();
    }

    public Optional<PartitionSummary> esp() {
        return partitions.stream().filter(PartitionSummary::esp).findFirst();
    }

    /** The first sector any partition uses (the room in front of it is where the primary GPT goes). */
    public long firstUsedLba() {
        return partitions.stream().mapToLong(PartitionSummary::startLba).min()
                .orElse(totalSectors);
    }

    /** Sectors after the last partition up to the end of the disk. */
    public long freeSectorsAtEnd() {
        long lastEnd = partitions.stream().mapToLong(PartitionSummary::endLba).max().orElse(0);
        return Math.max(0, totalSectors - 1 - lastEnd);
    }

    public long mib(long sectors) {
        return sectors * sectorSize / (1024 * 1024);
    }
}
