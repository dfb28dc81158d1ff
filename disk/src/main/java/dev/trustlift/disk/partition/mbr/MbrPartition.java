package dev.trustlift.disk.partition.mbr;

import dev.trustlift.disk.partition.Extent;

/**
 * A partition of an MBR disk as tools number it: primaries 1-4 by slot, logicals 5, 6, ... in
 * chain order. Extents are absolute LBAs.
 */
public record MbrPartition(int number, Kind kind, int type, Extent extent, boolean active) {
    public enum Kind { PRIMARY, EXTENDED, LOGICAL }

    public boolean isData() {
        return kind != Kind.EXTENDED;
    }
}
