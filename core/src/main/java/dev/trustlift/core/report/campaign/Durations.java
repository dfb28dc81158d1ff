package dev.trustlift.core.report.campaign;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** How times and durations read in every campaign format: seconds as numbers for machines, "1h 02m 03s" for people. */
public final class Durations {
    private Durations() {
    }

    /** Seconds with millisecond precision and no trailing zeros (30, 30.5, 0.125). */
    public static BigDecimal seconds(Duration d) {
        BigDecimal s = BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    /** "850 ms", "42s", "3m 05s", "1h 02m 03s". */
    public static String human(Duration d) {
        if (d.isNegative()) {
            return "-" + human(d.negated());
        }
        if (d.toMillis() < 1000) {
            return d.toMillis() + " ms";
        }
        long s = d.getSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(java.util.Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        return String.format(java.util.Locale.ROOT, "%dh %02dm %02ds", s / 3600, (s % 3600) / 60, s % 60);
    }

    /** An instant to the second, ISO-8601 UTC; "" for none. */
    public static String time(Instant t) {
        return t == null ? "" : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
