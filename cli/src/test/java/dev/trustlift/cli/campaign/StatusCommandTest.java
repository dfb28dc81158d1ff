package dev.trustlift.cli.campaign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustlift.cli.testing.CliRun;
import dev.trustlift.core.journal.AttemptState;
import dev.trustlift.core.journal.SqliteJournal;
import dev.trustlift.core.journal.StepAttempt;
import dev.trustlift.core.journal.VmState;
import dev.trustlift.core.report.campaign.SampleCampaign;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** trustlift status through Main.run on a journal written through the Journal API. */
class StatusCommandTest {
    @TempDir
    Path dir;
    private Path journal;

    @BeforeEach
    void writeTheSampleCampaign() {
        journal = dir.resolve("trustlift-journal.db");
        SampleCampaign.write(journal);
    }

    @Test
    void theTableShowsTheLatestCampaignAndEveryVm() throws Exception {
        byte[] before = Files.readAllBytes(journal);
        CliRun r = CliRun.of("status", "--journal", journal.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().startsWith("journal:  " + journal + "\ncampaign: c-20261208-0300  RUNNING"), r.out());
        assertTrue(r.out().contains("UPGRADED 1  ALREADY_TRUSTED_LAUNCH 1  SKIPPED 0  BLOCKED 1  FAILED 1"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("win2022-web +rg-prod +UPGRADED +done +2m 00s")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("win2022-db +rg-test +IN_PROGRESS +start \\(attempt 1, running "
                + "since 2026-12-08T03:05:06Z, .*\\) +not ended .*")), r.out());
        assertFalse(r.out().contains("\u001b["), "no colour on a pipe");
        assertEquals("", r.err());
        assertArrayEquals(before, Files.readAllBytes(journal), "status writes nothing");
    }

    @Test
    void jsonIsOneDocumentWithStableKeys() throws Exception {
        CliRun r = CliRun.of("status", "--journal", journal.toString(), "--output", "json");
        assertEquals(0, r.exitCode(), r.describe());
        JsonNode status = new ObjectMapper().readTree(r.out());
        assertEquals(6, status.get("vms").size());
        assertEquals(7, status.get("counts").size());
        assertEquals(1, status.at("/counts/IN_PROGRESS").asInt());
        assertEquals(120, status.at("/vms/0/downtimeSeconds").asInt());
        assertEquals("ws2016-legacy", status.at("/vms/2/name").asText());
        assertEquals("TL030", status.at("/vms/2/findings/0/rule").asText());
    }

    @Test
    void readsAJournalThatAnUpgradeHoldsOpenAndLetsItWriteOn() throws Exception {
        try (SqliteJournal writer = SqliteJournal.open(journal)) {
            StepAttempt probe = writer.startAttempt(SampleCampaign.ID, SampleCampaign.PENDING, "inspect", SampleCampaign.t("03:06:00"));
            writer.saveVm(writer.vm(SampleCampaign.ID, SampleCampaign.PENDING).orElseThrow().withState(VmState.IN_PROGRESS, "inspect"));
            CliRun r = CliRun.of("status", "--journal", journal.toString(), "--output", "json");
            assertEquals(0, r.exitCode(), r.describe());
            JsonNode status = new ObjectMapper().readTree(r.out());
            assertEquals(2, status.at("/counts/IN_PROGRESS").asInt(), "the writer's last commit is seen");
            assertEquals("inspect", status.at("/vms/5/runningStep/step").asText());
            writer.completeAttempt(probe.key(), SampleCampaign.t("03:06:02"), List.of("req-after-status"), null);
            assertEquals(AttemptState.COMPLETED, writer.attempt(probe.key()).orElseThrow().state());
        }
    }

    @Test
    void anotherCampaignById() throws Exception {
        CliRun r = CliRun.of("status", "--journal", journal.toString(), "--campaign", SampleCampaign.OLD_ID, "--output", "json");
        assertEquals(0, r.exitCode(), r.describe());
        JsonNode status = new ObjectMapper().readTree(r.out());
        assertEquals(SampleCampaign.OLD_ID, status.at("/campaign/id").asText());
        assertEquals(1, status.at("/counts/SKIPPED").asInt());
    }

    @Test
    void aMissingJournalIsAUsageErrorAndIsNotCreated() {
        Path missing = dir.resolve("no-such-journal.db");
        CliRun r = CliRun.of("status", "--journal", missing.toString());
        assertEquals(2, r.exitCode(), r.describe());
        assertTrue(r.err().startsWith("trustlift: error: no journal at " + missing + ": the file does not exist"), r.err());
        assertTrue(r.errIsCleanForPeople(), r.err());
        assertFalse(Files.exists(missing));
        assertFalse(Files.exists(dir.resolve("no-such-journal.db-wal")));
    }

    @Test
    void aFileThatIsNotAJournalIsAUsageError() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "not a database at all\n".repeat(40));
        CliRun r = CliRun.of("status", "--journal", notes.toString());
        assertEquals(2, r.exitCode(), r.describe());
        assertEquals("trustlift: error: " + notes + " is not a trustlift journal (not an SQLite database)", r.err().strip());

        Path other = dir.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)");
        }
        CliRun r2 = CliRun.of("status", "--journal", other.toString());
        assertEquals(2, r2.exitCode(), r2.describe());
        assertTrue(r2.err().contains("is an SQLite database but not a trustlift journal"), r2.err());
    }

    @Test
    void aJournalWithoutACampaignIsAUsageError() {
        Path fresh = dir.resolve("fresh.db");
        SqliteJournal.open(fresh).close();
        CliRun r = CliRun.of("status", "--journal", fresh.toString());
        assertEquals(2, r.exitCode(), r.describe());
        assertTrue(r.err().contains("holds no campaign yet"), r.err());
        CliRun unknown = CliRun.of("status", "--journal", journal.toString(), "--campaign", "c-nope");
        assertEquals(2, unknown.exitCode(), unknown.describe());
        assertTrue(unknown.err().contains("holds no campaign c-nope; it holds "), unknown.err());
    }

    @Test
    void withoutJournalOrWithABadFormatItIsAUsageError() {
        CliRun none = CliRun.of("status");
        assertEquals(2, none.exitCode(), none.describe());
        assertTrue(none.err().contains("Missing required option: '--journal=PATH'"), none.err());
        CliRun bad = CliRun.of("status", "--journal", journal.toString(), "--output", "xml");
        assertEquals(2, bad.exitCode(), bad.describe());
        assertTrue(bad.err().contains("--output"), bad.err());
    }

    @Test
    void colourWhenAskedAndNotWhenNever() {
        CliRun always = CliRun.of("status", "--journal", journal.toString(), "--color", "always");
        assertTrue(always.out().contains("\u001b[1;31mFAILED\u001b[0m"), always.out());
        CliRun never = CliRun.of("status", "--journal", journal.toString(), "--color", "never");
        assertFalse(never.out().contains("\u001b["));
    }
}
