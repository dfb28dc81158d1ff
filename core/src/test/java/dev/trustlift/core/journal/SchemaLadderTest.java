package dev.trustlift.core.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaLadderTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-08T00:00:00Z"), ZoneOffset.UTC);
    private static final SchemaMigration V2 = SchemaMigration.fromResource(SchemaLadderTest.class, "V2__ladder_test_notes.sql");

    @TempDir
    Path dir;

    @Test
    void aV1JournalClimbsToV2KeepingItsRowsAndRecordingEachVersion() throws Exception {
        Path db = dir.resolve("j.db");
        try (SqliteJournal journal = SqliteJournal.open(db)) {
            journal.createCampaign(new Campaign("c", Instant.EPOCH, "{}", "0.1.0", CampaignState.RUNNING));
            journal.saveVm(CampaignVm.pending("c", "vm-1", "{}"));
        }
        List<SchemaMigration> ladder = new ArrayList<>(SchemaMigration.known());
        ladder.add(V2);
        try (SqliteJournal journal = SqliteJournal.open(db, ladder, CLOCK)) {
            assertEquals(VmState.PENDING, journal.vm("c", "vm-1").orElseThrow().state());
        }
        assertEquals(List.of("1 init", "2 ladder test notes"), rows(db, "SELECT version || ' ' || description FROM schema_version ORDER BY version"));
        assertEquals(List.of("migrated from PENDING"), rows(db, "SELECT notes FROM campaign_vm"));
        // Opening again applies nothing twice (an ALTER TABLE twice would fail).
        SqliteJournal.open(db, ladder, CLOCK).close();
        assertEquals(List.of("2"), rows(db, "SELECT COUNT(*) FROM schema_version"));
    }

    @Test
    void aNewJournalClimbsTheWholeLadderInOrder() throws Exception {
        Path db = dir.resolve("new.db");
        SqliteJournal.open(db, List.of(SchemaMigration.known().get(0), V2), CLOCK).close();
        assertEquals(List.of("1", "2"), rows(db, "SELECT version FROM schema_version ORDER BY version"));
        assertEquals(List.of(CLOCK.instant().toString()), rows(db, "SELECT DISTINCT applied FROM schema_version"));
    }

    @Test
    void aJournalWrittenByANewerSchemaIsRefusedWithAClearMessage() throws Exception {
        Path db = dir.resolve("newer.db");
        SqliteJournal.open(db, List.of(SchemaMigration.known().get(0), V2), CLOCK).close();
        JournalException e = assertThrows(JournalException.class, () -> SqliteJournal.open(db));
        assertTrue(e.getMessage().contains("written by a newer trustlift (journal schema 2)"), e.getMessage());
        assertTrue(e.getMessage().contains("reads schema 1 and older"), e.getMessage());
        assertEquals(List.of("1", "2"), rows(db, "SELECT version FROM schema_version ORDER BY version"),
                "refusing changed nothing");
    }

    @Test
    void aFailingMigrationLeavesTheJournalAtItsFormerVersion() throws Exception {
        Path db = dir.resolve("broken.db");
        SqliteJournal.open(db).close();
        SchemaMigration broken = new SchemaMigration(2, "broken",
                "ALTER TABLE campaign ADD COLUMN x TEXT;\nSELECT * FROM no_such_table;\n");
        assertThrows(JournalException.class,
                () -> SqliteJournal.open(db, List.of(SchemaMigration.known().get(0), broken), CLOCK));
        assertEquals(List.of("1"), rows(db, "SELECT MAX(version) FROM schema_version"));
        assertEquals(List.of("0"), rows(db, "SELECT COUNT(*) FROM pragma_table_info('campaign') WHERE name = 'x'"));
    }

    @Test
    void aLadderWithAGapIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SqliteJournal.open(dir.resolve("gap.db"), List.of(V2), CLOCK));
    }

    @Test
    void everyMigrationFileInMainIsOnTheKnownLadder() throws Exception {
        Path folder = Path.of(SchemaMigration.class.getResource("V1__init.sql").toURI()).getParent();
        List<String> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList();
        }
        List<String> known = SchemaMigration.known().stream()
                .map(m -> "V" + m.version() + "__" + m.description().replace(' ', '_') + ".sql").toList();
        assertEquals(files, known);
    }

    @Test
    void statementsAreSplitAtLineEndingSemicolonsWithoutComments() {
        SchemaMigration m = new SchemaMigration(1, "x", "-- a comment; not a statement\nCREATE TABLE a (\n  b TEXT\n);\n\nDROP TABLE a;\n");
        assertEquals(List.of("CREATE TABLE a (\n  b TEXT\n)", "DROP TABLE a"), m.statements());
        assertThrows(IllegalStateException.class, () -> new SchemaMigration(1, "x", "CREATE TABLE a (b TEXT)").statements());
    }

    private static List<String> rows(Path db, String sql) throws Exception {
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = raw.createStatement().executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        }
    }
}
