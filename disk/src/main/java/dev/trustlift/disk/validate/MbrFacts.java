package dev.trustlift.disk.validate;

import dev.trustlift.disk.partition.Extent;
import dev.trustlift.disk.partition.MbrType;
import dev.trustlift.disk.partition.Sizes;
import dev.trustlift.disk.partition.gpt.GptGeometry;
import dev.trustlift.disk.partition.mbr.MbrPartition;
import dev.trustlift.disk.scan.DiskScan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The numbers the rules look at, derived once from an MBR disk's scan and the options. */
public record MbrFacts(DiskScan scan, ConversionOptions options) {

    public int sectorSize() {
        return scan.sectorSize();
    }

    public List<MbrPartition> partitions() {
        return scan.mbrDisk().partitions();
    }

    public List<MbrPartition> dataPartitions() {
        return scan.mbrDisk().dataPartitions();
    }

    /** Every extent in use, extended containers included: their EBRs must survive until the MBR is replaced. */
    public List<Extent> usedExtents() {
        return partitions().stream().map(MbrPartition::extent).toList();
    }

    /** The disk's size in sectors after the requested growth. */
    public long sectorsAfterGrow() {
        return scan.sectors() + options.growSectors(sectorSize());
    }

    public GptGeometry geometry() {
        return new GptGeometry(sectorSize(), sectorsAfterGrow());
    }

    public Optional<MbrPartition> existingEsp() {
        return dataPartitions().stream().filter(p -> p.type() == MbrType.EFI_SYSTEM).findFirst();
    }

    /** Sectors of ESP to create: none when the disk already has an EFI system partition. */
    public long espSectorsToCreate() {
        return existingEsp().isPresent() ? 0 : options.espSectors(sectorSize());
    }

    public String mib(long sectors) {
        return Sizes.human(sectors * sectorSize());
    }

    /** "partition 4 (type 0x27, 499.0 MiB)" */
    public String describe(MbrPartition p) {
        return "partition " + p.number() + " (type " + MbrType.hex(p.type()) + ", " + mib(p.extent().sectors()) + ")";
    }

    public static Map<String, String> values(Object... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            map.put(String.valueOf(keysAndValues[i]), String.valueOf(keysAndValues[i + 1]));
        }
        return map;
    }
}
