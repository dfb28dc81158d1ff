package dev.trustlift.cli.progress;

import dev.trustlift.core.progress.ProgressListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a fleet run on stderr (stdout carries the report): on a terminal one bar redrawn in
 * place with {@code \r} (count/total, rate, ETA), at most ten times a second; otherwise (a pipe, a
 * CI log) a plain line every {@code interval}, so a log shows the run is alive without a line per
 * VM. A run shorter than the interval prints nothing in plain mode, and the bar is wiped at the
 * end, so short runs keep stderr clean.
 */
public final class ProgressMeter implements ProgressListener<Object> {
    /** How often a plain line is written; the system property lets tests and slow logs change it. */
    public static final String INTERVAL_PROPERTY = "trustlift.progress.interval";
    private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int BAR_WIDTH = 24;

    private final String what;
    private final PrintWriter err;
    private final boolean terminal;
    private final LongSupplier nanoTime;
    private final long intervalNanos;
    private final long startNanos;
    private long lastDrawNanos;
    private int done;
    private int total;
    private boolean drawn;
    private int lastWidth;

    public ProgressMeter(String what, PrintWriter err, boolean terminal, LongSupplier nanoTime, Duration interval) {
        this.what = what;
        this.err = err;
        this.terminal = terminal;
        this.nanoTime = nanoTime;
        this.intervalNanos = interval.toNanos();
        this.startNanos = nanoTime.getAsLong();
        this.lastDrawNanos = startNanos;
    }

    /** The meter a command uses: the real clock, the interval from {@link #INTERVAL_PROPERTY}. */
    public static ProgressMeter onStderr(String what, PrintWriter err, boolean terminal) {
        return new ProgressMeter(what, err, terminal, System::nanoTime, interval(System.getProperty(INTERVAL_PROPERTY)));
    }

    static Duration interval(String seconds) {
        if (seconds == null || seconds.isBlank()) {
            return DEFAULT_INTERVAL;
        }
        try {
            double s = Double.parseDouble(seconds.trim());
            return s > 0 ? Duration.ofMillis(Math.max(1, (long) (s * 1000))) : DEFAULT_INTERVAL;
        } catch (NumberFormatException e) {
            return DEFAULT_INTERVAL;
        }
    }

    @Override
    public synchronized void completed(Object item, int done, int total) {
        this.done = Math.max(this.done, done);
        this.total = total;
        long now = nanoTime.getAsLong();
        boolean last = this.done >= total;
        if (terminal) {
            if (last || now - lastDrawNanos >= REDRAW_NANOS || !drawn) {
                draw("\r" + bar(now));
                lastDrawNanos = now;
            }
        } else if (now - lastDrawNanos >= intervalNanos) {
            draw(line(now) + System.lineSeparator());
            lastDrawNanos = now;
        }
    }

    /** Ends the meter: wipes the bar on a terminal; in plain mode a closing line if any line was written. */
    public synchronized void finish() {
        if (!drawn) {
            return;
        }
        if (terminal) {
            draw("\r" + " ".repeat(lastWidth) + "\r");
        } else {
            draw(what + ": " + done + "/" + total + " VMs in " + duration(nanoTime.getAsLong() - startNanos)
                    + System.lineSeparator());
        }
        drawn = false;
    }

    /** What is done so far, for a line saying where an interrupted run stopped. */
    public synchronized int done() {
        return done;
    }

    private void draw(String text) {
        err.print(text);
        err.flush();
        drawn = true;
    }

    private String bar(long now) {
        int filled = total == 0 ? BAR_WIDTH : (int) ((long) BAR_WIDTH * done / total);
        String text = what + " [" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "] " + stats(now);
        int pad = Math.max(0, lastWidth - text.length());
        lastWidth = Math.max(lastWidth, text.length());
        return text + " ".repeat(pad);
    }

    private String line(long now) {
        return what + ": " + stats(now);
    }

    private String stats(long now) {
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        double rate = done / seconds;
        String eta = rate <= 0 ? "?" : duration((long) ((total - done) / rate * 1e9));
        return done + "/" + total + " VMs, " + String.format(Locale.ROOT, "%.1f", rate) + "/s, ETA " + eta;
    }

    static String duration(long nanos) {
        long s = Math.round(nanos / 1e9);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
        }
        return (s / 3600) + "h" + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + "m";
    }
}
