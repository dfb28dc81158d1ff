package dev.trustlift.disk.fs.fat32;

import dev.trustlift.disk.io.CorruptImageException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The FAT32 FSInfo sector: hints for the free cluster count and where to look for the next free
 * cluster (Microsoft FAT specification 1.03, section 5). 0xFFFFFFFF means "unknown".
 */
public record FsInfo(long freeClusters, long nextFreeCluster) {

    public static final int SIZE = 512;
    public static final int LEAD_SIGNATURE = 0x41615252;   // "RRaA"
    public static final int STRUCT_SIGNATURE = 0x61417272; // "rrAa"
    public static final int TRAIL_SIGNATURE = 0xAA550000;
    public static final long UNKNOWN = 0xFFFFFFFFL;

    private static final int OFF_LEAD = 0;
    private static final int OFF_STRUCT = 484;
    private static final int OFF_FREE_COUNT = 488;
    private static final int OFF_NEXT_FREE = 492;
    private static final int OFF_TRAIL = 508;

    public static FsInfo parse(ByteBuffer buf) throws CorruptImageException {
        ByteBuffer b = buf.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < SIZE) {
            throw new CorruptImageException("FAT32 FSInfo sector needs " + SIZE + " bytes, got " + b.remaining());
        }
        check(b, OFF_LEAD, LEAD_SIGNATURE, "lead");
        check(b, OFF_STRUCT, STRUCT_SIGNATURE, "struct");
        check(b, OFF_TRAIL, TRAIL_SIGNATURE, "trail");
        return new FsInfo(Integer.toUnsignedLong(b.getInt(OFF_FREE_COUNT)), Integer.toUnsignedLong(b.getInt(OFF_NEXT_FREE)));
    }

    /** Writes the 512 bytes of this sector at {@code buf}'s position, leaving the position unchanged. */
    public void writeTo(ByteBuffer buf) {
        ByteBuffer b = buf.slice().order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, new byte[SIZE]);
        b.putInt(OFF_LEAD, LEAD_SIGNATURE);
        b.putInt(OFF_STRUCT, STRUCT_SIGNATURE);
        b.putInt(OFF_FREE_COUNT, (int) freeClusters);
        b.putInt(OFF_NEXT_FREE, (int) nextFreeCluster);
        b.putInt(OFF_TRAIL, TRAIL_SIGNATURE);
    }

    private static void check(ByteBuffer b, int off, int expected, String name) throws CorruptImageException {
        int actual = b.getInt(off);
        if (actual != expected) {
            throw new CorruptImageException(String.format(
                    "FAT32 FSInfo %s signature at offset %d is 0x%08X, expected 0x%08X", name, off, actual, expected));
        }
    }
}
