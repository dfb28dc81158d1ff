package dev.trustlift.disk.convert;

import dev.trustlift.disk.partition.Extent;
import dev.trustlift.disk.partition.gpt.GptPartitionTable;
import dev.trustlift.disk.partition.mbr.MasterBootRecord;
import dev.trustlift.disk.validate.TargetOs;
import java.util.List;

/**
 * Everything a conversion will write, computed before anything is written: the new GPT (same
 * first/last LBA for every original partition), the protective MBR, the ESP to format and the
 * growth. {@code originalMbr} is what LBA 0 held when the plan was made; the writer refuses to
 * act if the disk no longer matches it.
 */
public record ConversionPlan(TargetOs os, int sectorSize, long oldSectors, long newSectors,
                             MasterBootRecord originalMbr, List<PlannedPartition> partitions,
                             GptPartitionTable table, MasterBootRecord protectiveMbr, Extent esp, String espLabel,
                             int espVolumeId, Extent biosBoot, List<String> notes) {
    public ConversionPlan {
        partitions = List.copyOf(partitions);
        notes = List.copyOf(notes);
    }

    public boolean grows() {
        return newSectors > oldSectors;
    }

    public long newSizeBytes() {
        return newSectors * sectorSize;
    }

    public long growBytes() {
        return (newSectors - oldSectors) * sectorSize;
    }
}
