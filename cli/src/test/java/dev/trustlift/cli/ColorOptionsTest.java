package dev.trustlift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.cli.ColorOptions.When;
import dev.trustlift.cli.testing.CliRun;
import dev.trustlift.sandbox.SandboxServer;
import dev.trustlift.sandbox.fleet.Fleet;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** NO_COLOR as no-color.org says it (set and not empty), and --color auto|always|never. */
class ColorOptionsTest {
    static final String SUB = "11111111-1111-1111-1111-111111111111";
    static final String ESC = "\u001b[";

    @Test
    void autoColoursOnlyATerminalWithoutANonEmptyNoColor() {
        assertTrue(ColorOptions.enabled(When.auto, true, Map.of()));
        assertFalse(ColorOptions.enabled(When.auto, false, Map.of()), "a pipe or file");
        assertFalse(ColorOptions.enabled(When.auto, true, Map.of("NO_COLOR", "1")));
        assertFalse(ColorOptions.enabled(When.auto, true, Map.of("NO_COLOR", "false")), "any value counts");
        assertTrue(ColorOptions.enabled(When.auto, true, Map.of("NO_COLOR", "")), "an empty NO_COLOR is as if unset");
    }

    @Test
    void theFlagWinsOverNoColorAndTheTerminal() {
        assertTrue(ColorOptions.enabled(When.always, false, Map.of("NO_COLOR", "1")));
        assertFalse(ColorOptions.enabled(When.never, true, Map.of()));
    }

    @Test
    void assessHonoursTheFlagEndToEnd() throws Exception {
        try (InputStream in = ColorOptionsTest.class.getResourceAsStream("/assess/fleet.json");
                SandboxServer sandbox = SandboxServer.start(
                        Fleet.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "fleet.json"), 0)) {
            CliRun always = CliRun.of("assess", "--endpoint", sandbox.endpoint(), "--subscription", SUB, "--color", "always");
            assertTrue(always.out().contains(ESC), always.describe());
            CliRun auto = CliRun.of("assess", "--endpoint", sandbox.endpoint(), "--subscription", SUB);
            assertFalse(auto.out().contains(ESC), "captured output is no terminal: " + auto.out());
            assertEquals(always.out().replaceAll("\u001b\\[[0-9;]*m", ""), auto.out(), "colour is all that differs");
            CliRun bad = CliRun.of("assess", "--endpoint", sandbox.endpoint(), "--subscription", SUB, "--color", "sometimes");
            assertEquals(2, bad.exitCode());
            assertTrue(bad.err().contains("auto, always, never"), bad.err());
        }
    }
}
