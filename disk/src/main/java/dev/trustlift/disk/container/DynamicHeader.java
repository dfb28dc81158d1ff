package dev.trustlift.disk.container;

import dev.trustlift.disk.io.CorruptImageException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The 1024-byte dynamic disk header ("cxsparse") that follows the footer copy of a dynamic or
 * differencing VHD, big-endian. It says where the block allocation table is, how many entries
 * it has and how big a block is. The parent fields (differencing disks only) are kept as bytes.
 */
public record DynamicHeader(long dataOffset, long tableOffset, int headerVersion, long maxTableEntries,
                            long blockSize, byte[] parentFields) {

    public static final int SIZE = 1024;
    /** Where the header sits in a dynamic VHD: right after the 512-byte footer copy. */
    public static final long FILE_OFFSET = 512;
    public static final String COOKIE = "cxsparse";
    public static final int HEADER_VERSION = 0x00010000;
    public static final long NO_DATA_OFFSET = 0xFFFFFFFFFFFFFFFFL;
    public static final long DEFAULT_BLOCK_SIZE = 2L << 20;

    private static final int OFF_COOKIE = 0;
    private static final int OFF_DATA_OFFSET = 8;
    private static final int OFF_TABLE_OFFSET = 16;
    private static final int OFF_VERSION = 24;
    private static final int OFF_MAX_TABLE_ENTRIES = 28;
    private static final int OFF_BLOCK_SIZE = 32;
    static final int OFF_CHECKSUM = 36;
    /** Parent unique id, time stamp, name and locators: everything after the checksum. */
    private static final int OFF_PARENT_FIELDS = 40;

    public DynamicHeader {
        parentFields = parentFields.clone();
    }

    @Override
    public byte[] parentFields() {
        return parentFields.clone();
    }

    public static DynamicHeader create(long tableOffset, long maxTableEntries, long blockSize) {
        return new DynamicHeader(NO_DATA_OFFSET, tableOffset, HEADER_VERSION, maxTableEntries, blockSize,
                new byte[SIZE - OFF_PARENT_FIELDS]);
    }

    public static DynamicHeader parse(ByteBuffer buf, long fileOffset) throws CorruptImageException {
        ByteBuffer b = buf.slice().order(ByteOrder.BIG_ENDIAN);
        if (b.remaining() < SIZE) {
            throw new CorruptImageException("VHD dynamic header at offset " + fileOffset + " is cut short: "
                    + b.remaining() + " of " + SIZE + " bytes");
        }
        byte[] cookieBytes = new byte[8];
        b.get(OFF_COOKIE, cookieBytes);
        String cookie = new String(cookieBytes, StandardCharsets.ISO_8859_1);
        if (!COOKIE.equals(cookie)) {
            throw new CorruptImageException("VHD dynamic header at offset " + fileOffset + " has cookie \""
                    + VhdFooter.printable(cookie) + "\", expected \"" + COOKIE + "\"");
        }
        int stored = b.getInt(OFF_CHECKSUM);
        int computed = VhdChecksum.compute(b, SIZE, OFF_CHECKSUM);
        if (stored != computed) {
            throw new CorruptImageException(String.format(
                    "VHD dynamic header checksum mismatch at offset %d: stored 0x%08X computed 0x%08X",
                    fileOffset, stored, computed));
        }
        long blockSize = Integer.toUnsignedLong(b.getInt(OFF_BLOCK_SIZE));
        if (blockSize < 512 || Long.bitCount(blockSize) != 1) {
            throw new CorruptImageException("VHD dynamic header at offset " + fileOffset + " has block size "
                    + blockSize + ", not a power of two of at least 512 bytes");
        }
        long tableOffset = b.getLong(OFF_TABLE_OFFSET);
        if (tableOffset < 0 || tableOffset % 512 != 0) {
            throw new CorruptImageException("VHD dynamic header at offset " + fileOffset + " has BAT offset "
                    + Long.toUnsignedString(tableOffset) + ", not a multiple of 512");
        }
        byte[] parent = new byte[SIZE - OFF_PARENT_FIELDS];
        b.get(OFF_PARENT_FIELDS, parent);
        return new DynamicHeader(b.getLong(OFF_DATA_OFFSET), tableOffset, b.getInt(OFF_VERSION),
                Integer.toUnsignedLong(b.getInt(OFF_MAX_TABLE_ENTRIES)), blockSize, parent);
    }

    /** Writes the 1024 bytes, checksum included, at {@code buf}'s position, leaving the position unchanged. */
    public void writeTo(ByteBuffer buf) {
        ByteBuffer b = buf.slice().order(ByteOrder.BIG_ENDIAN);
        b.put(0, new byte[SIZE]);
        b.put(OFF_COOKIE, COOKIE.getBytes(StandardCharsets.US_ASCII));
        b.putLong(OFF_DATA_OFFSET, dataOffset);
        b.putLong(OFF_TABLE_OFFSET, tableOffset);
        b.putInt(OFF_VERSION, headerVersion);
        b.putInt(OFF_MAX_TABLE_ENTRIES, (int) maxTableEntries);
        b.putInt(OFF_BLOCK_SIZE, (int) blockSize);
        b.put(OFF_PARENT_FIELDS, parentFields);
        b.putInt(OFF_CHECKSUM, VhdChecksum.compute(b, SIZE, OFF_CHECKSUM));
    }

    public ByteBuffer toBuffer() {
        ByteBuffer buf = ByteBuffer.allocate(SIZE);
        writeTo(buf);
        return buf;
    }

    public DynamicHeader withTable(long newTableOffset, long newMaxTableEntries) {
        return new DynamicHeader(dataOffset, newTableOffset, headerVersion, newMaxTableEntries, blockSize, parentFields);
    }

    /** Bytes of sector bitmap in front of each block: one bit per 512-byte sector, padded to a sector. */
    public long bitmapSize() {
        long bytes = blockSize / 512 / 8;
        return (bytes + 511) / 512 * 512;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DynamicHeader h && dataOffset == h.dataOffset && tableOffset == h.tableOffset
                && headerVersion == h.headerVersion && maxTableEntries == h.maxTableEntries && blockSize == h.blockSize
                && java.util.Arrays.equals(parentFields, h.parentFields);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(dataOffset, tableOffset, maxTableEntries, blockSize, java.util.Arrays.hashCode(parentFields));
    }

    @Override
    public String toString() {
        return "DynamicHeader[tableOffset=" + tableOffset + ", maxTableEntries=" + maxTableEntries + ", blockSize=" + blockSize + "]";
    }
}
