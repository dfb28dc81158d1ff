package dev.trustlift.disk.container;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The dynamic VHD block allocation table: for each block of the virtual disk, the file sector
 * where its bitmap starts (big-endian u32), or 0xFFFFFFFF when the block was never written.
 */
final class BlockAllocationTable {
    static final int UNALLOCATED = 0xFFFFFFFF;
    static final int ENTRY_SIZE = 4;

    private int[] entries;

    private BlockAllocationTable(int[] entries) {
        this.entries = entries;
    }

    static BlockAllocationTable parse(ByteBuffer buf, int count) {
        ByteBuffer b = buf.slice().order(ByteOrder.BIG_ENDIAN);
        int[] e = new int[count];
        for (int i = 0; i < count; i++) {
            e[i] = b.getInt(i * ENTRY_SIZE);
        }
        return new BlockAllocationTable(e);
    }

    static BlockAllocationTable empty(int count) {
        int[] e = new int[count];
        Arrays.fill(e, UNALLOCATED);
        return new BlockAllocationTable(e);
    }

    int size() {
        return entries.length;
    }

    boolean isAllocated(int block) {
        return entries[block] != UNALLOCATED;
    }

    /** File offset of the block's sector bitmap (the block's data follows the bitmap). */
    long bitmapOffset(int block) {
        return Integer.toUnsignedLong(entries[block]) * 512;
    }

    void set(int block, long bitmapOffset) {
        entries[block] = (int) (bitmapOffset / 512);
    }

    /** Adds unallocated entries up to {@code count}. */
    void extendTo(int count) {
        int old = entries.length;
        entries = Arrays.copyOf(entries, count);
        Arrays.fill(entries, old, count, UNALLOCATED);
    }

    /** The big-endian bytes of entries [from, to): what goes to the file when only they change. */
    ByteBuffer toBuffer(int from, int to) {
        ByteBuffer b = ByteBuffer.allocate((to - from) * ENTRY_SIZE).order(ByteOrder.BIG_ENDIAN);
        for (int i = from; i < to; i++) {
            b.putInt(entries[i]);
        }
        return b.flip();
    }

    /** The whole table padded to whole 512-byte sectors with unallocated entries, as the spec lays it out. */
    ByteBuffer toPaddedBuffer() {
        long bytes = paddedSize(entries.length);
        ByteBuffer b = ByteBuffer.allocate((int) bytes).order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < bytes / ENTRY_SIZE; i++) {
            b.putInt(i < entries.length ? entries[i] : UNALLOCATED);
        }
        return b.flip();
    }

    static long paddedSize(long count) {
        return (count * ENTRY_SIZE + 511) / 512 * 512;
    }
}
