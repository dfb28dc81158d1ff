package dev.trustlift.disk.container;

import java.nio.ByteBuffer;

/** The VHD checksum: one's complement of the sum of all bytes, taken with the checksum field zeroed. */
final class VhdChecksum {
    private VhdChecksum() {
    }

    /** Checksum of {@code length} bytes of {@code b} from index 0, treating 4 bytes at {@code fieldOffset} as zero. */
    static int compute(ByteBuffer b, int length, int fieldOffset) {
        int sum = 0;
        for (int i = 0; i < length; i++) {
            if (i >= fieldOffset && i < fieldOffset + 4) {
                continue;
            }
            sum += Byte.toUnsignedInt(b.get(i));
        }
        return ~sum;
    }
}
