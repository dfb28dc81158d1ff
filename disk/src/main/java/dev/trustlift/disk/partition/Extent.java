package dev.trustlift.disk.partition;

/** A run of sectors from {@code first} to {@code last}, both inclusive, as partition tables count. */
public record Extent(long first, long last) implements Comparable<Extent> {
    public Extent {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("bad extent " + first + ".." + last);
        }
    }

    public static Extent ofLength(long first, long sectors) {
        return new Extent(first, first + sectors - 1);
    }

    public long sectors() {
        return last - first + 1;
    }

    public boolean overlaps(Extent other) {
        return first <= other.last && other.first <= last;
    }

    public boolean contains(Extent other) {
        return first <= other.first && other.last <= last;
    }

    @Override
    public int compareTo(Extent o) {
        return first != o.first ? Long.compare(first, o.first) : Long.compare(last, o.last);
    }

    @Override
    public String toString() {
        return first + ".." + last;
    }
}
