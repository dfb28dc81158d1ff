package dev.trustlift.disk.partition.mbr;

import dev.trustlift.disk.io.BlockDevice;
import dev.trustlift.disk.io.CorruptImageException;
import dev.trustlift.disk.partition.Extent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Walks an extended partition's chain of EBRs. Every link is checked before it is followed:
 * it must stay inside the extended partition, carry 0x55AA, and not revisit an EBR (a loop
 * would otherwise walk forever), and every logical partition must lie inside the container.
 */
public final class EbrChain {
    /** Linux stops at 60-ish logicals; a chain longer than this is corrupt, not a real disk. */
    public static final int MAX_LINKS = 128;
    public static final int FIRST_LOGICAL_NUMBER = 5;

    private EbrChain() {
    }

    public static List<MbrPartition> read(BlockDevice device, Extent container) throws IOException {
        List<MbrPartition> logicals = new ArrayList<>();
        Set<Long> visited = new HashSet<>();
        long ebrLba = container.first();
        int number = FIRST_LOGICAL_NUMBER;
        while (true) {
            if (!visited.add(ebrLba)) {
                throw new CorruptImageException("extended partition chain loops back to the EBR at LBA " + ebrLba
                        + " after " + logicals.size() + " logical partitions");
            }
            if (visited.size() > MAX_LINKS) {
                throw new CorruptImageException("extended partition chain has more than " + MAX_LINKS + " links");
            }
            ByteBuffer sector = device.readSectors(ebrLba, 1).limit(MasterBootRecord.BYTES);
            MasterBootRecord layout = MasterBootRecord.parse(sector);
            if (!layout.hasBootSignature()) {
                if (ebrLba == container.first() && isBlank(layout)) {
                    return logicals; // an extended partition with no logicals yet
                }
                throw new CorruptImageException("EBR at LBA " + ebrLba + " has no 0x55AA signature");
            }
            ExtendedBootRecord ebr = ExtendedBootRecord.of(layout);
            if (ebr.logical().isUsed()) {
                Extent extent = ebr.logical().extent(ebrLba);
                if (!container.contains(extent)) {
                    throw new CorruptImageException("logical partition " + number + " (LBA " + extent
                            + ") lies outside its extended partition (LBA " + container + ")");
                }
                logicals.add(new MbrPartition(number++, MbrPartition.Kind.LOGICAL, ebr.logical().type(), extent,
                        ebr.logical().isActive()));
            }
            if (!ebr.hasNext()) {
                return logicals;
            }
            long next = container.first() + ebr.next().startLba();
            if (next <= container.first() || next > container.last()) {
                throw new CorruptImageException("EBR at LBA " + ebrLba + " links to LBA " + next
                        + ", outside its extended partition (LBA " + container + ")");
            }
            ebrLba = next;
        }
    }

    private static boolean isBlank(MasterBootRecord layout) {
        return layout.entries().stream().noneMatch(MbrPartitionEntry::isUsed) && layout.bootSignature() == 0;
    }
}
