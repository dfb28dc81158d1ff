package dev.trustlift.disk.partition.mbr;

import dev.trustlift.disk.partition.Extent;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One 16-byte MBR partition record: status (0x80 active), start CHS, type, end CHS, start LBA
 * and sector count (both unsigned 32-bit little-endian). In an EBR the start LBA is relative.
 */
public record MbrPartitionEntry(int status, Chs startChs, int type, Chs endChs, long startLba, long sectors) {
    public static final int BYTES = 16;
    public static final int STATUS_ACTIVE = 0x80;
    public static final long MAX_U32 = 0xFFFFFFFFL;
    public static final MbrPartitionEntry EMPTY = new MbrPartitionEntry(0, new Chs(0, 0, 0), 0, new Chs(0, 0, 0), 0, 0);

    /** An entry with CHS derived from the LBA fields; {@code absoluteStart} is the LBA on disk for the CHS. */
    public static MbrPartitionEntry of(boolean active, int type, long startLba, long sectors, long absoluteStart) {
        if (startLba > MAX_U32 || sectors > MAX_U32) {
            throw new IllegalArgumentException("an MBR cannot address LBA " + startLba + " + " + sectors + " sectors");
        }
        return new MbrPartitionEntry(active ? STATUS_ACTIVE : 0, Chs.ofLba(absoluteStart), type,
                Chs.ofLba(absoluteStart + sectors - 1), startLba, sectors);
    }

    public static MbrPartitionEntry parse(ByteBuffer src) {
        ByteBuffer le = src.order(ByteOrder.LITTLE_ENDIAN);
        int status = Byte.toUnsignedInt(le.get());
        Chs start = Chs.parse(le);
        int type = Byte.toUnsignedInt(le.get());
        Chs end = Chs.parse(le);
        long lba = Integer.toUnsignedLong(le.getInt());
        long count = Integer.toUnsignedLong(le.getInt());
        return new MbrPartitionEntry(status, start, type, end, lba, count);
    }

    public void writeTo(ByteBuffer dst) {
        ByteBuffer le = dst.order(ByteOrder.LITTLE_ENDIAN);
        le.put((byte) status);
        startChs.writeTo(le);
        le.put((byte) type);
        endChs.writeTo(le);
        le.putInt((int) startLba);
        le.putInt((int) sectors);
    }

    /** An unused slot: type 0 (sfdisk and gdisk also ignore entries with no sectors). */
    public boolean isUsed() {
        return type != 0 && sectors != 0;
    }

    public boolean isActive() {
        return status == STATUS_ACTIVE;
    }

    /** The sectors this entry covers, with its start taken relative to {@code base}. */
    public Extent extent(long base) {
        return Extent.ofLength(base + startLba, sectors);
    }
}
