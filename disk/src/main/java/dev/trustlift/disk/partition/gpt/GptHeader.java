package dev.trustlift.disk.partition.gpt;

import dev.trustlift.disk.partition.Guid;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The GPT header (UEFI 2.11 §5.3.2), little-endian: signature "EFI PART", revision 1.0, header
 * size 92, header CRC32, MyLBA, AlternateLBA, usable range, disk GUID, entry array location,
 * geometry and CRC32. The rest of its sector is zero.
 */
public record GptHeader(int revision, int headerSize, int headerCrc, long myLba, long alternateLba,
                        long firstUsableLba, long lastUsableLba, Guid diskGuid, long entriesLba, int entryCount,
                        int entrySize, int entriesCrc) {
    public static final byte[] SIGNATURE = "EFI PART".getBytes(StandardCharsets.US_ASCII);
    public static final int REVISION_1_0 = 0x00010000;
    public static final int HEADER_SIZE = 92;
    /** Offset of the HeaderCRC32 field, zeroed while the CRC is computed. */
    private static final int CRC_OFFSET = 16;

    /** True when {@code sector} starts with "EFI PART". */
    public static boolean hasSignature(ByteBuffer sector) {
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (sector.get(sector.position() + i) != SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    public static GptHeader parse(ByteBuffer src) {
        ByteBuffer le = src.order(ByteOrder.LITTLE_ENDIAN);
        le.position(le.position() + SIGNATURE.length);
        int revision = le.getInt();
        int headerSize = le.getInt();
        int crc = le.getInt();
        le.getInt(); // reserved
        long my = le.getLong();
        long alternate = le.getLong();
        long firstUsable = le.getLong();
        long lastUsable = le.getLong();
        Guid disk = Guid.parse(le);
        long entries = le.getLong();
        int count = le.getInt();
        int size = le.getInt();
        int entriesCrc = le.getInt();
        return new GptHeader(revision, headerSize, crc, my, alternate, firstUsable, lastUsable, disk, entries, count,
                size, entriesCrc);
    }

    /** Writes the 92 header bytes as they are (CRC field included). */
    public void writeTo(ByteBuffer dst) {
        ByteBuffer le = dst.order(ByteOrder.LITTLE_ENDIAN);
        le.put(SIGNATURE);
        le.putInt(revision);
        le.putInt(HEADER_SIZE);
        le.putInt(headerCrc);
        le.putInt(0);
        le.putLong(myLba);
        le.putLong(alternateLba);
        le.putLong(firstUsableLba);
        le.putLong(lastUsableLba);
        diskGuid.writeTo(le);
        le.putLong(entriesLba);
        le.putInt(entryCount);
        le.putInt(entrySize);
        le.putInt(entriesCrc);
    }

    /** The header as one zero-padded sector. */
    public ByteBuffer toSector(int sectorSize) {
        ByteBuffer buf = ByteBuffer.allocate(sectorSize);
        writeTo(buf);
        return buf.clear();
    }

    /** This header with its HeaderCRC32 recomputed (it covers the other fields, so set it last). */
    public GptHeader withComputedCrc() {
        ByteBuffer buf = ByteBuffer.allocate(HEADER_SIZE);
        new GptHeader(revision, HEADER_SIZE, 0, myLba, alternateLba, firstUsableLba, lastUsableLba, diskGuid,
                entriesLba, entryCount, entrySize, entriesCrc).writeTo(buf);
        return new GptHeader(revision, HEADER_SIZE, crc32(buf.array(), HEADER_SIZE), myLba, alternateLba,
                firstUsableLba, lastUsableLba, diskGuid, entriesLba, entryCount, entrySize, entriesCrc);
    }

    /**
     * The backup header for this primary: MyLBA and AlternateLBA swapped, entries just before the
     * backup header, same everything else, CRC recomputed. The one place the backup is derived.
     */
    public GptHeader backup(int sectorSize) {
        long arraySectors = GptGeometry.arraySectors(Integer.toUnsignedLong(entryCount), entrySize, sectorSize);
        return new GptHeader(revision, HEADER_SIZE, 0, alternateLba, myLba, firstUsableLba, lastUsableLba, diskGuid,
                alternateLba - arraySectors, entryCount, entrySize, entriesCrc).withComputedCrc();
    }

    public long arrayBytes() {
        return Integer.toUnsignedLong(entryCount) * Integer.toUnsignedLong(entrySize);
    }

    /** The CRC32 a header sector should carry: over HeaderSize bytes with the CRC field zeroed. */
    public static int computeCrc(ByteBuffer sector, int headerSize) {
        byte[] copy = new byte[headerSize];
        sector.get(sector.position(), copy);
        for (int i = 0; i < 4; i++) {
            copy[CRC_OFFSET + i] = 0;
        }
        return crc32(copy, headerSize);
    }

    public static int crc32(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }
}
