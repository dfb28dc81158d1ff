package dev.trustlift.cli.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustlift.cli.testing.CliRun;
import dev.trustlift.core.journal.Artifact;
import dev.trustlift.core.journal.CampaignVm;
import dev.trustlift.core.journal.Journal;
import dev.trustlift.core.journal.SqliteJournal;
import dev.trustlift.core.journal.StepAttempt;
import dev.trustlift.core.journal.VmState;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * issue 9's end-to-end run: {@code trustlift upgrade --yes} through the real Azure adapter against
 * the sandbox on upgrade-e2e.json, each VM checked against the outcome its line in
 * upgrade-e2e.expected names (written from the VM's intent, not from this tool's output), in the
 * journal and in the sandbox's own state.
 */
class UpgradeEndToEndTest {
    static final String MAIN = "e2e00000-0000-0000-0000-00000000000a";
    static final String LAGGING = "e2e00000-0000-0000-0000-00000000000b";

    @TempDir
    Path dir;

    @Test
    void everyVmOfTheFleetEndsAsItsExpectationSays() throws Exception {
        Map<String, String> expected = expectations();
        try (SandboxServer sandbox = SandboxServer.start(Fleet.parse(resource("/fleets/upgrade-e2e.json"), "upgrade-e2e"), 0)) {
            List<String> calls = Collections.synchronizedList(new ArrayList<>());
            sandbox.accessLog(calls::add);
            Path journal = dir.resolve("e2e.db");
            CliRun run = CliRun.of(Duration.ofMinutes(6), "upgrade", "--endpoint", sandbox.endpoint(), "--subscription", MAIN,
                    "--subscription", LAGGING, "--journal", journal.toString(), "--max-parallel", "8", "--guest-timeout", "20s",
                    "--yes");
            assertEquals(3, run.exitCode(), "BLOCKED and FAILED VMs make exit 3\n" + run.describe());
            assertTrue(run.out().lines().findFirst().orElse("").contains(journal.toString()), "the journal path comes first: " + run.out());

            JsonNode state = state(sandbox);
            Map<String, Integer> accepted = CrashResumeTest.acceptedWrites(calls);
            try (Journal j = SqliteJournal.open(journal)) {
                String campaign = j.campaigns().get(j.campaigns().size() - 1).id();
                Map<String, CampaignVm> vms = new HashMap<>();
                j.vms(campaign).forEach(v -> vms.put(v.vmId().substring(v.vmId().lastIndexOf('/') + 1), v));
                assertEquals(expected.keySet(), vms.keySet());
                for (JsonNode vm : state.get("vms")) {
                    String name = vm.get("name").asText();
                    String outcome = expected.get(name);
                    CampaignVm row = vms.get(name);
                    String what = name + " (" + outcome + "): " + row + "\n" + vm;
                    assertEquals(VmState.valueOf(outcome.split(" ")[0]), row.state(), what + attempts(j, campaign, row));
                    int points = accepted.getOrDefault(name + " restorePoint", 0);
                    switch (row.state()) {
                        case UPGRADED -> {
                            assertEquals("TrustedLaunch", vm.get("securityType").asText(), what);
                            assertEquals("running", vm.get("power").asText(), what);
                            assertEquals("Ready", vm.get("agent").asText(), what);
                            assertEquals("V2", vm.at("/osDisk/hyperVGeneration").asText(), what);
                            assertTrue(vm.get("secureBoot").asBoolean() && vm.get("vTpm").asBoolean(), what);
                            assertTrue(vm.at("/boot/booted").asBoolean(), what);
                            assertEquals(1, points, what);
                            assertTrue(row.restorePointId() != null && row.restorePointId().contains("/restorePoints/"), what);
                            assertTrue(row.downtimeStart() != null && row.downtimeEnd() != null, what);
                        }
                        case BLOCKED -> {
                            assertEquals("Standard", vm.get("securityType").asText(), what);
                            assertEquals(0, points, "a blocked VM is untouched: " + what);
                            assertEquals(0, accepted.getOrDefault(name + " deallocate", 0), what);
                            assertTrue(row.findingsJson().contains(outcome.split(" ")[1]), "its blocker is named: " + what);
                        }
                        case FAILED -> assertEquals("running", vm.get("power").asText(), "a failed VM is running: " + what);
                        default -> throw new AssertionError(what);
                    }
                }
                // The failures, each as issue 9 names it.
                assertEquals("Standard", byName(state, "validate-fails").get("securityType").asText());
                assertEquals(0, accepted.getOrDefault("validate-fails deallocate", 0), "never converted, never down");
                List<String> logs = artifactNames(j, campaign, vms.get("validate-fails"));
                assertTrue(logs.contains("setupact.log") && logs.contains("setuperr.log"), logs.toString());
                for (Artifact a : j.artifacts(campaign, vms.get("validate-fails").vmId())) {
                    assertTrue(a.sizeBytes() > 12 * 1024, a + " is the whole log, fetched in several runs");
                    assertTrue(Files.size(j.artifactFolder().resolve(a.relativePath())) == a.sizeBytes(), a.toString());
                }

                JsonNode refused = byName(state, "tl-refused");
                assertEquals("Standard", refused.get("securityType").asText(), "TL refused for good: as it was");
                assertEquals("V1", refused.at("/osDisk/hyperVGeneration").asText());
                assertEquals("MBR", refused.at("/osDisk/layout/scheme").asText(), "the restored disk is the MBR disk");
                assertTrue(refused.at("/boot/booted").asBoolean(), refused.toString());
                assertTrue(refused.at("/osDisk/id").asText().toLowerCase().contains("restored"), refused.toString());
                assertTrue(run.out().contains("tl-refused  FAILED  at set-trusted-launch: BadRequest")
                        && run.out().contains("the OS disk was restored from the restore point"), run.out());

                JsonNode noBoot = byName(state, "no-boot");
                assertEquals("TrustedLaunch", noBoot.get("securityType").asText());
                assertTrue(artifactNames(j, campaign, vms.get("no-boot")).contains("serial-console.log"));
                Artifact serial = j.artifacts(campaign, vms.get("no-boot").vmId()).stream()
                        .filter(a -> a.name().equals("serial-console.log")).findFirst().orElseThrow();
                assertTrue(Files.readString(j.artifactFolder().resolve(serial.relativePath())).contains("INACCESSIBLE_BOOT_DEVICE"));

                assertEquals("deallocated", byName(state, "stopped").get("power").asText(), "without --start-stopped: untouched");
                assertTrue(attempts(j, campaign, vms.get("gated")).contains("register-feature"),
                        "the lagging subscription needed register-feature: " + attempts(j, campaign, vms.get("gated")));
                assertEquals("temporary-disk", byName(state, "sysres-d").at("/guest/driveD").asText(),
                        "the drive letter fix gave D: back to the temporary disk");
                assertTrue(attempts(j, campaign, vms.get("start-409")).contains("start#1:FAILED"),
                        "the 409 on start is retried as its own attempt: " + attempts(j, campaign, vms.get("start-409")));
                for (String name : List.of("applied", "faults-500", "start-409", "throttled")) {
                    for (String op : List.of("deallocate", "securityProfile")) {
                        assertTrue(accepted.getOrDefault(name + " " + op, 0) <= 2, name + " " + op + " " + accepted);
                    }
                }
                assertTrue(j.openAttempts(campaign).isEmpty());
            }

            CliRun rollback = CliRun.of("rollback", "--endpoint", sandbox.endpoint(), "--journal", journal.toString(), "--vm",
                    "no-boot", "--yes");
            assertEquals(3, rollback.exitCode(), rollback.describe());
            assertTrue(rollback.out().contains("recreated") || rollback.err().contains("recreated"),
                    "after Trusted Launch the VM must be recreated: " + rollback.describe());
            assertEquals("TrustedLaunch", byName(state(sandbox), "no-boot").get("securityType").asText(), "nothing was changed");

            CliRun report = CliRun.of("report", "--journal", journal.toString(), "--output", "json");
            assertEquals(0, report.exitCode(), report.describe());
            JsonNode doc = new ObjectMapper().readTree(report.out());
            assertTrue(doc.toString().contains("setupact.log") && doc.toString().contains("serial-console.log"), "the report names the logs");
        }
    }

