package dev.trustlift.cli.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressMeterTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final StringWriter text = new StringWriter();

    private ProgressMeter meter(boolean terminal) {
        return new ProgressMeter("assess", new PrintWriter(text), terminal, now::get, Duration.ofSeconds(5));
    }

    private void advance(double seconds) {
        now.addAndGet((long) (seconds * 1e9));
    }

    @Test
    void aPipeGetsAPlainLineEveryIntervalNotOnePerVm() {
        ProgressMeter m = meter(false);
        for (int i = 1; i <= 100; i++) {
            advance(0.1);
            m.completed(null, i, 200);
        }
        m.finish();
        // 10 s for 100 VMs: a line at 5 s and at 10 s, then the closing line.
        assertEquals(List.of("assess: 50/200 VMs, 10.0/s, ETA 15s", "assess: 100/200 VMs, 10.0/s, ETA 10s",
                "assess: 100/200 VMs in 10s"), text.toString().lines().toList());
        assertFalse(text.toString().contains("\r"), "no redraw in a log");
    }

    @Test
    void aRunShorterThanTheIntervalPrintsNothingToAPipe() {
        ProgressMeter m = meter(false);
        for (int i = 1; i <= 20; i++) {
            advance(0.1);
            m.completed(null, i, 20);
        }
        m.finish();
        assertEquals("", text.toString());
    }

    @Test
    void aTerminalGetsOneBarRedrawnInPlaceWithCountRateAndEta() {
        ProgressMeter m = meter(true);
        advance(2);
        m.completed(null, 1, 4);
        advance(0.01);
        m.completed(null, 2, 4);
        String first = text.toString();
        assertEquals("\rassess [######------------------] 1/4 VMs, 0.5/s, ETA 6s", first,
                "drawn at once; the second VM came within 100 ms and is not redrawn");
        advance(2);
        m.completed(null, 3, 4);
        assertTrue(text.toString().endsWith("\rassess [##################------] 3/4 VMs, 0.7/s, ETA 1s"), text.toString());
        advance(0.01);
        m.completed(null, 4, 4);
        assertTrue(text.toString().endsWith("] 4/4 VMs, 1.0/s, ETA 0s"), "the last VM is always drawn: " + text);
        assertFalse(text.toString().contains("\n"), "one line, redrawn");
        int width = text.toString().substring(text.toString().lastIndexOf('\r') + 1).length();
        m.finish();
        assertTrue(text.toString().endsWith("\r" + " ".repeat(width) + "\r"), "the bar is wiped at the end");
    }

    @Test
    void durationsReadLikeAPerson() {
        assertEquals("59s", ProgressMeter.duration(59_000_000_000L));
        assertEquals("1m05s", ProgressMeter.duration(65_000_000_000L));
        assertEquals("2h03m", ProgressMeter.duration((2 * 3600 + 3 * 60 + 10) * 1_000_000_000L));
    }

    @Test
    void theIntervalComesFromTheSystemPropertyWhenValid() {
        assertEquals(Duration.ofMillis(200), ProgressMeter.interval("0.2"));
        assertEquals(Duration.ofSeconds(5), ProgressMeter.interval(null));
        assertEquals(Duration.ofSeconds(5), ProgressMeter.interval("soon"));
        assertEquals(Duration.ofSeconds(5), ProgressMeter.interval("-1"));
    }
}
