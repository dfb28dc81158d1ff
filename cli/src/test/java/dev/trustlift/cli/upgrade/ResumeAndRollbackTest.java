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
import dev.trustlift.core.journal.StepAttempt;
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

/**
 * resume continues the latest unfinished campaign with the options it was started with; rollback
 * finds the VM in the journal, refuses after Trusted Launch (the VM must be recreated) and runs the
 * restore as a one-VM campaign of its own. Test steps stand in for the real ones.
 */
class ResumeAndRollbackTest {
    static final String SUB = UpgradeCommandTest.SUB;
    static final String VM_ID = "/subscriptions/" + SUB + "/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/";
    static final ObjectMapper JSON = new ObjectMapper();
    static final String RESTORE_POINT = "/subscriptions/" + SUB + "/resourceGroups/rg-app/providers/Microsoft.Compute/"
            + "restorePointCollections/trustlift-web01/restorePoints/before-trusted-launch-tl-20261201-000000";
    static SandboxServer sandbox;
    static SandboxCalls calls;

    @TempDir
    Path dir;
    Path journal;

    @BeforeAll
    static void start() throws Exception {
        try (InputStream in = ResumeAndRollbackTest.class.getResourceAsStream("/assess/fleet.json")) {
            sandbox = SandboxServer.start(Fleet.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "fleet.json"), 0);
        }
        calls = new SandboxCalls(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        journal = dir.resolve("journal.db");
        calls.mark();
    }

