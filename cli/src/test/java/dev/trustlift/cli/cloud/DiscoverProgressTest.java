package dev.trustlift.cli.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.cli.progress.ProgressMeter;
import dev.trustlift.cli.testing.CliRun;
import dev.trustlift.sandbox.SandboxServer;
import dev.trustlift.sandbox.fleet.Fleet;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** discover's progress in a log: plain lines on stderr, the table alone on stdout. */
class DiscoverProgressTest {

    @Test
    void progressLinesGoToStderrAndTheTableStaysClean() throws Exception {
        String before = System.getProperty(ProgressMeter.INTERVAL_PROPERTY);
        System.setProperty(ProgressMeter.INTERVAL_PROPERTY, "0.000001");
        try (InputStream in = DiscoverProgressTest.class.getResourceAsStream("/fleets/discover.json");
                SandboxServer sandbox = SandboxServer.start(
                        Fleet.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "discover.json"), 0)) {
            CliRun r = CliRun.of("discover", "--endpoint", sandbox.endpoint(), "--subscription", DiscoverSandboxTest.SUB);
            assertEquals(0, r.exitCode(), r.describe());
            List<String> lines = r.err().lines().toList();
            assertFalse(lines.isEmpty(), "a line per VM at this interval");
            for (String line : lines.subList(0, lines.size() - 1)) {
                assertTrue(line.matches("discover: [1-3]/3 VMs, \\d+\\.\\d/s, ETA \\S+"), line);
            }
            assertTrue(lines.get(lines.size() - 1).matches("discover: 3/3 VMs in \\S+"), r.err());
            assertFalse(r.out().contains("discover:"), r.out());
            assertTrue(r.out().startsWith("NAME "), r.out());
        } finally {
            if (before == null) {
                System.clearProperty(ProgressMeter.INTERVAL_PROPERTY);
            } else {
                System.setProperty(ProgressMeter.INTERVAL_PROPERTY, before);
            }
        }
    }
}
