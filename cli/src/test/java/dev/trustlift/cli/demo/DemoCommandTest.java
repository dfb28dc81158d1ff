package dev.trustlift.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.cli.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    @Test
    void demoDiscoversAssessesAndWritesTheReport(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("demo.html");
        CliRun r = CliRun.of(Duration.ofMinutes(3), "demo", "--out", report.toString());
        String text = r.out();
        assertEquals(0, r.exitCode(), () -> text + r.err());
        assertTrue(text.contains("== trustlift discover"), text);
        // The demo fleet has one VM for each blocker: the assessment must find blocked and ready VMs.
        assertTrue(text.contains("BLOCKED"), text);
        assertTrue(text.contains("READY_WITH_FIXES"), text);
        String html = Files.readString(report);
        assertTrue(html.startsWith("<!DOCTYPE html>") || html.startsWith("<!doctype html>"), html.substring(0, 40));
        assertTrue(html.contains("TL020"), "the demo report names the size blocker");
        assertFalse(r.err().contains("Exception"), r.err());
        // Then the upgrade: the demo fleet's ready VMs end Trusted Launch, its blocked ones stay as they were.
        assertTrue(text.contains("== trustlift upgrade"), text);
        String upgrade = Files.readString(dir.resolve(DemoCommand.UPGRADE_REPORT));
        assertTrue(upgrade.contains("web01") && upgrade.contains("UPGRADED") && upgrade.contains("TL030"), "the upgrade report");
        assertTrue(Files.exists(dir.resolve(DemoCommand.JOURNAL)));
        CliRun again = CliRun.of(Duration.ofMinutes(3), "demo", "--out", report.toString());
        assertEquals(0, again.exitCode(), "a second demo starts its journal afresh: " + again.describe());
    }
}
