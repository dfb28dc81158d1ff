package dev.trustlift.core.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** status and report open journals through JournalReading: never creating, migrating or writing them. */
class JournalReadingTest {
    private static final SchemaMigration V2 = SchemaMigration.fromResource(SchemaLadderTest.class, "V2__ladder_test_notes.sql");

    @TempDir
    Path dir;

    @Test
    void aMissingFileIsRefusedAndNotCreated() {
        Path missing = dir.resolve("nothing.db");
        JournalException e = assertThrows(JournalException.class, () -> JournalReading.open(missing));
        assertTrue(e.getMessage().contains("no journal at " + missing), e.getMessage());
        assertFalse(Files.exists(missing));
        assertFalse(Files.exists(dir.resolve("nothing.db-wal")));
    }

    @Test
    void aFileThatIsNoDatabaseIsRefused() throws Exception {
        Path text = dir.resolve("notes.db");
        Files.writeString(text, "these are not the rows you are looking for\n".repeat(20));
        JournalException e = assertThrows(JournalException.class, () -> JournalReading.open(text));
        assertEquals(text + " is not a trustlift journal (not an SQLite database)", e.getMessage());
    }

    @Test
    void anEmptyFileIsRefused() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.db"));
        JournalException e = assertThrows(JournalException.class, () -> JournalReading.open(empty));
        assertTrue(e.getMessage().contains("is not a trustlift journal (the database is empty)"), e.getMessage());
        assertEquals(0, Files.size(empty));
    }

    @Test
    void anotherSqliteDatabaseIsRefused() throws Exception {
        Path other = dir.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)");
        }
        JournalException e = assertThrows(JournalException.class, () -> JournalReading.open(other));
        assertTrue(e.getMessage().contains("is an SQLite database but not a trustlift journal"), e.getMessage());
    }

    @Test
    void readingChangesNoByteAndRefusesWrites() throws Exception {
        Path db = dir.resolve("j.db");
        writeOneCampaign(db);
        byte[] before = Files.readAllBytes(db);
        try (SqliteJournal journal = JournalReading.open(db)) {
            assertEquals("c", journal.campaigns().get(0).id());
            assertEquals(VmState.PENDING, journal.vm("c", "vm-1").orElseThrow().state());
            assertThrows(JournalException.class, () -> journal.setCampaignState("c", CampaignState.FINISHED));
            assertEquals(dir.resolve("j.db.d").toAbsolutePath(), journal.artifactFolder());
        }
        assertArrayEquals(before, Files.readAllBytes(db));
    }

    @Test
    void aJournalOfAnOlderSchemaIsReadThroughAMigratedCopyAndStaysAtItsVersion() throws Exception {
        Path db = dir.resolve("old.db");
        writeOneCampaign(db);
        byte[] before = Files.readAllBytes(db);
        List<SchemaMigration> ladder = new ArrayList<>(SchemaMigration.known());
        ladder.add(V2);
        Path snapshot;
        try (SqliteJournal journal = JournalReading.open(db, ladder)) {
            assertEquals(VmState.PENDING, journal.vm("c", "vm-1").orElseThrow().state());
            assertEquals(dir.resolve("old.db.d").toAbsolutePath(), journal.artifactFolder(), "the original's artifacts");
            snapshot = journal.file();
            assertEquals(List.of("migrated from PENDING"), rows(snapshot, "SELECT notes FROM campaign_vm"));
        }
        assertFalse(Files.exists(snapshot), "the copy is deleted on close");
        assertArrayEquals(before, Files.readAllBytes(db));
        assertEquals(List.of("1"), rows(db, "SELECT MAX(version) FROM schema_version"));
    }

    @Test
    void aJournalOfANewerSchemaIsRefused() throws Exception {
        Path db = dir.resolve("newer.db");
        SqliteJournal.open(db, List.of(SchemaMigration.known().get(0), V2), java.time.Clock.systemUTC()).close();
        JournalException e = assertThrows(JournalException.class, () -> JournalReading.open(db));
        assertTrue(e.getMessage().contains("written by a newer trustlift (journal schema 2)"), e.getMessage());
    }

    private static void writeOneCampaign(Path db) {
        try (SqliteJournal journal = SqliteJournal.open(db)) {
            journal.createCampaign(new Campaign("c", Instant.EPOCH, "{}", "0.1.0", CampaignState.RUNNING));
            journal.saveVm(CampaignVm.pending("c", "vm-1", "{}"));
            journal.saveArtifact("c", "vm-1", "a.log", "x".getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
        }
    }

    private static List<String> rows(Path db, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
