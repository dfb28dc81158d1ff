package dev.trustlift.disk.partition.mbr;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * The 512 bytes at LBA 0 (and the same layout in every EBR): 440 bytes of boot code, the disk
 * signature, two reserved bytes, four partition entries and the 0x55AA boot signature. On a
 * 4Kn disk the structure is still 512 bytes at the start of sector 0.
 */
public record MasterBootRecord(byte[] bootCode, long diskSignature, int reserved, List<MbrPartitionEntry> entries,
                               int bootSignature) {
    public static final int BYTES = 512;
    public static final int BOOT_CODE_BYTES = 440;
    public static final int ENTRY_COUNT = 4;
    public static final int BOOT_SIGNATURE = 0xAA55;

    public MasterBootRecord {
        if (bootCode.length != BOOT_CODE_BYTES || entries.size() != ENTRY_COUNT) {
            throw new IllegalArgumentException("an MBR has 440 bytes of boot code and 4 entries");
        }
        bootCode = bootCode.clone();
        entries = List.copyOf(entries);
    }

    public static MasterBootRecord of(byte[] bootCode, long diskSignature, List<MbrPartitionEntry> entries) {
        return new MasterBootRecord(bootCode, diskSignature, 0, entries, BOOT_SIGNATURE);
    }

    public static MasterBootRecord parse(ByteBuffer src) {
        ByteBuffer le = src.order(ByteOrder.LITTLE_ENDIAN);
        byte[] code = new byte[BOOT_CODE_BYTES];
        le.get(code);
        long signature = Integer.toUnsignedLong(le.getInt());
        int reserved = Short.toUnsignedInt(le.getShort());
        MbrPartitionEntry[] entries = new MbrPartitionEntry[ENTRY_COUNT];
        for (int i = 0; i < ENTRY_COUNT; i++) {
            entries[i] = MbrPartitionEntry.parse(le);
        }
        int bootSignature = Short.toUnsignedInt(le.getShort());
        return new MasterBootRecord(code, signature, reserved, Arrays.asList(entries), bootSignature);
    }

    public void writeTo(ByteBuffer dst) {
        ByteBuffer le = dst.order(ByteOrder.LITTLE_ENDIAN);
        le.put(bootCode);
        le.putInt((int) diskSignature);
        le.putShort((short) reserved);
        entries.forEach(e -> e.writeTo(le));
        le.putShort((short) bootSignature);
    }

    public ByteBuffer toBytes() {
        ByteBuffer buf = ByteBuffer.allocate(BYTES);
        writeTo(buf);
        return buf.flip();
    }

    public boolean hasBootSignature() {
        return bootSignature == BOOT_SIGNATURE;
    }

    @Override
    public byte[] bootCode() {
        return bootCode.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MasterBootRecord m && toBytes().equals(m.toBytes());
    }

    @Override
    public int hashCode() {
        return toBytes().hashCode();
    }
}
