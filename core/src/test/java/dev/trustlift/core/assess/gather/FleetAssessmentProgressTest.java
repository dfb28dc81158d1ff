package dev.trustlift.core.assess.gather;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trustlift.core.assess.AssessmentReport;
import dev.trustlift.core.assess.Assessor;
import dev.trustlift.core.assess.VmAssessment;
import dev.trustlift.core.assess.rules.StandardRules;
import dev.trustlift.core.cloud.VmRef;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The listener a front end shows progress with, and keeps a partial report from. */
class FleetAssessmentProgressTest {

    @Test
    void theListenerHearsOfEveryVmOnceCountingUpToTheTotal() {
        List<Target> targets = IntStream.range(0, 7)
                .mapToObj(i -> Target.missing(new VmRef("s1", "rg", "vm" + i), "not found")).toList();
        List<VmAssessment> heard = Collections.synchronizedList(new ArrayList<>());
        List<Integer> counts = Collections.synchronizedList(new ArrayList<>());
        AssessmentReport report = new FleetAssessment(new FactsGatherer(new FakeCloud(), false),
                new Assessor(StandardRules.all()), 3, Clock.systemUTC()).assess(targets, (vm, done, total) -> {
                    assertEquals(7, total);
                    heard.add(vm);
                    counts.add(done);
                });
        assertEquals(new HashSet<>(report.vms()), new HashSet<>(heard));
        assertEquals(7, heard.size());
        List<Integer> sorted = new ArrayList<>(counts);
        Collections.sort(sorted);
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), sorted);
    }
}
