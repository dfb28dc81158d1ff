package dev.trustlift.cli.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustlift.cli.testing.CliRun;
import dev.trustlift.core.journal.Campaign;
import dev.trustlift.core.journal.CampaignState;
import dev.trustlift.core.journal.CampaignVm;
import dev.trustlift.core.journal.Journal;
import dev.trustlift.core.journal.SqliteJournal;
import dev.trustlift.core.journal.VmState;
import dev.trustlift.sandbox.SandboxServer;
import dev.trustlift.sandbox.fleet.Fleet;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * trustlift upgrade's command line against the sandbox: usage errors, "nothing without --yes", bad
 * VM lists (nothing created, not even the journal), and a --yes run with test steps (the real steps
 * are tested with the plan that wires them): the journal path first, the campaign and each VM's
 * options journaled, progress lines, exit codes.
 */
class UpgradeCommandTest {
    static final String SUB = "11111111-1111-1111-1111-111111111111";
    static final ObjectMapper JSON = new ObjectMapper();
    static SandboxServer sandbox;
    static SandboxCalls calls;

    @TempDir
    Path dir;
    Path journal;

    @BeforeAll
    static void start() throws Exception {
        try (InputStream in = UpgradeCommandTest.class.getResourceAsStream("/assess/fleet.json")) {
            sandbox = SandboxServer.start(Fleet.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "fleet.json"), 0);
        }
        calls = new SandboxCalls(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void mark() throws Exception {
        journal = dir.resolve("journal.db");
        calls.mark();
    }

    CliRun upgrade(CommandLine.IFactory factory, String... args) {
        List<String> all = new ArrayList<>(List.of("upgrade", "--endpoint", sandbox.endpoint(), "--journal", journal.toString()));
        all.addAll(List.of(args));
        return CliRun.of(Duration.ofSeconds(60), factory, all.toArray(String[]::new));
    }

    CliRun upgrade(String... args) {
        return upgrade(TestPlans.factory(TestPlans.of(new TestPlans.Record("record"))), args);
    }

    /** A --vms file of resource ids: it says nothing about Secure Boot. */
    Path ids(String... names) throws Exception {
        StringBuilder b = new StringBuilder();
        for (String n : names) {
            b.append("/subscriptions/").append(SUB).append("/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/")
                    .append(n).append('\n');
        }
        return Files.writeString(dir.resolve("ids.txt"), b.toString());
    }

    Path csv(String text) throws Exception {
        return Files.writeString(dir.resolve("vms.csv"), text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--yes                                            | Missing required option: '--subscription=ID'",
            "--subscription " + SUB + " --secure-boot maybe --yes   | --secure-boot",
            "--subscription " + SUB + " --make-room grow --yes      | --make-room takes none, shrink or defrag, not 'grow'",
            "--subscription " + SUB + " --max-parallel 0 --yes      | --max-parallel must be at least 1, got 0",
            "--subscription " + SUB + " --guest-timeout soon --yes  | 'soon' is not a duration",
            "--subscription " + SUB + " --guest-timeout 0s --yes    | a duration must be positive"})
    void usageErrorsAreExitTwoAndCreateNothing(String args, String message) throws Exception {
        CliRun r = upgrade(args.trim().split("\\s+"));
        assertEquals(2, r.exitCode(), r.describe());
        assertTrue(r.err().contains(message), r.describe());
        assertTrue(r.err().contains("Try 'trustlift upgrade --help'"), r.describe());
        assertTrue(r.errIsCleanForPeople(), r.describe());
        assertFalse(Files.exists(journal), "no journal without a run");
        assertEquals(List.of(), calls.since().stream().map(JsonNode::toString).toList(), "bad flags cost no call");
    }

    @Test
    void withoutYesNothingIsChangedAndItSaysSo() throws Exception {
        CliRun r = upgrade("--subscription", SUB, "--resource-group", "rg-app");
        assertEquals(2, r.exitCode(), r.describe());
        assertTrue(r.err().contains("nothing was changed (9 VM(s) in scope)"), r.describe());
        assertTrue(r.err().contains("--what-if") && r.err().contains("--yes"), r.describe());
        assertFalse(Files.exists(journal), "no journal without --yes");
        assertFalse(calls.since().isEmpty(), "the scope was listed");
        assertEquals(List.of(), calls.nonGets(), "only reads without --yes");
    }

    @Test
    void anUnknownVmInTheListIsExitTwoAndCreatesNotEvenTheJournal() throws Exception {
        Path vms = csv("vmName,vmResourceGroupName,enableSecureBoot\nweb01,rg-app,true\nghost,rg-app,true\n");
        CliRun r = upgrade("--subscription", SUB, "--vms", vms.toString(), "--yes");
        assertEquals(2, r.exitCode(), r.describe());
        assertTrue(r.err().startsWith("trustlift: error: --vms names 1 VM(s) that cannot be read: rg-app/ghost"), r.describe());
        assertTrue(r.err().contains("nothing was changed"), r.describe());
        assertEquals(1, r.err().strip().lines().count(), r.describe());
        assertFalse(Files.exists(journal), "nothing created");
        assertEquals(List.of(), calls.nonGets());
    }

    @Test
    void aMalformedCsvIsExitTwoWithTheLineAndCreatesNothing() throws Exception {
        Path vms = csv("vmName,enableSecureBoot\nweb01,true\n");
        CliRun r = upgrade("--subscription", SUB, "--vms", vms.toString(), "--yes");
        assertEquals(2, r.exitCode(), r.describe());
        assertTrue(r.err().contains("vms.csv:1:") && r.err().contains("'vmResourceGroupName'"), r.describe());
        assertFalse(Files.exists(journal));
        assertEquals(List.of(), calls.since().stream().map(JsonNode::toString).toList(), "the file is read before any call");
    }

    @Test
    void aRunPrintsTheJournalFirstAndJournalsEveryOptionForResume() throws Exception {
        Path vms = csv("vmName,vmResourceGroupName,enableSecureBoot\nweb01,rg-app,false\nsql01,rg-app,true\n");
        CliRun r = upgrade("--subscription", SUB, "--vms", vms.toString(), "--secure-boot", "on", "--start-stopped",
                "--make-room", "defrag", "--max-parallel", "2", "--guest-timeout", "30s", "--yes");
        assertEquals(0, r.exitCode(), r.describe());
        List<String> lines = r.out().lines().toList();
        assertEquals("journal: " + journal.toAbsolutePath().normalize(), lines.get(0), r.describe());
        assertTrue(lines.contains("web01  record (attempt 1)"), r.describe());
        assertTrue(lines.stream().anyMatch(l -> l.matches("web01  UPGRADED  \\[[12]/2]")), r.describe());
        try (Journal j = SqliteJournal.open(journal)) {
            Campaign c = j.campaigns().get(0);
            assertTrue(c.id().matches("tl-\\d{8}-\\d{6}"), c.id());
            assertEquals(CampaignState.FINISHED, c.state());
            JsonNode o = JSON.readTree(c.optionsJson());
            assertEquals("upgrade", o.get("command").asText());
            assertEquals(SUB, o.get("subscriptions").get(0).asText());
            assertEquals(vms.toString(), o.get("vmsFile").asText());
            assertTrue(o.get("secureBoot").asBoolean());
            assertTrue(o.get("startStopped").asBoolean());
            assertEquals("defrag", o.get("makeRoom").asText());
            assertEquals(2, o.get("maxParallel").asInt());
            assertEquals("PT30S", o.get("guestTimeout").asText());
            List<CampaignVm> rows = j.vms(c.id());
            assertEquals(2, rows.size());
            JsonNode web01 = JSON.readTree(rows.get(0).optionsJson());
            assertFalse(web01.get("secureBoot").asBoolean(), "the CSV's enableSecureBoot=false wins over --secure-boot on");
            assertEquals("defrag", web01.get("makeRoom").asText());
            assertTrue(web01.get("startStopped").asBoolean());
            assertTrue(JSON.readTree(rows.get(1).optionsJson()).get("secureBoot").asBoolean());
            JsonNode detail = JSON.readTree(j.attempts(c.id(), rows.get(0).vmId()).get(0).detailJson());
            assertEquals("PT30S", detail.get("guestTimeout").asText(), "--guest-timeout reaches the steps");
        }
    }

    @Test
    void withoutAnySecureBootChoiceTheVmOptionsLeaveItOpen() throws Exception {
        CliRun r = upgrade("--subscription", SUB, "--vms", ids("web01").toString(), "--yes");
        assertEquals(0, r.exitCode(), r.describe());
        try (Journal j = SqliteJournal.open(journal)) {
            CampaignVm row = j.vms(j.campaigns().get(0).id()).get(0);
            JsonNode o = JSON.readTree(row.optionsJson());
            assertFalse(o.hasNonNull("secureBoot"), "null: on unless TL083 says otherwise: " + o);
            assertEquals("shrink", o.get("makeRoom").asText(), "the default --make-room");
            assertEquals(5, JSON.readTree(j.campaigns().get(0).optionsJson()).get("maxParallel").asInt(), "the default --max-parallel");
        }
    }

    @Test
    void secureBootFallsBackToTheFlagWhenTheListSaysNothing() throws Exception {
        CliRun r = upgrade("--subscription", SUB, "--vms", ids("web01").toString(), "--secure-boot", "off", "--yes");
        assertEquals(0, r.exitCode(), r.describe());
        try (Journal j = SqliteJournal.open(journal)) {
            CampaignVm row = j.vms(j.campaigns().get(0).id()).get(0);
            assertFalse(JSON.readTree(row.optionsJson()).get("secureBoot").asBoolean(), row.optionsJson());
        }
    }

    @Test
    void aBlockedVmIsExitThreeAndNamedWithItsBlocker() throws Exception {
        CliRun r = upgrade(TestPlans.factory(TestPlans.of(new TestPlans.Block("assess"))), "--subscription", SUB, "--vms",
                ids("web01").toString(), "--yes");
        assertEquals(3, r.exitCode(), r.describe());
        assertTrue(r.out().contains("campaign tl-") && r.out().contains(": 1 BLOCKED (1 VM)"), r.describe());
        assertTrue(r.out().contains("  web01  BLOCKED  TL030 Windows Server 2016 (test)"), r.describe());
        assertFalse(r.out().contains("\u001b["), "no colour on a pipe");
    }

    @Test
    void anUnfinishedCampaignInTheJournalIsResumedNotStartedAgain() throws Exception {
        try (Journal j = SqliteJournal.open(journal)) {
            j.createCampaign(new Campaign("tl-20261201-000000", Instant.parse("2026-12-01T00:00:00Z"),
                    "{\"command\":\"upgrade\"}", "test", CampaignState.INTERRUPTED));
        }
        CliRun r = upgrade("--subscription", SUB, "--vms", ids("web01").toString(), "--yes");
        assertEquals(2, r.exitCode(), r.describe());
        assertTrue(r.err().contains("campaign tl-20261201-000000, which is not finished")
                && r.err().contains("trustlift resume --journal " + journal.toAbsolutePath().normalize() + " --yes"), r.describe());
        try (Journal j = SqliteJournal.open(journal)) {
            assertEquals(1, j.campaigns().size(), "no second campaign");
        }
        assertEquals(List.of(), calls.nonGets());
    }

    @Test
    void aVmEndsFailedWhenAStepFailsAndTheExitCodeSaysSo() throws Exception {
        dev.trustlift.core.upgrade.Step fails = new dev.trustlift.core.upgrade.Step() {
            @Override
            public String name() {
                return "deallocate";
            }

            @Override
            public dev.trustlift.core.upgrade.StepResult run(dev.trustlift.core.upgrade.VmUpgrade vm) {
                return dev.trustlift.core.upgrade.StepResult.failed("OperationNotAllowed", "the test refuses");
            }
        };
        CliRun r = upgrade(TestPlans.factory(TestPlans.of(fails)), "--subscription", SUB, "--vms",
                ids("web01").toString(), "--yes");
        assertEquals(3, r.exitCode(), r.describe());
        assertTrue(r.out().contains("  web01  FAILED  at deallocate: OperationNotAllowed the test refuses"), r.describe());
        try (Journal j = SqliteJournal.open(journal)) {
            assertEquals(VmState.FAILED, j.vms(j.campaigns().get(0).id()).get(0).state());
        }
    }
}
