package dev.trustlift.cli.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustlift.cli.Main;
import dev.trustlift.core.journal.CampaignVm;
import dev.trustlift.core.journal.Journal;
import dev.trustlift.core.journal.SqliteJournal;
import dev.trustlift.core.journal.VmState;
import dev.trustlift.sandbox.SandboxServer;
import dev.trustlift.sandbox.fleet.Fleet;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test of issue 9: a campaign of 40 VMs, its trustlift process killed with SIGKILL at
 * random moments five times and resumed each time. At the end every VM is upgraded, blocked, or
 * failed-and-running; none is deallocated or unbootable; none has two restore points; and no
 * operation ARM accepted was sent twice (the sandbox's access log counts every accepted request).
 */
class CrashResumeTest {
    static final String SUB = "33333333-3333-3333-3333-333333333333";
    static final int VMS = 40;
    static final Pattern ACCEPTED = Pattern.compile("^\\S+ (POST|PATCH|PUT) (\\S+?)(\\?\\S*)? -> (\\d+)");

    @TempDir
    Path dir;

    @Test
    void fiveKillsAtRandomMomentsThenResumeLeaveEveryVmSafeAndNothingDoneTwice() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String why = "seed " + seed;
        try (SandboxServer sandbox = SandboxServer.start(Fleet.parse(fleet(), "crash fleet"), 0)) {
            List<String> calls = Collections.synchronizedList(new ArrayList<>());
            sandbox.accessLog(calls::add);
            Path journal = dir.resolve("crash.db");
            List<String> log = new ArrayList<>();
            Path firstOut = dir.resolve("upgrade.out");
            Process p = launch(log, firstOut, "upgrade", "--endpoint", sandbox.endpoint(), "--subscription", SUB, "--journal",
                    journal.toString(), "--max-parallel", "10", "--yes");
            // The kills start once the campaign is journaled: before that there is nothing to resume.
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!(Files.exists(firstOut) && Files.readString(firstOut).contains("campaign tl-")) && System.nanoTime() < until) {
                assertTrue(p.isAlive(), "upgrade ended before it created its campaign: " + Files.readString(firstOut));
                Thread.sleep(50);
            }
            int kills = 0;
            while (kills < 5) {
                long wait = 1500 + random.nextInt(4500);
                if (p.waitFor(wait, TimeUnit.MILLISECONDS)) {
                    break;
                }
                p.destroyForcibly();
                assertTrue(p.waitFor(30, TimeUnit.SECONDS));
                kills++;
                log.add("-- killed after " + wait + " ms");
                p = launch(log, dir.resolve("resume" + kills + ".out"), "resume", "--endpoint", sandbox.endpoint(), "--journal",
                        journal.toString(), "--yes");
            }
            assertTrue(p.waitFor(8, TimeUnit.MINUTES), "the last resume finishes: " + why);
            assertEquals(3, p.exitValue(), "the two Windows Server 2016 VMs end BLOCKED (" + why + ")\n" + String.join("\n", log));
            assertTrue(kills >= 3, "the campaign was killed while it ran, " + kills + " times (" + why + ")");

            JsonNode state = new ObjectMapper().readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(sandbox.endpoint() + "_sandbox/state")).build(), HttpResponse.BodyHandlers.ofString()).body());
            Map<String, VmState> journaled = new HashMap<>();
            try (Journal j = SqliteJournal.open(journal)) {
                String campaign = j.campaigns().get(j.campaigns().size() - 1).id();
                for (CampaignVm vm : j.vms(campaign)) {
                    journaled.put(vm.vmId().substring(vm.vmId().lastIndexOf('/') + 1), vm.state());
                }
                assertTrue(j.openAttempts(campaign).isEmpty(), "no attempt is left open");
            }
            assertEquals(VMS, journaled.size());
            Map<String, Integer> accepted = acceptedWrites(calls);
            for (JsonNode vm : state.get("vms")) {
                String name = vm.get("name").asText();
                VmState s = journaled.get(name);
                assertEquals("running", vm.get("power").asText(), name + " ends running (" + s + ", " + why + ")");
                assertTrue(vm.path("boot").isNull() || vm.at("/boot/booted").asBoolean(),
                        name + " booted (no boot record: never restarted): " + vm + " (" + why + ")");
                boolean ws2016 = name.startsWith("old");
                assertEquals(ws2016 ? VmState.BLOCKED : VmState.UPGRADED, s, name + " (" + why + ")");
                assertEquals(ws2016 ? "Standard" : "TrustedLaunch", vm.get("securityType").asText(), name);
                int points = accepted.getOrDefault(name + " restorePoint", 0);
                assertEquals(ws2016 ? 0 : 1, points, name + " restore points created (" + why + ")");
                for (String op : List.of("deallocate", "start", "securityProfile")) {
                    int n = accepted.getOrDefault(name + " " + op, 0);
                    assertEquals(ws2016 ? 0 : 1, n, name + " " + op + " accepted " + n + " times (" + why + ")");
                }
            }
        }
    }

    /** Counts accepted (2xx) writes per VM and kind: "web01 deallocate" -> 1. */
    static Map<String, Integer> acceptedWrites(List<String> calls) {
        Map<String, Integer> counts = new HashMap<>();
        synchronized (calls) {
            for (String line : calls) {
                Matcher m = ACCEPTED.matcher(line);
                if (!m.find() || !m.group(4).startsWith("2")) {
                    continue;
                }
                String method = m.group(1);
                String[] path = m.group(2).split("/");
                String key = null;
                for (int i = 0; i < path.length - 1; i++) {
                    if (path[i].equalsIgnoreCase("virtualMachines")) {
                        String vm = path[i + 1];
                        if (i + 2 == path.length && method.equals("PATCH")) {
                            key = vm + " securityProfile";
                        } else if (i + 3 == path.length && method.equals("POST")) {
                            key = vm + " " + path[i + 2];
                        }
                    }
                    if (path[i].equalsIgnoreCase("restorePoints") && method.equals("PUT") && i + 2 == path.length) {
                        key = path[i - 1].replaceFirst("^trustlift-", "") + " restorePoint";
                    }
                }
                if (key != null) {
                    counts.merge(key, 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    static Process launch(List<String> log, Path output, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        log.add("-- trustlift " + String.join(" ", args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(output.toFile()).start();
    }

    /** 32 Windows Server 2019/2022 VMs, 6 Ubuntu VMs already GPT with an ESP, 2 Windows Server 2016 VMs (BLOCKED). */
    static String fleet() {
        StringBuilder vms = new StringBuilder();
        for (int i = 0; i < VMS; i++) {
            String name;
            String os;
            String type = "Windows";
            String layout = "windows-azure-default";
            if (i < 2) {
                name = "old" + i;
                os = "\"osName\": \"Windows Server 2016 Datacenter\", \"osVersion\": \"10.0.14393.7428\"";
            } else if (i < 8) {
                name = "lin" + i;
                type = "Linux";
                layout = "linux-azure-gpt";
                os = "\"osName\": \"ubuntu\", \"osVersion\": \"22.04\"";
            } else {
                name = "win" + i;
                os = i % 2 == 0 ? "\"osName\": \"Windows Server 2019 Datacenter\", \"osVersion\": \"10.0.17763.6054\""
                        : "\"osName\": \"Windows Server 2022 Datacenter\", \"osVersion\": \"10.0.20348.2849\"";
            }
            vms.append(i == 0 ? "" : ",").append("""
                    {"subscription": "%s", "resourceGroup": "rg-crash", "name": "%s", "location": "eastus",
                     "size": "Standard_D2s_v5", "osType": "%s", %s, "powerState": "running", "agent": "Ready",
                     "securityType": null,
                     "osDisk": {"name": "%s-os", "sizeGb": 127, "managed": true, "ephemeral": false,
                                "hyperVGeneration": "V1", "encryption": "none", "layout": "%s"},
                     "guest": {"bitlocker": "off", "freeSpaceMb": 20000}}
                    """.formatted(SUB, name, type, os, name, layout));
        }
        return """
                {"timeScale": 0.02, "subscriptions": [{"id": "%s", "displayName": "crash"}], "skus": "builtin", "vms": [%s]}
                """.formatted(SUB, vms);
    }
}