    CliRun run(String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command, "--endpoint", sandbox.endpoint(), "--journal", journal.toString()));
        all.addAll(List.of(args));
        return CliRun.of(Duration.ofSeconds(60), TestPlans.factory(TestPlans.of(new TestPlans.Record("record"))),
                all.toArray(String[]::new));
    }

    /** An upgrade campaign as an interrupted upgrade leaves it: started with these options, VMs still to do. */
    Campaign interrupted(String optionsJson, String... vms) {
        try (Journal j = SqliteJournal.open(journal)) {
            Campaign c = new Campaign("tl-20261201-000000", Instant.parse("2026-12-01T00:00:00Z"), optionsJson, "test",
                    CampaignState.INTERRUPTED);
            j.createCampaign(c);
            for (String vm : vms) {
                j.saveVm(CampaignVm.pending(c.id(), VM_ID + vm, "{\"secureBoot\":false,\"startStopped\":true,\"makeRoom\":\"none\"}"));
            }
            return c;
        }
    }

    /** A finished upgrade of web01 that got as far as {@code lastStep}, with a restore point unless null. */
    void upgraded(VmState state, String restorePoint, String... completedSteps) {
        try (Journal j = SqliteJournal.open(journal)) {
            Campaign c = new Campaign("tl-20261201-000000", Instant.parse("2026-12-01T00:00:00Z"), "{\"command\":\"upgrade\"}",
                    "test", CampaignState.FINISHED);
            j.createCampaign(c);
            CampaignVm row = CampaignVm.pending(c.id(), VM_ID + "web01", "{\"secureBoot\":true}").withRestorePointId(restorePoint);
            j.saveVm(row.withState(state, completedSteps.length == 0 ? null : completedSteps[completedSteps.length - 1]));
            for (String step : completedSteps) {
                StepAttempt a = j.startAttempt(c.id(), VM_ID + "web01", step, Instant.parse("2026-12-01T00:01:00Z"));
                j.completeAttempt(a.key(), Instant.parse("2026-12-01T00:02:00Z"), List.of(), null);
            }
        }
    }

    @Test
    void resumeContinuesTheCampaignWithTheOptionsItWasStartedWith() throws Exception {
        interrupted("{\"command\":\"upgrade\",\"maxParallel\":1,\"guestTimeout\":\"PT45S\"}", "web01", "sql01");
        CliRun r = run("resume", "--yes");
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals("journal: " + journal.toAbsolutePath().normalize(), r.out().lines().findFirst().orElseThrow());
        assertTrue(r.out().contains("resuming upgrade campaign tl-20261201-000000 (started 2026-12-01T00:00:00Z): 2 VM(s) to"
                + " continue, at most 1 at once"), r.describe());
        try (Journal j = SqliteJournal.open(journal)) {
            assertEquals(CampaignState.FINISHED, j.campaign("tl-20261201-000000").orElseThrow().state());
            for (CampaignVm vm : j.vms("tl-20261201-000000")) {
                assertEquals(VmState.UPGRADED, vm.state(), vm.vmId());
                JsonNode detail = JSON.readTree(j.attempts(vm.campaignId(), vm.vmId()).get(0).detailJson());
                assertEquals("PT45S", detail.get("guestTimeout").asText(), "the campaign's --guest-timeout");
                assertEquals("none", JSON.readTree(detail.get("options").asText()).get("makeRoom").asText(), "the VM's options");
            }
        }
        CliRun again = run("resume", "--yes");
        assertEquals(0, again.exitCode(), again.describe());
        assertTrue(again.out().contains("nothing to resume: every campaign in the journal is finished"), again.describe());
    }

    @Test
    void resumeWithoutYesChangesNothing() throws Exception {
        interrupted("{\"command\":\"upgrade\"}", "web01");
        CliRun r = run("resume");
        assertEquals(2, r.exitCode(), r.describe());
        assertTrue(r.err().contains("nothing was changed (campaign tl-20261201-000000, 1 VM(s) to continue)"), r.describe());
        try (Journal j = SqliteJournal.open(journal)) {
            assertEquals(VmState.PENDING, j.vms("tl-20261201-000000").get(0).state());
            assertEquals(CampaignState.INTERRUPTED, j.campaign("tl-20261201-000000").orElseThrow().state());
        }
        assertEquals(List.of(), calls.since().stream().map(JsonNode::toString).toList(), "no call at all");
    }

    @Test
    void aMissingJournalIsAUsageErrorAndIsNotCreated() {
        for (String command : List.of("resume", "rollback")) {
            CliRun r = command.equals("resume") ? run(command, "--yes") : run(command, "--vm", "web01", "--yes");
            assertEquals(2, r.exitCode(), r.describe());
            assertTrue(r.err().contains("--journal " + journal.toAbsolutePath().normalize() + ": no such journal file"), r.describe());
            assertFalse(Files.exists(journal), command + " must not create a journal");
        }
        CliRun noJournal = CliRun.of("resume", "--yes");
        assertEquals(2, noJournal.exitCode());
        assertTrue(noJournal.err().contains("Missing required option: '--journal=PATH'"), noJournal.describe());
    }

    @Test
    void rollbackOfAVmTheJournalDoesNotHoldIsExitTwo() {
        upgraded(VmState.FAILED, RESTORE_POINT, "protect");
        CliRun r = run("rollback", "--vm", "sql01", "--yes");
        assertEquals(2, r.exitCode(), r.describe());
        assertTrue(r.err().contains("--vm sql01: no such VM in any upgrade campaign of the journal; nothing was changed"),
                r.describe());
    }

    @Test
    void rollbackAfterTrustedLaunchWasSetSaysTheVmMustBeRecreated() throws Exception {
        upgraded(VmState.UPGRADED, RESTORE_POINT, "protect", "guest-convert", "deallocate", "set-trusted-launch");
        CliRun r = run("rollback", "--vm", "web01", "--yes");
        assertEquals(3, r.exitCode(), r.describe());
        assertTrue(r.err().contains("web01 is Trusted Launch already") && r.err().contains("must be recreated")
                && r.err().contains("the Linux issue adds `rollback --recreate`") && r.err().contains("Nothing was changed"),
                r.describe());
        assertEquals(List.of(), calls.nonGets());
        try (Journal j = SqliteJournal.open(journal)) {
            assertEquals(1, j.campaigns().size(), "no rollback campaign");
        }
    }

    @Test
    void rollbackReadsTheRealSecurityTypeToo() throws Exception {
        try (Journal j = SqliteJournal.open(journal)) {
            Campaign c = new Campaign("tl-20261201-000000", Instant.parse("2026-12-01T00:00:00Z"), "{\"command\":\"upgrade\"}",
                    "test", CampaignState.FINISHED);
            j.createCampaign(c);
            j.saveVm(CampaignVm.pending(c.id(), VM_ID + "tl01", "{}").withRestorePointId(RESTORE_POINT)
                    .withState(VmState.FAILED, "verify-profile"));
        }
        CliRun r = run("rollback", "--vm", VM_ID + "tl01", "--yes");
        assertEquals(3, r.exitCode(), "tl01 is Trusted Launch in the sandbox: " + r.describe());
        assertTrue(r.err().contains("must be recreated"), r.describe());
    }

    @Test
    void rollbackWithoutARestorePointHasNothingToRestore() {
        upgraded(VmState.BLOCKED, null, "inspect");
        CliRun r = run("rollback", "--vm", "web01", "--yes");
        assertEquals(3, r.exitCode(), r.describe());
        assertTrue(r.err().contains("no restore point was taken for web01"), r.describe());
    }

    @Test
    void rollbackWithoutYesChangesNothingAndSaysWhatItWouldDo() throws Exception {
        upgraded(VmState.FAILED, RESTORE_POINT, "protect", "guest-convert");
        CliRun r = run("rollback", "--vm", "web01");
        assertEquals(2, r.exitCode(), r.describe());
        assertTrue(r.err().contains("nothing was changed. It would restore web01's OS disk from " + RESTORE_POINT), r.describe());
        assertEquals(List.of(), calls.nonGets());
        try (Journal j = SqliteJournal.open(journal)) {
            assertEquals(1, j.campaigns().size());
        }
    }

    @Test
    void rollbackRunsAsAOneVmCampaignThatCarriesTheRestorePoint() throws Exception {
        upgraded(VmState.FAILED, RESTORE_POINT, "protect", "guest-convert");
        CliRun r = run("rollback", "--vm", "WEB01", "--yes");
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().contains("rollback campaign rollback-"), r.describe());
        assertTrue(r.out().contains("rolled back: web01's OS disk was restored from " + RESTORE_POINT), r.describe());
        try (Journal j = SqliteJournal.open(journal)) {
            Campaign rollback = j.campaigns().get(1);
            JsonNode options = JSON.readTree(rollback.optionsJson());
            assertEquals("rollback", options.get("command").asText());
            assertEquals("tl-20261201-000000", options.get("rollbackOf").asText());
            CampaignVm vm = j.vms(rollback.id()).get(0);
            assertEquals(VM_ID + "web01", vm.vmId());
            JsonNode detail = JSON.readTree(j.attempts(rollback.id(), vm.vmId()).get(0).detailJson());
            assertEquals(RESTORE_POINT, detail.get("restorePointId").asText(), "the restore step finds the point in its row");
            assertEquals(CampaignState.FINISHED, rollback.state());
        }
    }

    @Test
    void rollbackOfAVmStillInProgressIsRefused() {
        interrupted("{\"command\":\"upgrade\"}", "web01");
        CliRun r = run("rollback", "--vm", "web01", "--yes");
        assertEquals(3, r.exitCode(), r.describe());
        assertTrue(r.err().contains("web01 is still PENDING in campaign tl-20261201-000000"), r.describe());
    }
}
