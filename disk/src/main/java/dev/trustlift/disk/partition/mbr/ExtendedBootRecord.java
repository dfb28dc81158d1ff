package dev.trustlift.disk.partition.mbr;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * One link of an extended partition's chain: the MBR layout with entry 0 describing a logical
 * partition (start relative to this EBR) and entry 1 pointing at the next EBR (start relative to
 * the extended partition's first sector). Entries 2 and 3 are unused.
 */
public record ExtendedBootRecord(MbrPartitionEntry logical, MbrPartitionEntry next) {

    public static ExtendedBootRecord parse(ByteBuffer src) {
        MasterBootRecord layout = MasterBootRecord.parse(src);
        return new ExtendedBootRecord(layout.entries().get(0), layout.entries().get(1));
    }

    public void writeTo(ByteBuffer dst) {
        MasterBootRecord.of(new byte[MasterBootRecord.BOOT_CODE_BYTES], 0,
                Arrays.asList(logical, next, MbrPartitionEntry.EMPTY, MbrPartitionEntry.EMPTY)).writeTo(dst);
    }

    public ByteBuffer toBytes() {
        ByteBuffer buf = ByteBuffer.allocate(MasterBootRecord.BYTES);
        writeTo(buf);
        return buf.flip();
    }

    public boolean hasNext() {
        return next.isUsed();
    }

    static ExtendedBootRecord of(MasterBootRecord layout) {
        List<MbrPartitionEntry> e = layout.entries();
        return new ExtendedBootRecord(e.get(0), e.get(1));
    }
}
