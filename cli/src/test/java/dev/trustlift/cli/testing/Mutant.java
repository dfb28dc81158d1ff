package dev.trustlift.cli.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A seeded mutation of a disk image aimed at its metadata: byte flips, boundary integers written
 * over on-disk fields, and truncations. The description names what was changed, for reproduction.
 */
public record Mutant(String description, byte[] bytes) {

    /** A byte range worth mutating (an MBR, an EBR, a GPT header, a VHD footer), by name. */
    public record Region(String name, int from, int to) {
        public Region {
            if (from < 0 || to <= from) {
                throw new IllegalArgumentException("empty region " + name + " " + from + ".." + to);
            }
        }
    }

    private static final int[] BOUNDARY_INTS = {0, 1, -1, 0x7FFFFFFF, 0x80000000, 33, 34, 63, 2048, 0xFFFFFFFE};

    public static Mutant of(byte[] base, List<Region> regions, Random random) {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return truncated(base, random);
        }
        Region region = regions.get(random.nextInt(regions.size()));
        byte[] b = base.clone();
        if (kind <= 6) {
            int flips = 1 + random.nextInt(4);
            StringBuilder where = new StringBuilder();
            for (int i = 0; i < flips; i++) {
                int at = region.from() + random.nextInt(region.to() - region.from());
                int mask = 1 + random.nextInt(255);
                b[at] ^= (byte) mask;
                where.append(i == 0 ? "" : ",").append(at).append("^").append(mask);
            }
            return new Mutant("flip " + region.name() + " @" + where, b);
        }
        int at = region.from() + random.nextInt(Math.max(1, (region.to() - region.from()) / 4)) * 4;
        at = Math.min(at, region.to() - 4);
        int value = BOUNDARY_INTS[random.nextInt(BOUNDARY_INTS.length)];
        ByteOrder order = random.nextBoolean() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        ByteBuffer.wrap(b).order(order).putInt(at, value);
        return new Mutant("int " + region.name() + " @" + at + "=" + Integer.toUnsignedString(value) + " " + order, b);
    }

    private static Mutant truncated(byte[] base, Random random) {
        int cut = random.nextBoolean()
                ? random.nextInt(base.length / 512) * 512
                : random.nextInt(base.length);
        if (random.nextInt(4) == 0) {
            cut = base.length - 1 - random.nextInt(1024);
        }
        return new Mutant("truncate to " + Math.max(cut, 1), Arrays.copyOf(base, Math.max(cut, 1)));
    }
}
