package dev.trustlift.disk.fs.fat32;

import dev.trustlift.disk.io.CorruptImageException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The FAT32 boot sector with its BIOS parameter block (Microsoft FAT specification 1.03,
 * sections 3.1-3.3). Only the first 512 bytes carry fields, whatever the sector size.
 */
public record Fat32BootSector(
        String oemName,
        int bytesPerSector,
        int sectorsPerCluster,
        int reservedSectors,
        int fatCount,
        int mediaDescriptor,
        int sectorsPerTrack,
        int heads,
        long hiddenSectors,
        long totalSectors,
        long fatSectors,
        int extFlags,
        int fsVersion,
        long rootCluster,
        int fsInfoSector,
        int backupBootSector,
        int driveNumber,
        int reservedFlags,
        long volumeId,
        String volumeLabel,
        String fsType) {

    public static final int SIZE = 512;
    /** JMP short to offset 0x5A (just past the FAT32 BPB) followed by NOP. */
    public static final byte[] JUMP = {(byte) 0xEB, 0x58, (byte) 0x90};
    public static final String DEFAULT_OEM_NAME = "MSWIN4.1";
    public static final int MEDIA_FIXED_DISK = 0xF8;
    public static final int DRIVE_NUMBER_HARD_DISK = 0x80;
    public static final int EXTENDED_BOOT_SIGNATURE = 0x29;
    public static final String FS_TYPE = "FAT32   ";
    public static final String NO_NAME = "NO NAME    ";
    public static final int SIGNATURE_OFFSET = 510;
    public static final int SIGNATURE = 0xAA55;
    /** Where the jump lands: a halt loop, since an ESP is never booted through its boot sector. */
    public static final int BOOT_CODE_OFFSET = 0x5A;
    private static final byte[] HALT_LOOP = {(byte) 0xFA, (byte) 0xF4, (byte) 0xEB, (byte) 0xFD};

    private static final int OFF_OEM = 3;
    private static final int OFF_BYTES_PER_SECTOR = 11;
    private static final int OFF_SECTORS_PER_CLUSTER = 13;
    private static final int OFF_RESERVED_SECTORS = 14;
    private static final int OFF_FAT_COUNT = 16;
    private static final int OFF_ROOT_ENTRIES = 17;
    private static final int OFF_TOTAL_SECTORS_16 = 19;
    private static final int OFF_MEDIA = 21;
    private static final int OFF_FAT_SECTORS_16 = 22;
    private static final int OFF_SECTORS_PER_TRACK = 24;
    private static final int OFF_HEADS = 26;
    private static final int OFF_HIDDEN_SECTORS = 28;
    private static final int OFF_TOTAL_SECTORS_32 = 32;
    private static final int OFF_FAT_SECTORS_32 = 36;
    private static final int OFF_EXT_FLAGS = 40;
    private static final int OFF_FS_VERSION = 42;
    private static final int OFF_ROOT_CLUSTER = 44;
    private static final int OFF_FS_INFO = 48;
    private static final int OFF_BACKUP_BOOT = 50;
    private static final int OFF_DRIVE_NUMBER = 64;
    private static final int OFF_RESERVED_FLAGS = 65;
    private static final int OFF_BOOT_SIGNATURE = 66;
    private static final int OFF_VOLUME_ID = 67;
    private static final int OFF_VOLUME_LABEL = 71;
    private static final int OFF_FS_TYPE = 82;

    /** Reads a FAT32 boot sector from the first 512 bytes after {@code buf}'s position. */
    public static Fat32BootSector parse(ByteBuffer buf) throws CorruptImageException {
        ByteBuffer b = buf.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < SIZE) {
            throw new CorruptImageException("FAT32 boot sector needs " + SIZE + " bytes, got " + b.remaining());
        }
        int signature = Short.toUnsignedInt(b.getShort(SIGNATURE_OFFSET));
        if (signature != SIGNATURE) {
            throw new CorruptImageException(String.format(
                    "not a FAT boot sector: signature at offset 510 is 0x%04X, expected 0x%04X", signature, SIGNATURE));
        }
        int rootEntries = u16(b, OFF_ROOT_ENTRIES);
        int fat16Sectors = u16(b, OFF_FAT_SECTORS_16);
        if (rootEntries != 0 || fat16Sectors != 0) {
            throw new CorruptImageException("not FAT32: root entry count " + rootEntries
                    + " and 16-bit FAT size " + fat16Sectors + " must both be 0");
        }
        int bytesPerSector = u16(b, OFF_BYTES_PER_SECTOR);
        if (bytesPerSector < 512 || bytesPerSector > 4096 || Integer.bitCount(bytesPerSector) != 1) {
            throw new CorruptImageException("FAT32 bytes per sector is " + bytesPerSector + ", expected 512..4096, a power of two");
        }
        int spc = Byte.toUnsignedInt(b.get(OFF_SECTORS_PER_CLUSTER));
        if (spc == 0 || Integer.bitCount(spc) != 1) {
            throw new CorruptImageException("FAT32 sectors per cluster is " + spc + ", expected a power of two");
        }
        long total = Integer.toUnsignedLong(b.getInt(OFF_TOTAL_SECTORS_32));
        int total16 = u16(b, OFF_TOTAL_SECTORS_16);
        boolean extended = Byte.toUnsignedInt(b.get(OFF_BOOT_SIGNATURE)) == EXTENDED_BOOT_SIGNATURE;
        return new Fat32BootSector(
                ascii(b, OFF_OEM, 8),
                bytesPerSector,
                spc,
                u16(b, OFF_RESERVED_SECTORS),
                Byte.toUnsignedInt(b.get(OFF_FAT_COUNT)),
                Byte.toUnsignedInt(b.get(OFF_MEDIA)),
                u16(b, OFF_SECTORS_PER_TRACK),
                u16(b, OFF_HEADS),
                Integer.toUnsignedLong(b.getInt(OFF_HIDDEN_SECTORS)),
                total == 0 ? total16 : total,
                Integer.toUnsignedLong(b.getInt(OFF_FAT_SECTORS_32)),
                u16(b, OFF_EXT_FLAGS),
                u16(b, OFF_FS_VERSION),
                Integer.toUnsignedLong(b.getInt(OFF_ROOT_CLUSTER)),
                u16(b, OFF_FS_INFO),
                u16(b, OFF_BACKUP_BOOT),
                Byte.toUnsignedInt(b.get(OFF_DRIVE_NUMBER)),
                Byte.toUnsignedInt(b.get(OFF_RESERVED_FLAGS)),
                extended ? Integer.toUnsignedLong(b.getInt(OFF_VOLUME_ID)) : 0,
                extended ? ascii(b, OFF_VOLUME_LABEL, 11) : NO_NAME,
                extended ? ascii(b, OFF_FS_TYPE, 8) : FS_TYPE);
    }

    /** Writes the 512 bytes of this boot sector at {@code buf}'s position, leaving the position unchanged. */
    public void writeTo(ByteBuffer buf) {
        ByteBuffer b = buf.slice().order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, new byte[SIZE]);
        b.put(0, JUMP);
        putAscii(b, OFF_OEM, oemName, 8);
        b.putShort(OFF_BYTES_PER_SECTOR, (short) bytesPerSector);
        b.put(OFF_SECTORS_PER_CLUSTER, (byte) sectorsPerCluster);
        b.putShort(OFF_RESERVED_SECTORS, (short) reservedSectors);
        b.put(OFF_FAT_COUNT, (byte) fatCount);
        b.put(OFF_MEDIA, (byte) mediaDescriptor);
        b.putShort(OFF_SECTORS_PER_TRACK, (short) sectorsPerTrack);
        b.putShort(OFF_HEADS, (short) heads);
        b.putInt(OFF_HIDDEN_SECTORS, (int) hiddenSectors);
        b.putInt(OFF_TOTAL_SECTORS_32, (int) totalSectors);
        b.putInt(OFF_FAT_SECTORS_32, (int) fatSectors);
        b.putShort(OFF_EXT_FLAGS, (short) extFlags);
        b.putShort(OFF_FS_VERSION, (short) fsVersion);
        b.putInt(OFF_ROOT_CLUSTER, (int) rootCluster);
        b.putShort(OFF_FS_INFO, (short) fsInfoSector);
        b.putShort(OFF_BACKUP_BOOT, (short) backupBootSector);
        b.put(OFF_DRIVE_NUMBER, (byte) driveNumber);
        b.put(OFF_RESERVED_FLAGS, (byte) reservedFlags);
        b.put(OFF_BOOT_SIGNATURE, (byte) EXTENDED_BOOT_SIGNATURE);
        b.putInt(OFF_VOLUME_ID, (int) volumeId);
        putAscii(b, OFF_VOLUME_LABEL, volumeLabel, 11);
        putAscii(b, OFF_FS_TYPE, fsType, 8);
        b.put(BOOT_CODE_OFFSET, HALT_LOOP);
        b.putShort(SIGNATURE_OFFSET, (short) SIGNATURE);
    }

    /** First sector of the data area (cluster 2), relative to the start of the volume. */
    public long firstDataSector() {
        return reservedSectors + fatCount * fatSectors;
    }

    /** Number of data clusters, which is what makes a volume FAT32 (at least 65525). */
    public long clusterCount() {
        return (totalSectors - firstDataSector()) / sectorsPerCluster;
    }

    public int bytesPerCluster() {
        return bytesPerSector * sectorsPerCluster;
    }

    /** Sector (relative to the volume) where {@code cluster} starts. */
    public long clusterToSector(long cluster) {
        return firstDataSector() + (cluster - 2) * sectorsPerCluster;
    }

    private static int u16(ByteBuffer b, int off) {
        return Short.toUnsignedInt(b.getShort(off));
    }

    private static String ascii(ByteBuffer b, int off, int len) {
        byte[] bytes = new byte[len];
        b.get(off, bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static void putAscii(ByteBuffer b, int off, String s, int len) {
        byte[] bytes = new byte[len];
        java.util.Arrays.fill(bytes, (byte) ' ');
        byte[] src = s.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(src, 0, bytes, 0, Math.min(len, src.length));
        b.put(off, bytes);
    }
}
