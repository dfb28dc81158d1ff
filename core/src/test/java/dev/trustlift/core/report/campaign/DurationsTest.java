package dev.trustlift.core.report.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void secondsForMachinesHaveNoTrailingZerosAndNoExponent() {
        assertEquals("30", Durations.seconds(Duration.ofSeconds(30)).toString());
        assertEquals("5.5", Durations.seconds(Duration.ofMillis(5500)).toString());
        assertEquals("0.125", Durations.seconds(Duration.ofMillis(125)).toString());
        assertEquals("3600", Durations.seconds(Duration.ofHours(1)).toString());
    }

    @Test
    void humanDurations() {
        assertEquals("850 ms", Durations.human(Duration.ofMillis(850)));
        assertEquals("42s", Durations.human(Duration.ofSeconds(42)));
        assertEquals("3m 05s", Durations.human(Duration.ofSeconds(185)));
        assertEquals("1h 02m 03s", Durations.human(Duration.ofSeconds(3723)));
    }
}
