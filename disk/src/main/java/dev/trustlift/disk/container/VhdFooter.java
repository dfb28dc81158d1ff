package dev.trustlift.disk.container;

import dev.trustlift.disk.io.CorruptImageException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The 512-byte VHD footer ("hard disk footer" in the VHD specification), big-endian. It ends
 * every VHD; dynamic VHDs also keep a copy at offset 0.
 */
public record VhdFooter(
        int features,
        int formatVersion,
        long dataOffset,
        Instant timestamp,
        String creatorApplication,
        int creatorVersion,
        String creatorHostOs,
        long originalSize,
        long currentSize,
        VhdGeometry geometry,
        VhdDiskType diskType,
        UUID uniqueId,
        boolean savedState) {

    public static final int SIZE = 512;
    public static final String COOKIE = "conectix";
    /** Bit 1 of the features field is "reserved, must always be set". */
    public static final int FEATURES_RESERVED = 0x00000002;
    public static final int FORMAT_VERSION = 0x00010000;
    /** Fixed disks have no further structure: the data offset is all ones. */
    public static final long NO_DATA_OFFSET = 0xFFFFFFFFFFFFFFFFL;
    /** VHD timestamps count seconds from 2000-01-01T00:00:00Z. */
    public static final Instant EPOCH = Instant.parse("2000-01-01T00:00:00Z");
    /**
     * Readers choose between the CHS geometry and the current size by creator application;
     * "win " (Hyper-V) makes qemu and others use the current size, which is what Azure does.
     */
    public static final String CREATOR_APPLICATION = "win ";
    public static final int CREATOR_VERSION = 0x000A0000;
    public static final String CREATOR_HOST_OS = "Wi2k";

    private static final int OFF_COOKIE = 0;
    private static final int OFF_FEATURES = 8;
    private static final int OFF_VERSION = 12;
    private static final int OFF_DATA_OFFSET = 16;
    private static final int OFF_TIMESTAMP = 24;
    private static final int OFF_CREATOR_APP = 28;
    private static final int OFF_CREATOR_VERSION = 32;
    private static final int OFF_CREATOR_OS = 36;
    private static final int OFF_ORIGINAL_SIZE = 40;
    private static final int OFF_CURRENT_SIZE = 48;
    private static final int OFF_CYLINDERS = 56;
    private static final int OFF_HEADS = 58;
    private static final int OFF_SECTORS = 59;
    private static final int OFF_DISK_TYPE = 60;
    static final int OFF_CHECKSUM = 64;
    private static final int OFF_UNIQUE_ID = 68;
    private static final int OFF_SAVED_STATE = 84;

    /** A footer for a new disk of {@code size} bytes, as trustlift creates them. */
    public static VhdFooter create(VhdDiskType type, long size, Instant now) {
        return new VhdFooter(FEATURES_RESERVED, FORMAT_VERSION,
                type == VhdDiskType.FIXED ? NO_DATA_OFFSET : DynamicHeader.FILE_OFFSET,
                now, CREATOR_APPLICATION, CREATOR_VERSION, CREATOR_HOST_OS, size, size,
                VhdGeometry.forSize(size), type, UUID.randomUUID(), false);
    }

    /** True when the 8 bytes at {@code buf}'s position are the footer cookie (no other check). */
    public static boolean hasCookie(ByteBuffer buf) {
        return buf.remaining() >= SIZE && COOKIE.equals(ascii(buf.slice(), OFF_COOKIE, 8));
    }

    /**
     * Parses and verifies a footer read from byte {@code fileOffset} of an image (the offset
     * only makes messages precise). A wrong cookie, checksum or disk type is a CorruptImageException.
     */
    public static VhdFooter parse(ByteBuffer buf, long fileOffset) throws CorruptImageException {
        ByteBuffer b = buf.slice().order(ByteOrder.BIG_ENDIAN);
        if (b.remaining() < SIZE) {
            throw new CorruptImageException("VHD footer at offset " + fileOffset + " is cut short: " + b.remaining()
                    + " of " + SIZE + " bytes");
        }
        String cookie = ascii(b, OFF_COOKIE, 8);
        if (!COOKIE.equals(cookie)) {
            throw new CorruptImageException("VHD footer at offset " + fileOffset + " has cookie \"" + printable(cookie)
                    + "\", expected \"" + COOKIE + "\"");
        }
        int stored = b.getInt(OFF_CHECKSUM);
        int computed = VhdChecksum.compute(b, SIZE, OFF_CHECKSUM);
        if (stored != computed) {
            throw new CorruptImageException(String.format(
                    "VHD footer checksum mismatch at offset %d: stored 0x%08X computed 0x%08X", fileOffset, stored, computed));
        }
        int typeCode = b.getInt(OFF_DISK_TYPE);
        VhdDiskType type = VhdDiskType.fromCode(typeCode);
        if (type == null) {
            throw new CorruptImageException("VHD footer at offset " + fileOffset + " has disk type " + typeCode
                    + "; expected 2 (fixed), 3 (dynamic) or 4 (differencing)");
        }
        long currentSize = b.getLong(OFF_CURRENT_SIZE);
        if (currentSize <= 0 || currentSize % 512 != 0) {
            throw new CorruptImageException("VHD footer at offset " + fileOffset + " has current size " + currentSize
                    + ", not a positive multiple of 512 bytes");
        }
        byte[] uuid = new byte[16];
        b.get(OFF_UNIQUE_ID, uuid);
        ByteBuffer u = ByteBuffer.wrap(uuid);
        return new VhdFooter(
                b.getInt(OFF_FEATURES),
                b.getInt(OFF_VERSION),
                b.getLong(OFF_DATA_OFFSET),
                EPOCH.plusSeconds(Integer.toUnsignedLong(b.getInt(OFF_TIMESTAMP))),
                ascii(b, OFF_CREATOR_APP, 4),
                b.getInt(OFF_CREATOR_VERSION),
                ascii(b, OFF_CREATOR_OS, 4),
                b.getLong(OFF_ORIGINAL_SIZE),
                currentSize,
                new VhdGeometry(Short.toUnsignedInt(b.getShort(OFF_CYLINDERS)), Byte.toUnsignedInt(b.get(OFF_HEADS)),
                        Byte.toUnsignedInt(b.get(OFF_SECTORS))),
                type,
                new UUID(u.getLong(), u.getLong()),
                b.get(OFF_SAVED_STATE) != 0);
    }

    /** Writes the 512 bytes, checksum included, at {@code buf}'s position, leaving the position unchanged. */
    public void writeTo(ByteBuffer buf) {
        ByteBuffer b = buf.slice().order(ByteOrder.BIG_ENDIAN);
        b.put(0, new byte[SIZE]);
        b.put(OFF_COOKIE, COOKIE.getBytes(StandardCharsets.US_ASCII));
        b.putInt(OFF_FEATURES, features);
        b.putInt(OFF_VERSION, formatVersion);
        b.putLong(OFF_DATA_OFFSET, dataOffset);
        b.putInt(OFF_TIMESTAMP, (int) (timestamp.getEpochSecond() - EPOCH.getEpochSecond()));
        putAscii(b, OFF_CREATOR_APP, creatorApplication, 4);
        b.putInt(OFF_CREATOR_VERSION, creatorVersion);
        putAscii(b, OFF_CREATOR_OS, creatorHostOs, 4);
        b.putLong(OFF_ORIGINAL_SIZE, originalSize);
        b.putLong(OFF_CURRENT_SIZE, currentSize);
        b.putShort(OFF_CYLINDERS, (short) geometry.cylinders());
        b.put(OFF_HEADS, (byte) geometry.heads());
        b.put(OFF_SECTORS, (byte) geometry.sectorsPerTrack());
        b.putInt(OFF_DISK_TYPE, diskType.code());
        b.putLong(OFF_UNIQUE_ID, uniqueId.getMostSignificantBits());
        b.putLong(OFF_UNIQUE_ID + 8, uniqueId.getLeastSignificantBits());
        b.put(OFF_SAVED_STATE, (byte) (savedState ? 1 : 0));
        b.putInt(OFF_CHECKSUM, VhdChecksum.compute(b, SIZE, OFF_CHECKSUM));
    }

    public ByteBuffer toBuffer() {
        ByteBuffer buf = ByteBuffer.allocate(SIZE);
        writeTo(buf);
        return buf;
    }

    /**
     * The same disk at a new size: current size and geometry change, the original size stays.
     * The creator becomes ours ("win "): a whole-MiB size rarely equals a CHS product, and readers
     * that trust CHS for "qemu"/"vpc " images would otherwise see a smaller disk than Azure does.
     */
    public VhdFooter resized(long newSize) {
        return new VhdFooter(features, formatVersion, dataOffset, timestamp, CREATOR_APPLICATION, CREATOR_VERSION,
                CREATOR_HOST_OS, originalSize, newSize, VhdGeometry.forSize(newSize), diskType, uniqueId, savedState);
    }

    private static String ascii(ByteBuffer b, int off, int len) {
        byte[] bytes = new byte[len];
        b.get(off, bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static void putAscii(ByteBuffer b, int off, String s, int len) {
        byte[] src = s.getBytes(StandardCharsets.ISO_8859_1);
        b.put(off, src, 0, Math.min(len, src.length));
    }

    /** Shows a damaged cookie without control characters breaking the one-line message. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\x%02X", (int) c));
        }
        return sb.toString();
    }
}
