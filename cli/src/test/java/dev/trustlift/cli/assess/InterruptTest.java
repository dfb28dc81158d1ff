package dev.trustlift.cli.assess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustlift.cli.Main;
import dev.trustlift.cli.progress.ProgressMeter;
import dev.trustlift.sandbox.SandboxServer;
import dev.trustlift.sandbox.fleet.Fleet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A real trustlift process (its own JVM, output to pipes) assessing a slow fleet: plain progress
 * lines on stderr, never on stdout; a stop signal in the middle still writes the report of the VMs
 * assessed so far, says it is partial and exits 5.
 */
class InterruptTest {
    static final String SUB = "11111111-1111-1111-1111-111111111111";
    static final int VMS = 30;
    static final Pattern PROGRESS = Pattern.compile("assess: (\\d+)/" + VMS + " VMs, \\d+\\.\\d/s, ETA \\S+");
    static final Pattern PARTIAL = Pattern.compile(
            "trustlift: interrupted: the report is partial, (\\d+) of " + VMS + " VMs assessed \\(exit 5\\)");

    @Test
    void aStopSignalDuringAssessWritesThePartialReportAndExitsFive() throws Exception {
        try (SandboxServer sandbox = SandboxServer.start(Fleet.parse(slowFleet(), "slow fleet"), 0)) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-D" + ProgressMeter.INTERVAL_PROPERTY + "=0.2", "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "assess", "--endpoint", sandbox.endpoint(), "--subscription", SUB,
                    "--parallel", "1", "--output", "json")
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> readAll(p));
            LinkedBlockingQueue<String> errLines = new LinkedBlockingQueue<>();
            List<String> stderr = new ArrayList<>();
            Thread errReader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        errLines.add(line);
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            errReader.start();
            try {
                int done = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (done < 3 && System.nanoTime() < deadline) {
                    String line = errLines.poll(1, TimeUnit.SECONDS);
                    if (line != null) {
                        stderr.add(line);
                        Matcher m = PROGRESS.matcher(line);
                        assertTrue(m.matches(), "stderr holds only progress lines so far: " + line);
                        done = Integer.parseInt(m.group(1));
                    }
                }
                assertTrue(done >= 3 && done < VMS, "progress reached " + done + ": " + stderr);
                stop(p);
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the process ends after the signal");
            } finally {
                p.destroyForcibly();
            }
            errReader.join(10_000);
            errLines.drainTo(stderr);
            assertEquals(5, p.exitValue(), String.join("\n", stderr));

            JsonNode report = new ObjectMapper().readTree(stdout.get(10, TimeUnit.SECONDS));
            int written = report.get("vms").size();
            assertTrue(written >= 3 && written < VMS, "a partial report: " + written + " VMs");
            List<String> names = new ArrayList<>();
            report.get("vms").forEach(vm -> names.add(vm.get("name").asText()));
            List<String> inOrder = new ArrayList<>(names);
            inOrder.sort(null);
            assertEquals(inOrder, names, "the VMs come in the order they were asked for");
            String last = stderr.get(stderr.size() - 1);
            Matcher partial = PARTIAL.matcher(last);
            assertTrue(partial.matches(), last);
            assertEquals(written, Integer.parseInt(partial.group(1)));
            assertFalse(stdout.get().contains("assess:"), "progress never goes to stdout");
        }
    }

    /**
     * SIGINT, as Ctrl-C sends it; a JVM started while SIGINT is ignored (a background job of a
     * non-interactive shell) never sees it, so there SIGTERM stands in: the same shutdown path.
     */
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

    private static String readAll(Process p) {
        try {
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Thirty Windows VMs whose instance view takes 300 ms each: about 9 s at --parallel 1. */
    static String slowFleet() {
        StringBuilder vms = new StringBuilder();
        for (int i = 0; i < VMS; i++) {
            String name = String.format("vm%02d", i);
            vms.append(i == 0 ? "" : ",").append("""
                    {"subscription": "%s", "resourceGroup": "rg-app", "name": "%s", "location": "eastus",
                     "size": "Standard_D2s_v5", "osType": "Windows", "osName": "Windows Server 2019 Datacenter",
                     "osVersion": "10.0.17763.6054", "powerState": "running", "agent": "Ready", "securityType": null,
                     "osDisk": {"name": "%s-os", "sizeGb": 127, "managed": true, "ephemeral": false,
                                "hyperVGeneration": "V1", "encryption": "none", "layout": "windows-azure-default"},
                     "guest": {"bitlocker": "off", "freeSpaceMb": 20000},
                     "faults": [{"op": "instance-view", "delayMs": 300}]}
                    """.formatted(SUB, name, name));
        }
        return """
                {"timeScale": 0, "subscriptions": [{"id": "%s", "throttle": "none"}], "skus": "builtin", "vms": [%s]}
                """.formatted(SUB, vms);
    }
}