    @Test
    void startStoppedStartsADeallocatedVmForTheGuestStepsAndItEndsUpgradedAndRunning() throws Exception {
        try (SandboxServer sandbox = SandboxServer.start(Fleet.parse(resource("/fleets/upgrade-e2e.json"), "upgrade-e2e"), 0)) {
            Path vms = dir.resolve("vms.csv");
            Files.writeString(vms, "vmName,vmResourceGroupName,enableSecureBoot\nstopped,"
                    + byName(state(sandbox), "stopped").get("resourceGroup").asText() + ",false\n");
            CliRun run = CliRun.of(Duration.ofMinutes(3), "upgrade", "--endpoint", sandbox.endpoint(), "--subscription", MAIN,
                    "--vms", vms.toString(), "--journal", dir.resolve("s.db").toString(), "--start-stopped", "--yes");
            assertEquals(0, run.exitCode(), run.describe());
            JsonNode vm = byName(state(sandbox), "stopped");
            assertEquals("TrustedLaunch", vm.get("securityType").asText());
            assertEquals("running", vm.get("power").asText());
            assertFalse(vm.get("secureBoot").asBoolean(), "the CSV's enableSecureBoot=false is honoured");
            assertTrue(vm.get("vTpm").asBoolean());
        }
    }

    static String attempts(Journal j, String campaign, CampaignVm vm) {
        List<String> out = new ArrayList<>();
        for (StepAttempt a : j.attempts(campaign, vm.vmId())) {
            out.add(a.key().step() + "#" + a.key().attempt() + ":" + a.state()
                    + (a.errorCode() == null ? "" : "(" + a.errorCode() + ": " + a.errorMessage() + ")"));
        }
        return String.join(", ", out);
    }

    static List<String> artifactNames(Journal j, String campaign, CampaignVm vm) {
        return j.artifacts(campaign, vm.vmId()).stream().map(Artifact::name).toList();
    }

    static JsonNode byName(JsonNode state, String name) {
        for (JsonNode vm : state.get("vms")) {
            if (vm.get("name").asText().equals(name)) {
                return vm;
            }
        }
        throw new AssertionError("no VM " + name);
    }

    static JsonNode state(SandboxServer sandbox) throws Exception {
        return new ObjectMapper().readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sandbox.endpoint() + "_sandbox/state")).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    /** name -> upgrade outcome ("UPGRADED", "BLOCKED TL030", "FAILED guest-validate"), from upgrade-e2e.expected. */
    static Map<String, String> expectations() throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : resource("/fleets/upgrade-e2e.expected").lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\\|");
            out.put(cols[0].trim(), cols[2].trim());
        }
        return out;
    }

    static String resource(String path) throws Exception {
        try (InputStream in = UpgradeEndToEndTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
