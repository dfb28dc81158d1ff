package dev.trustlift.cli.assess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.assess.AssessmentReport;
import dev.trustlift.core.assess.Assessor;
import dev.trustlift.core.assess.VmAssessment;
import dev.trustlift.core.assess.gather.Target;
import dev.trustlift.core.cloud.VmRef;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The mechanism behind "Ctrl-C still writes the report", without a signal (InterruptTest sends a real one). */
class PartialReportOnInterruptTest {
    private final List<Target> targets = IntStream.range(0, 4)
            .mapToObj(i -> Target.missing(new VmRef("s1", "rg", "vm" + i), "not found")).toList();
    private final AtomicReference<AssessmentReport> written = new AtomicReference<>();
    private final AtomicInteger halted = new AtomicInteger(-1);
    private final StringWriter err = new StringWriter();
    private final PartialReportOnInterrupt guard = new PartialReportOnInterrupt(targets, written::set,
            new PrintWriter(err), Clock.fixed(Instant.parse("2026-12-08T01:00:00Z"), ZoneOffset.UTC), halted::set);

    private VmAssessment assessed(int i) {
        return Assessor.unassessable(targets.get(i).ref(), "not found");
    }

    @Test
    void anInterruptWritesWhatWasAssessedInTheOrderAskedAndEndsWithExitFive() {
        guard.completed(assessed(2), 1, 4);
        guard.completed(assessed(0), 2, 4);
        guard.interrupted();
        assertEquals(List.of("vm0", "vm2"), written.get().vms().stream().map(v -> v.vm().name()).toList());
        assertEquals(Instant.parse("2026-12-08T01:00:00Z"), written.get().generatedAt());
        assertEquals("trustlift: interrupted: the report is partial, 2 of 4 VMs assessed (exit 5)", err.toString().strip());
        assertEquals(5, halted.get());
        assertFalse(guard.finish(), "the run that ends after the interrupt must not write a second report");
    }

    @Test
    void aRunThatFinishedFirstWritesAloneAndTheLateInterruptWaitsForIt() {
        guard.completed(assessed(0), 1, 4);
        assertTrue(guard.finish());
        guard.close();
        guard.interrupted();
        assertNull(written.get(), "the finished run writes the full report itself");
        assertEquals(-1, halted.get());
        assertEquals("", err.toString());
    }
}
