package dev.trustlift.disk.container;

/**
 * The bitmap in front of each dynamic VHD block: one bit per 512-byte sector, most significant
 * bit first, set when the sector holds data. A clear bit reads as zeros whatever the block holds.
 */
final class SectorBitmap {
    private final byte[] bits;

    SectorBitmap(byte[] bits) {
        this.bits = bits;
    }

    static SectorBitmap empty(int bytes) {
        return new SectorBitmap(new byte[bytes]);
    }

    boolean isSet(long sector) {
        return (bits[(int) (sector >>> 3)] & (0x80 >>> (sector & 7))) != 0;
    }

    /**
     * Sets the bits of {@code count} sectors from {@code first}; returns the byte range
     * {from, to} that changed, or null when every bit was already set (nothing to write).
     */
    int[] set(long first, long count) {
        int from = Integer.MAX_VALUE;
        int to = -1;
        for (long s = first; s < first + count; s++) {
            int index = (int) (s >>> 3);
            int mask = 0x80 >>> (s & 7);
            if ((bits[index] & mask) == 0) {
                bits[index] |= (byte) mask;
                from = Math.min(from, index);
                to = Math.max(to, index + 1);
            }
        }
        return to < 0 ? null : new int[] {from, to};
    }

    /** Number of sectors from {@code first} (at most {@code max}) whose bit equals that of {@code first}. */
    long runLength(long first, long max) {
        boolean value = isSet(first);
        long n = 1;
        while (n < max && isSet(first + n) == value) {
            n++;
        }
        return n;
    }

    byte[] bytes() {
        return bits;
    }
}
