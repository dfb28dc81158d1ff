package dev.trustlift.core.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Properties;

/**
 * Opens an existing journal for {@code status} and {@code report}, which must never change it: the
 * file is opened read-only (SQLite's SQLITE_OPEN_READONLY, so neither a missing file is created nor a
 * row written), its schema is checked but not climbed. A journal of an older schema is read through
 * a migrated snapshot ({@code VACUUM INTO} a temporary file, deleted on close), so the readers only
 * ever see the current columns while the original stays as the older trustlift left it.
 */
public final class JournalReading {
    /** SQLite's SQLITE_OPEN_READONLY flag, as sqlite-jdbc's {@code open_mode} property takes it. */
    private static final String OPEN_READ_ONLY = "1";
    private static final int SQLITE_NOTADB = 26;

    private JournalReading() {
    }

    /** Opens {@code file} to read it; a missing file, a file that is no journal, or a newer schema is refused. */
    public static SqliteJournal open(Path file) {
        return open(file, SchemaMigration.known());
    }

    static SqliteJournal open(Path file, List<SchemaMigration> migrations) {
        if (!Files.isRegularFile(file)) {
            throw new JournalException("no journal at " + file + ": the file does not exist (pass the --journal "
                    + "path that upgrade printed first)");
        }
        SchemaLadder ladder = new SchemaLadder(migrations, Clock.systemUTC());
        Connection connection = null;
        try {
            Properties properties = new Properties();
            properties.setProperty("open_mode", OPEN_READ_ONLY);
            connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), properties);
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA busy_timeout = 10000");
            }
            int version = ladder.currentVersion(connection, file);
            if (version == 0) {
                throw new JournalException(file + " is not a trustlift journal (the database is empty)");
            }
            if (version > ladder.newestVersion()) {
                throw new JournalException("the journal " + file + " was written by a newer trustlift (journal schema "
                        + version + "); this trustlift reads schema " + ladder.newestVersion() + " and older.");
            }
            if (version == ladder.newestVersion()) {
                return new SqliteJournal(file, connection, file, () -> { });
            }
            Path snapshot = snapshot(connection);
            connection.close();
            connection = null;
            try {
                return SqliteJournal.open(snapshot, migrations, Clock.systemUTC(), file, () -> deleteSnapshot(snapshot));
            } catch (RuntimeException e) {
                deleteSnapshot(snapshot);
                throw e;
            }
        } catch (SQLException e) {
            closeQuietly(connection);
            if (e.getErrorCode() == SQLITE_NOTADB) {
                throw new JournalException(file + " is not a trustlift journal (not an SQLite database)", e);
            }
            throw new JournalException("could not read the journal " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /** A consistent copy of the journal in a temporary file, taken inside one read transaction. */
    private static Path snapshot(Connection connection) throws SQLException {
        Path copy;
        try {
            Path folder = Files.createTempDirectory("trustlift-journal-");
            copy = folder.resolve("snapshot.db");
        } catch (IOException e) {
            throw new JournalException("could not make a temporary copy of the journal: " + e.getMessage(), e);
        }
        try (Statement s = connection.createStatement()) {
            s.execute("VACUUM INTO '" + copy.toAbsolutePath().toString().replace("'", "''") + "'");
        }
        return copy;
    }

    private static void deleteSnapshot(Path snapshot) {
        for (String suffix : List.of("", "-wal", "-shm")) {
            try {
                Files.deleteIfExists(snapshot.resolveSibling(snapshot.getFileName() + suffix));
            } catch (IOException e) {
                // A temporary file left behind is harmless; the read itself succeeded.
            }
        }
        try {
            Files.deleteIfExists(snapshot.getParent());
        } catch (IOException e) {
            // As above.
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // The open already failed; that failure is the one to report.
            }
        }
    }
}
