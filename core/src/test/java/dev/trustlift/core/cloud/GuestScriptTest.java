package dev.trustlift.core.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The exit marker convention, checked with a real shell for the Linux wrapper. */
class GuestScriptTest {

    private static ScriptResult runInBash(List<String> lines) throws IOException, InterruptedException {
        GuestScript script = new GuestScript(OsType.LINUX, lines, Duration.ofSeconds(10));
        Process p = new ProcessBuilder("bash", "-c", String.join("\n", script.wrappedLines())).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        return ScriptResult.fromRawOutput(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void shellExitInsideTheScriptStillReachesTheMarker() throws Exception {
        ScriptResult r = runInBash(List.of("echo converting", "echo oops >&2", "exit 3", "echo never"));
        assertEquals(3, r.exitCode());
        assertEquals("converting\n", r.stdout());
        assertEquals("oops\n", r.stderr());
    }

    @Test
    void lastCommandStatusIsTheExitCode() throws Exception {
        assertEquals(0, runInBash(List.of("true")).exitCode());
        assertEquals(1, runInBash(List.of("echo x", "false")).exitCode());
    }

    @Test
    void caseStatementsSurviveTheSubshell() throws Exception {
        ScriptResult r = runInBash(List.of("x=b", "case $x in", "a) echo A ;;", "b) echo B ;;", "esac"));
        assertEquals(0, r.exitCode());
        assertEquals("B\n", r.stdout());
    }

    @Test
    void leadingCommentsStayFirstSoShebangAndScriptNamesSurvive() throws Exception {
        List<String> lines = new GuestScript(OsType.LINUX, List.of("#!/bin/bash", "# trustlift:linux-probe", "exit 4"),
                Duration.ofSeconds(5)).wrappedLines();
        assertEquals(List.of("#!/bin/bash", "# trustlift:linux-probe", "("), lines.subList(0, 3));
        assertEquals(4, runInBash(List.of("# trustlift:linux-probe", "exit 4")).exitCode());
        List<String> ps = new GuestScript(OsType.WINDOWS, List.of("# trustlift:windows-probe", "Get-Disk"),
                Duration.ofSeconds(5)).wrappedLines();
        assertEquals("# trustlift:windows-probe", ps.get(0));
    }

    @Test
    void powershellWrapperEndsWithTheMarker() {
        List<String> lines = new GuestScript(OsType.WINDOWS, List.of("MBR2GPT.exe /validate"), Duration.ofMinutes(2))
                .wrappedLines();
        assertTrue(lines.contains("MBR2GPT.exe /validate"));
        assertEquals("Write-Output \"TRUSTLIFT_EXIT=$trustliftExit\"", lines.get(lines.size() - 1));
    }

    @Test
    void missingMarkerIsUnknownNotSuccess() {
        ScriptResult r = ScriptResult.fromRawOutput("partial output\n", "");
        assertEquals(ScriptResult.UNKNOWN_EXIT, r.exitCode());
        assertEquals("partial output\n", r.stdout());
        assertTrue(!r.succeeded());
    }

    @Test
    void theLastMarkerWinsAndOnlyItIsRemoved() {
        ScriptResult r = ScriptResult.fromRawOutput("TRUSTLIFT_EXIT=7 echoed by a child\nTRUSTLIFT_EXIT=0\r\ntail\n", null);
        assertEquals(0, r.exitCode());
        assertEquals("TRUSTLIFT_EXIT=7 echoed by a child\ntail\n", r.stdout());
        assertEquals("", r.stderr());
    }

    @Test
    void aScriptNeedsATimeout() {
        assertThrows(IllegalArgumentException.class, () -> new GuestScript(OsType.LINUX, List.of("true"), Duration.ZERO));
    }
}
