package dev.trustlift.cli.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.cli.testing.CliRun;
import dev.trustlift.core.journal.CampaignState;
import dev.trustlift.core.journal.CampaignVm;
import dev.trustlift.core.journal.Journal;
import dev.trustlift.core.journal.SqliteJournal;
import dev.trustlift.core.journal.VmState;
import dev.trustlift.sandbox.SandboxServer;
import dev.trustlift.sandbox.fleet.Fleet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C during upgrade, in a real process (its own JVM, a real signal): no new VM is taken, the VMs
 * in flight stop at a safe point, the journal says INTERRUPTED, the output says what was stopped and
 * how to resume, the exit code is 5; resume then finishes the campaign.
 */
class UpgradeInterruptTest {
    static final String SUB = UpgradeCommandTest.SUB;

    @TempDir
    Path dir;

    @Test
    void ctrlCStopsAtSafePointsExitsFiveAndResumeFinishes() throws Exception {
        Path journal = dir.resolve("journal.db");
        String fleet;
        try (InputStream in = UpgradeInterruptTest.class.getResourceAsStream("/assess/fleet.json")) {
            fleet = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (SandboxServer sandbox = SandboxServer.start(Fleet.parse(fleet, "fleet.json"), 0)) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), SlowPlanMain.class.getName(), "upgrade",
                    "--endpoint", sandbox.endpoint(), "--subscription", SUB, "--resource-group", "rg-app",
                    "--journal", journal.toString(), "--max-parallel", "2", "--yes")
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            LinkedBlockingQueue<String> outLines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        outLines.add(line);
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            reader.start();
            List<String> out = new ArrayList<>();
            try {
                int started = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (started < 2 && System.nanoTime() < deadline) {
                    String line = outLines.poll(1, TimeUnit.SECONDS);
                    if (line != null) {
                        out.add(line);
                        started += line.endsWith("  slow (attempt 1)") ? 1 : 0;
                    }
                }
                assertEquals(2, started, "two VMs in flight: " + out);
                stop(p);
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the process ends after the signal");
            } finally {
                p.destroyForcibly();
            }
            reader.join(10_000);
            outLines.drainTo(out);
            String text = String.join("\n", out);
            String err = stderr.get(10, TimeUnit.SECONDS);
            assertEquals(5, p.exitValue(), text + "\n--- stderr\n" + err);
            assertEquals("journal: " + journal.toAbsolutePath().normalize(), out.get(0));
            assertTrue(err.contains("trustlift: stopping: no new VM is started"), err);
            assertTrue(text.contains("stopped on request: ") && text.contains("VM(s) wait at a safe point, none is left deallocated"),
                    text);
            assertTrue(text.contains("run `trustlift resume --journal " + journal.toAbsolutePath().normalize() + " --yes` to continue"),
                    text);
            int finishedBefore;
            try (Journal j = SqliteJournal.open(journal)) {
                String id = j.campaigns().get(0).id();
                assertEquals(CampaignState.INTERRUPTED, j.campaign(id).orElseThrow().state());
                List<CampaignVm> vms = j.vms(id);
                assertEquals(9, vms.size());
                finishedBefore = (int) vms.stream().filter(v -> v.state().isFinal()).count();
                assertTrue(finishedBefore < 9, "the stop left VMs for resume: " + finishedBefore);
                assertTrue(vms.stream().anyMatch(v -> v.state() == VmState.PENDING), "no new VM was taken after the signal");
            }

            CliRun resumed = CliRun.of(Duration.ofSeconds(90), TestPlans.factory(TestPlans.of(
                    new TestPlans.Slow("slow", Duration.ofMillis(100)))), "resume", "--endpoint", sandbox.endpoint(),
                    "--journal", journal.toString(), "--yes");
            assertEquals(0, resumed.exitCode(), resumed.describe());
            try (Journal j = SqliteJournal.open(journal)) {
                String id = j.campaigns().get(0).id();
                assertEquals(CampaignState.FINISHED, j.campaign(id).orElseThrow().state());
                assertEquals(9, j.countsByState(id).get(VmState.UPGRADED), resumed.describe());
            }
            assertTrue(Files.exists(journal));
        }
    }

    /** SIGINT, as Ctrl-C sends it; SIGTERM where the JVM ignores SIGINT (a background job): the same path. */
    private static void stop(Process p) throws Exception {
        String signal = ignoresSigint(p.pid()) ? "-TERM" : "-INT";
        Process kill = new ProcessBuilder("kill", signal, Long.toString(p.pid())).start();
        assertEquals(0, kill.waitFor(), "kill " + signal);
    }

    private static boolean ignoresSigint(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("SigIgn:")) {
                return new BigInteger(line.substring(7).trim(), 16).testBit(1);
            }
        }
        return false;
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
