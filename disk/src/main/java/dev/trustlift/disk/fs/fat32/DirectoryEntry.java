package dev.trustlift.disk.fs.fat32;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;

/**
 * A 32-byte short-name directory entry (Microsoft FAT specification 1.03, section 6). The
 * formatter only writes the root directory's volume-label entry, but the record reads any entry.
 */
public record DirectoryEntry(String shortName, int attributes, LocalDateTime created, LocalDateTime modified,
                             long firstCluster, long fileSize) {

    public static final int SIZE = 32;
    public static final int ATTR_READ_ONLY = 0x01;
    public static final int ATTR_HIDDEN = 0x02;
    public static final int ATTR_SYSTEM = 0x04;
    public static final int ATTR_VOLUME_ID = 0x08;
    public static final int ATTR_DIRECTORY = 0x10;
    public static final int ATTR_ARCHIVE = 0x20;

    private static final int OFF_NAME = 0;
    private static final int OFF_ATTR = 11;
    private static final int OFF_CREATE_TIME = 14;
    private static final int OFF_CREATE_DATE = 16;
    private static final int OFF_ACCESS_DATE = 18;
    private static final int OFF_CLUSTER_HIGH = 20;
    private static final int OFF_WRITE_TIME = 22;
    private static final int OFF_WRITE_DATE = 24;
    private static final int OFF_CLUSTER_LOW = 26;
    private static final int OFF_FILE_SIZE = 28;

    public static DirectoryEntry volumeLabel(VolumeLabel label, LocalDateTime when) {
        return new DirectoryEntry(label.padded(), ATTR_VOLUME_ID, when, when, 0, 0);
    }

    public static DirectoryEntry parse(ByteBuffer buf) {
        ByteBuffer b = buf.slice().order(ByteOrder.LITTLE_ENDIAN);
        byte[] name = new byte[11];
        b.get(OFF_NAME, name);
        long cluster = ((long) Short.toUnsignedInt(b.getShort(OFF_CLUSTER_HIGH)) << 16)
                | Short.toUnsignedInt(b.getShort(OFF_CLUSTER_LOW));
        return new DirectoryEntry(
                new String(name, StandardCharsets.ISO_8859_1),
                Byte.toUnsignedInt(b.get(OFF_ATTR)),
                DosTimestamp.decode(b.getShort(OFF_CREATE_DATE), b.getShort(OFF_CREATE_TIME)),
                DosTimestamp.decode(b.getShort(OFF_WRITE_DATE), b.getShort(OFF_WRITE_TIME)),
                cluster,
                Integer.toUnsignedLong(b.getInt(OFF_FILE_SIZE)));
    }

    /** Writes the 32 bytes of this entry at {@code buf}'s position, leaving the position unchanged. */
    public void writeTo(ByteBuffer buf) {
        ByteBuffer b = buf.slice().order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, new byte[SIZE]);
        byte[] name = (shortName + " ".repeat(11)).substring(0, 11).getBytes(StandardCharsets.ISO_8859_1);
        b.put(OFF_NAME, name);
        b.put(OFF_ATTR, (byte) attributes);
        b.putShort(OFF_CREATE_TIME, DosTimestamp.time(created));
        b.putShort(OFF_CREATE_DATE, DosTimestamp.date(created));
        b.putShort(OFF_ACCESS_DATE, DosTimestamp.date(modified));
        b.putShort(OFF_CLUSTER_HIGH, (short) (firstCluster >>> 16));
        b.putShort(OFF_WRITE_TIME, DosTimestamp.time(modified));
        b.putShort(OFF_WRITE_DATE, DosTimestamp.date(modified));
        b.putShort(OFF_CLUSTER_LOW, (short) firstCluster);
        b.putInt(OFF_FILE_SIZE, (int) fileSize);
    }
}
