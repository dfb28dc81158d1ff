package dev.trustlift.cli.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Writes MBR and EBR sectors byte by byte, for layouts sfdisk refuses to make (overlaps, loops).
 * Independent of the disk module on purpose: the inputs must not come from the code under test.
 */
public final class RawMbr {
    public static final int SECTOR = 512;
    private static final int TABLE_OFFSET = 446;
    private static final int RECORD_SIZE = 16;
    private static final int STATUS = 0;
    private static final int TYPE = 4;
    private static final int FIRST_LBA = 8;
    private static final int SECTORS = 12;
    private static final int SIGNATURE_OFFSET = 510;
    private static final short SIGNATURE = (short) 0xAA55;
    private static final int ACTIVE = 0x80;

    /** One 16-byte partition record; CHS fields stay zero (every modern reader uses the LBA fields). */
    public record Record(boolean active, int type, long firstLba, long sectors) {
    }

    private RawMbr() {
    }

    /** A boot sector (MBR or EBR) holding up to four records, with the 0x55AA signature. */
    public static byte[] sector(List<Record> records) {
        if (records.size() > 4) {
            throw new IllegalArgumentException("a boot sector holds four records, not " + records.size());
        }
        ByteBuffer b = ByteBuffer.allocate(SECTOR).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < records.size(); i++) {
            Record r = records.get(i);
            int at = TABLE_OFFSET + i * RECORD_SIZE;
            b.put(at + STATUS, (byte) (r.active() ? ACTIVE : 0));
            b.put(at + TYPE, (byte) r.type());
            b.putInt(at + FIRST_LBA, (int) r.firstLba());
            b.putInt(at + SECTORS, (int) r.sectors());
        }
        b.putShort(SIGNATURE_OFFSET, SIGNATURE);
        return b.array();
    }
}
