package dev.trustlift.disk.partition.mbr;

import java.nio.ByteBuffer;

/**
 * A cylinder/head/sector address as the 3 bytes of an MBR entry hold it. Only BIOSes of the
 * 1990s read it; we write the usual 255-head, 63-sector translation, and the maximum
 * (1023/254/63, bytes FE FF FF) for addresses beyond it, as fdisk and gdisk do.
 */
public record Chs(int cylinder, int head, int sector) {
    public static final int BYTES = 3;
    private static final int HEADS = 255;
    private static final int SECTORS_PER_TRACK = 63;
    public static final Chs MAX = new Chs(1023, 254, 63);
    /** Bytes FF FF FF: what UEFI asks a protective MBR to hold when the last LBA has no CHS form. */
    public static final Chs UNREPRESENTABLE = new Chs(1023, 255, 63);

    public static Chs ofLba(long lba) {
        long cylinder = lba / (HEADS * SECTORS_PER_TRACK);
        if (cylinder > 1023) {
            return MAX;
        }
        int head = (int) ((lba / SECTORS_PER_TRACK) % HEADS);
        int sector = (int) (lba % SECTORS_PER_TRACK) + 1;
        return new Chs((int) cylinder, head, sector);
    }

    public static Chs parse(ByteBuffer src) {
        int head = Byte.toUnsignedInt(src.get());
        int sectorAndHighCylinder = Byte.toUnsignedInt(src.get());
        int lowCylinder = Byte.toUnsignedInt(src.get());
        return new Chs(((sectorAndHighCylinder & 0xC0) << 2) | lowCylinder, head, sectorAndHighCylinder & 0x3F);
    }

    public void writeTo(ByteBuffer dst) {
        dst.put((byte) head);
        dst.put((byte) ((sector & 0x3F) | ((cylinder >> 2) & 0xC0)));
        dst.put((byte) cylinder);
    }

    @Override
    public String toString() {
        return cylinder + "/" + head + "/" + sector;
    }
}
