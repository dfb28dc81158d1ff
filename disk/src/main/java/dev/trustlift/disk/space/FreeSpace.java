package dev.trustlift.disk.space;

import dev.trustlift.disk.partition.Extent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The gaps between partitions inside a usable range, in disk order. */
public final class FreeSpace {
    private FreeSpace() {
    }

    public static List<Extent> gaps(Extent usable, List<Extent> used) {
        List<Extent> sorted = used.stream().sorted().toList();
        List<Extent> gaps = new ArrayList<>();
        long next = usable.first();
        for (Extent e : sorted) {
            if (e.first() > next && next <= usable.last()) {
                gaps.add(new Extent(next, Math.min(e.first() - 1, usable.last())));
            }
            next = Math.max(next, e.last() + 1);
        }
        if (next <= usable.last()) {
            gaps.add(new Extent(next, usable.last()));
        }
        return gaps;
    }

    /** The first {@code sectors}-long run starting on an {@code alignment} boundary inside a gap, if any. */
    public static Optional<Extent> firstFit(List<Extent> gaps, long sectors, long alignment) {
        for (Extent gap : gaps) {
            long start = (gap.first() + alignment - 1) / alignment * alignment;
            if (start + sectors - 1 <= gap.last()) {
                return Optional.of(Extent.ofLength(start, sectors));
            }
        }
        return Optional.empty();
    }

    /** The largest aligned run any gap offers, in sectors (0 when none). */
    public static long largestAligned(List<Extent> gaps, long alignment) {
        long best = 0;
        for (Extent gap : gaps) {
            long start = (gap.first() + alignment - 1) / alignment * alignment;
            best = Math.max(best, gap.last() - start + 1);
        }
        return best;
    }
}
