package dev.trustlift.disk.partition.gpt;

import dev.trustlift.disk.partition.Extent;
import dev.trustlift.disk.partition.Guid;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One 128-byte partition entry: type GUID, unique GUID, first and last LBA (inclusive),
 * attribute bits, and a name of up to 36 UTF-16LE code units (zero padded).
 */
public record GptEntry(Guid type, Guid unique, long firstLba, long lastLba, long attributes, String name) {
    public static final int BYTES = 128;
    public static final int NAME_UNITS = 36;
    public static final GptEntry UNUSED = new GptEntry(Guid.ZERO, Guid.ZERO, 0, 0, 0, "");

    public GptEntry {
        if (name.length() > NAME_UNITS) {
            throw new IllegalArgumentException("GPT partition names hold at most 36 UTF-16 units: " + name);
        }
    }

    /** Reads one entry at the buffer's position and advances past {@code entrySize} bytes. */
    public static GptEntry parse(ByteBuffer src, int entrySize) {
        int start = src.position();
        ByteBuffer le = src.order(ByteOrder.LITTLE_ENDIAN);
        Guid type = Guid.parse(le);
        Guid unique = Guid.parse(le);
        long first = le.getLong();
        long last = le.getLong();
        long attributes = le.getLong();
        byte[] raw = new byte[NAME_UNITS * 2];
        le.get(raw);
        String name = new String(raw, StandardCharsets.UTF_16LE);
        int nul = name.indexOf('\0');
        src.position(start + entrySize);
        return new GptEntry(type, unique, first, last, attributes, nul < 0 ? name : name.substring(0, nul));
    }

    public void writeTo(ByteBuffer dst) {
        ByteBuffer le = dst.order(ByteOrder.LITTLE_ENDIAN);
        type.writeTo(le);
        unique.writeTo(le);
        le.putLong(firstLba);
        le.putLong(lastLba);
        le.putLong(attributes);
        byte[] raw = new byte[NAME_UNITS * 2];
        byte[] encoded = name.getBytes(StandardCharsets.UTF_16LE);
        System.arraycopy(encoded, 0, raw, 0, encoded.length);
        le.put(raw);
    }

    public boolean isUsed() {
        return !type.isZero();
    }

    public Extent extent() {
        return new Extent(firstLba, lastLba);
    }
}
