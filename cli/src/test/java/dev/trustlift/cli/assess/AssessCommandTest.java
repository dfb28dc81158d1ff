package dev.trustlift.cli.assess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustlift.cli.Main;
import dev.trustlift.cli.testing.CliRun;
import dev.trustlift.sandbox.SandboxServer;
import dev.trustlift.sandbox.fleet.Fleet;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** trustlift assess end to end: Main.run against the sandbox's ARM emulator serving a small fleet. */
class AssessCommandTest {
    static final String SUB = "11111111-1111-1111-1111-111111111111";
    static final ObjectMapper JSON = new ObjectMapper();
    static SandboxServer sandbox;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        try (InputStream in = AssessCommandTest.class.getResourceAsStream("/assess/fleet.json")) {
            sandbox = SandboxServer.start(Fleet.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "fleet.json"), 0);
        }
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static Map<String, JsonNode> byName(JsonNode report) {
        Map<String, JsonNode> m = new HashMap<>();
        report.get("vms").forEach(vm -> m.put(vm.get("name").asText(), vm));
        return m;
    }

    static List<String> rules(JsonNode vm) {
        return java.util.stream.StreamSupport.stream(vm.get("findings").spliterator(), false).map(f -> f.get("rule").asText())
                .toList();
    }

    @Test
    void wholeSubscriptionAsJsonGivesEachVmItsVerdictAndExitThree() throws Exception {
        CliRun r = CliRun.of("assess", "--endpoint", sandbox.endpoint(), "--subscription", SUB, "--output", "json");
        assertEquals(3, r.exitCode(), r.err());
        JsonNode report = JSON.readTree(r.out());
        Map<String, JsonNode> vms = byName(report);
        assertEquals(9, vms.size(), r.out());
        assertEquals("READY", vms.get("web01").get("verdict").asText(), vms.get("web01").toString());
        assertEquals("BLOCKED", vms.get("old01").get("verdict").asText());
        JsonNode tl020 = vms.get("old01").get("findings").get(0);
        assertEquals("TL020", tl020.get("rule").asText());
        assertEquals("Standard_F2s_v2", tl020.get("suggestions").get(0).asText(), tl020.toString());
        assertEquals(3, tl020.get("suggestions").size());
        // deallocated: the agent cannot report the OS, so TL032 blocks until the VM is started (contract)
        assertEquals("BLOCKED", vms.get("stopped01").get("verdict").asText());
        assertEquals(List.of("TL032", "TL040"), rules(vms.get("stopped01")).subList(0, 2), vms.get("stopped01").toString());
        assertEquals("BLOCKED", vms.get("sql01").get("verdict").asText());
        assertTrue(rules(vms.get("sql01")).contains("TL030"));
        assertEquals("ALREADY_TRUSTED_LAUNCH", vms.get("tl01").get("verdict").asText());
        assertEquals("SKIPPED", vms.get("lab01").get("verdict").asText());
        assertTrue(rules(vms.get("bk01")).contains("TL050"), vms.get("bk01").toString());
        assertTrue(rules(vms.get("lock01")).contains("TL110"), vms.get("lock01").toString());
        assertEquals("BLOCKED", vms.get("four01").get("verdict").asText(), "the default probe finds BitLocker and the layout");
        assertEquals(1, report.get("summary").get("READY").asInt(), "web01");
        assertTrue(vms.get("web01").get("guestChecked").asBoolean(), vms.get("web01").toString());
        assertFalse(vms.get("stopped01").get("guestChecked").asBoolean(), vms.get("stopped01").toString());
    }

    @Test
    void noProbeGuestSaysSoInTheSummaryAndBothProbeFlagsAreAUsageError() throws Exception {
        Path vms = dir.resolve("web01.txt");
        Files.writeString(vms, "/subscriptions/" + SUB + "/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/web01\n");
        CliRun r = CliRun.of("assess", "--endpoint", sandbox.endpoint(), "--subscription", SUB, "--vms", vms.toString(),
                "--no-probe-guest");
        assertEquals(0, r.exitCode(), "TL008 is a warning: " + r.err() + r.out());
        assertTrue(r.out().contains("TL008"), r.out());
        assertTrue(r.out().strip().endsWith("; guest not checked on 1 VM (TL008)"), r.out());
        CliRun both = CliRun.of("assess", "--endpoint", sandbox.endpoint(), "--subscription", SUB, "--probe-guest",
                "--no-probe-guest");
        assertEquals(2, both.exitCode(), both.err());
        assertTrue(both.err().contains("--probe-guest and --no-probe-guest exclude each other"), both.err());
    }

    @Test
    void assessChangesNothing() throws Exception {
        CliRun.of("assess", "--endpoint", sandbox.endpoint(), "--subscription", SUB, "--output", "json", "--probe-guest");
        HttpResponse<String> calls = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sandbox.endpoint() + "_sandbox/calls")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, calls.statusCode(), calls.body());
        for (JsonNode call : JSON.readTree(calls.body()).path("calls")) {
            String method = call.path("method").asText();
            String path = call.path("path").asText();
            // Run Command (the read-only probe) and Azure Backup's backupStatus query are POSTs that change nothing.
            boolean readOnlyPost = path.endsWith("/runCommand") || path.endsWith("/backupStatus");
            assertTrue(method.equals("GET") || readOnlyPost,
                    "assess made a changing call: " + method + " " + path);
        }
    }

    @Test
    void probeGuestFindsBitLockerAndTheRecoveryPartitionToRemove() throws Exception {
        Path vms = dir.resolve("vms.csv");
        Files.writeString(vms, "\uFEFFvmName,vmResourceGroupName,enableSecureBoot\r\nfour01,rg-app,true\r\n");
        CliRun r = CliRun.of("assess", "--endpoint", sandbox.endpoint(), "--subscription", SUB, "--vms", vms.toString(), "--probe-guest",
                "--output", "json");
        JsonNode vm = JSON.readTree(r.out()).get("vms").get(0);
        assertEquals("four01", vm.get("name").asText());
        assertEquals("BLOCKED", vm.get("verdict").asText(), vm.toString());
        List<String> rules = rules(vm);
        assertTrue(rules.contains("TL061") && rules.contains("TL090"), vm.toString());
        for (JsonNode f : vm.get("findings")) {
            if (f.get("rule").asText().equals("TL090")) {
                // four01's layout (fleet.json): System Reserved, C:, recovery (0x27), data
                assertTrue(f.get("remediation").asText().startsWith("remove the unused recovery partition 3"), f.toString());
            }
        }
    }

    @Test
    void vmsFileWithAnUnknownVmGivesUnknownForThatVm() throws Exception {
        Path vms = dir.resolve("vms.csv");
        Files.writeString(vms, "vmName,vmResourceGroupName,enableSecureBoot\nweb01,rg-app,true\nghost,rg-app,false\n");
        CliRun r = CliRun.of("assess", "--endpoint", sandbox.endpoint(), "--subscription", SUB, "--vms", vms.toString(), "--output", "json");
        assertEquals(3, r.exitCode(), r.err());
        Map<String, JsonNode> m = byName(JSON.readTree(r.out()));
        assertEquals("READY", m.get("web01").get("verdict").asText());
        assertEquals("UNKNOWN", m.get("ghost").get("verdict").asText());
        assertTrue(m.get("ghost").get("findings").get(0).get("message").asText().contains("line 3: VM 'ghost'"));
    }

    @Test
    void readyOnlyListExitsZeroAndTableIsTheDefault() throws Exception {
        Path vms = dir.resolve("ids.txt");
        Files.writeString(vms, "/subscriptions/" + SUB + "/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/web01\n"
                + "/subscriptions/" + SUB + "/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/tl01\n");
        CliRun r = CliRun.of("assess", "--endpoint", sandbox.endpoint(), "--subscription", SUB, "--vms", vms.toString());
        assertEquals(0, r.exitCode(), r.err() + r.out());
        assertTrue(r.out().startsWith("VM "), r.out());
        assertFalse(r.out().contains("\u001b["), "no colour when not a terminal");
        assertTrue(r.out().strip().endsWith("2 VMs: 1 READY, 0 READY_WITH_FIXES, 0 BLOCKED, 1 ALREADY_TRUSTED_LAUNCH, 0 SKIPPED, "
                + "0 UNKNOWN; guest not checked on 0 VMs (TL008)"), r.out());
    }

    @Test
    void htmlGoesToTheFileChosenByItsExtension() throws Exception {
        Path html = dir.resolve("report.html");
        CliRun r = CliRun.of("assess", "--endpoint", sandbox.endpoint(), "--subscription", SUB, "--out", html.toString());
        assertEquals(3, r.exitCode(), r.err());
        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>") && page.contains("select id=\"f-rule\""));
        assertTrue(r.out().contains("report written to " + html), r.out());
        assertTrue(r.out().startsWith("9 VMs: "), r.out());
    }

    @Test
    void badVmsFileIsAUsageErrorWithTheLine() throws Exception {
        Path vms = dir.resolve("bad.csv");
        Files.writeString(vms, "vmName,resourceGroup\nweb01,rg-app\n");
        CliRun r = CliRun.of("assess", "--endpoint", sandbox.endpoint(), "--subscription", SUB, "--vms", vms.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("bad.csv:1: the header lacks column 'vmResourceGroupName'"), r.err());
        CliRun dup = CliRun.of("assess", "--subscription", SUB, "--vms", dir.resolve("none.csv").toString());
        assertEquals(2, dup.exitCode());
        assertTrue(dup.err().contains("no such file"), dup.err());
    }

    @Test
    void missingSubscriptionIsAUsageError() {
        CliRun r = CliRun.of("assess", "--endpoint", sandbox.endpoint());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--subscription"), r.err());
    }
}
