package dev.trustlift.disk.partition;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * A GUID as GPT stores it: the first three fields little-endian, the last eight bytes as
 * written (C12A7328-F81F-11D2-BA4B-00A0C93EC93B is 28 73 2A C1 1F F8 D2 11 BA 4B 00 A0 C9 3E C9 3B).
 * Kept as a UUID in its textual order so equality and printing are the usual ones.
 */
public record Guid(UUID value) {
    public static final int BYTES = 16;
    public static final Guid ZERO = new Guid(new UUID(0, 0));

    public static Guid of(String text) {
        return new Guid(UUID.fromString(text));
    }

    /** A version-4 GUID from {@code random}, so tests can inject a seeded source. */
    public static Guid random(Random random) {
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new Guid(new UUID(msb, lsb));
    }

    /** Reads 16 bytes at the buffer's position in GPT's mixed-endian layout. */
    public static Guid parse(ByteBuffer src) {
        ByteBuffer le = src.slice(src.position(), BYTES).order(ByteOrder.LITTLE_ENDIAN);
        long data1 = Integer.toUnsignedLong(le.getInt(0));
        long data2 = Short.toUnsignedLong(le.getShort(4));
        long data3 = Short.toUnsignedLong(le.getShort(6));
        long data4 = le.order(ByteOrder.BIG_ENDIAN).getLong(8);
        src.position(src.position() + BYTES);
        return new Guid(new UUID((data1 << 32) | (data2 << 16) | data3, data4));
    }

    /** Writes 16 bytes at the buffer's position in GPT's mixed-endian layout. */
    public void writeTo(ByteBuffer dst) {
        long msb = value.getMostSignificantBits();
        ByteBuffer le = dst.slice(dst.position(), BYTES).order(ByteOrder.LITTLE_ENDIAN);
        le.putInt(0, (int) (msb >>> 32));
        le.putShort(4, (short) (msb >>> 16));
        le.putShort(6, (short) msb);
        le.order(ByteOrder.BIG_ENDIAN).putLong(8, value.getLeastSignificantBits());
        dst.position(dst.position() + BYTES);
    }

    public boolean isZero() {
        return equals(ZERO);
    }

    @Override
    public String toString() {
        return value.toString().toUpperCase(Locale.ROOT);
    }
}
