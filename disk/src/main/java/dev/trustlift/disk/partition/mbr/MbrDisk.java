package dev.trustlift.disk.partition.mbr;

import dev.trustlift.disk.io.BlockDevice;
import dev.trustlift.disk.io.CorruptImageException;
import dev.trustlift.disk.partition.Extent;
import dev.trustlift.disk.partition.MbrType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** An MBR disk's partitions: the four slots of LBA 0 plus the logicals of an extended partition. */
public record MbrDisk(MasterBootRecord mbr, List<MbrPartition> partitions) {

    public MbrDisk {
        partitions = List.copyOf(partitions);
    }

    public static MasterBootRecord readSectorZero(BlockDevice device) throws IOException {
        return MasterBootRecord.parse(device.readSectors(0, 1).limit(MasterBootRecord.BYTES));
    }

    /** Reads LBA 0 and follows extended chains; the MBR must carry 0x55AA. */
    public static MbrDisk read(BlockDevice device) throws IOException {
        MasterBootRecord mbr = readSectorZero(device);
        long sectors = device.sectorCount();
        List<MbrPartition> partitions = new ArrayList<>();
        List<MbrPartition> logicals = new ArrayList<>();
        boolean seenExtended = false;
        for (int slot = 0; slot < MasterBootRecord.ENTRY_COUNT; slot++) {
            MbrPartitionEntry e = mbr.entries().get(slot);
            if (!e.isUsed()) {
                continue;
            }
            int number = slot + 1;
            if (e.status() != 0 && e.status() != MbrPartitionEntry.STATUS_ACTIVE) {
                throw new CorruptImageException(String.format("MBR partition %d has status byte 0x%02X (only 0x00 or "
                        + "0x80 are valid)", number, e.status()));
            }
            if (e.startLba() == 0) {
                throw new CorruptImageException("MBR partition " + number + " starts at LBA 0, over the MBR itself");
            }
            Extent extent = e.extent(0);
            if (extent.last() >= sectors) {
                throw new CorruptImageException("MBR partition " + number + " ends at LBA " + extent.last()
                        + " but the disk has only " + sectors + " sectors (truncated image?)");
            }
            boolean extended = MbrType.isExtended(e.type());
            partitions.add(new MbrPartition(number, extended ? MbrPartition.Kind.EXTENDED : MbrPartition.Kind.PRIMARY,
                    e.type(), extent, e.isActive()));
            if (extended) {
                if (seenExtended) {
                    throw new CorruptImageException("MBR has more than one extended partition");
                }
                seenExtended = true;
                logicals.addAll(EbrChain.read(device, extent));
            }
        }
        checkNoOverlap(partitions.stream().filter(p -> p.kind() != MbrPartition.Kind.LOGICAL).toList());
        partitions.addAll(logicals);
        checkNoOverlap(partitions.stream().filter(MbrPartition::isData).toList());
        return new MbrDisk(mbr, partitions);
    }

    private static void checkNoOverlap(List<MbrPartition> list) throws CorruptImageException {
        for (int i = 0; i < list.size(); i++) {
            for (int j = i + 1; j < list.size(); j++) {
                MbrPartition a = list.get(i);
                MbrPartition b = list.get(j);
                if (a.extent().overlaps(b.extent())) {
                    throw new CorruptImageException("partitions " + a.number() + " (LBA " + a.extent() + ") and "
                            + b.number() + " (LBA " + b.extent() + ") overlap");
                }
            }
        }
    }

    public List<MbrPartition> dataPartitions() {
        return partitions.stream().filter(MbrPartition::isData).toList();
    }

    public List<MbrPartition> primarySlotsUsed() {
        return partitions.stream().filter(p -> p.kind() != MbrPartition.Kind.LOGICAL).toList();
    }
}
