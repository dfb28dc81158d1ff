package dev.trustlift.disk.partition;

import java.util.Locale;

/** Sizes the way people read them in partition listings: MiB/GiB with one decimal. */
public final class Sizes {
    public static final long MIB = 1024L * 1024;

    private Sizes() {
    }

    public static String human(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** Whole MiB needed to hold {@code bytes}, rounded up. */
    public static long mibCeil(long bytes) {
        return (bytes + MIB - 1) / MIB;
    }

    /** Sectors in one MiB: the alignment every modern partitioning tool uses. */
    public static long sectorsPerMib(int sectorSize) {
        return MIB / sectorSize;
    }
}
