package dev.trustlift.disk.scan;

import dev.trustlift.disk.partition.gpt.GptPartitionTable;
import dev.trustlift.disk.partition.gpt.GptScan;
import dev.trustlift.disk.partition.mbr.MasterBootRecord;
import dev.trustlift.disk.partition.mbr.MbrDisk;
import java.util.List;

/**
 * Everything read from a disk's partition tables and the class that follows. {@code mbrDisk} is
 * set for MBR disks, {@code gpt} whenever a GPT signature was seen. Pure data: the facts the
 * validator and the conversion planner work from.
 */
public record DiskScan(int sectorSize, long sectors, DiskClass diskClass, List<String> reasons,
                       MasterBootRecord mbr, MbrDisk mbrDisk, GptScan gpt) {
    public DiskScan {
        reasons = List.copyOf(reasons);
    }

    public long sizeBytes() {
        return sectors * sectorSize;
    }

    public GptPartitionTable gptTable() {
        return gpt == null ? null : gpt.table();
    }

    /** One line for people: the class and why. */
    public String summary() {
        return reasons.isEmpty() ? diskClass.name() : diskClass.name() + ": " + String.join("; ", reasons);
    }
}
