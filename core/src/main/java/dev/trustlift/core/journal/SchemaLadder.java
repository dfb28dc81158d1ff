package dev.trustlift.core.journal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;

/**
 * Brings a journal's schema to the newest version this trustlift knows, one migration per
 * transaction, in order; refuses a journal written by a newer schema, since an older tool that
 * resumed it might misread rows whose meaning it does not know.
 */
final class SchemaLadder {
    private final List<SchemaMigration> migrations;
    private final Clock clock;

    SchemaLadder(List<SchemaMigration> migrations, Clock clock) {
        for (int i = 0; i < migrations.size(); i++) {
            if (migrations.get(i).version() != i + 1) {
                throw new IllegalArgumentException("migrations must be numbered 1, 2, 3, ... without gaps; position "
                        + (i + 1) + " holds V" + migrations.get(i).version());
            }
        }
        this.migrations = List.copyOf(migrations);
        this.clock = clock;
    }

    int newestVersion() {
        return migrations.size();
    }

    /** Returns the schema version the journal is at after climbing. */
    int climb(Connection connection, Path file) throws SQLException {
        int current = currentVersion(connection, file);
        if (current > newestVersion()) {
            throw new JournalException("the journal " + file + " was written by a newer trustlift (journal schema "
                    + current + "); this trustlift reads schema " + newestVersion()
                    + " and older. Use the trustlift version that wrote it, or a newer one.");
        }
        for (SchemaMigration migration : migrations.subList(current, migrations.size())) {
            apply(connection, migration);
        }
        return newestVersion();
    }

    /** The journal's schema version, 0 for an empty database; refuses an SQLite file that is no journal. */
    int currentVersion(Connection connection, Path file) throws SQLException {
        boolean versioned;
        boolean empty;
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            versioned = false;
            empty = true;
            while (rs.next()) {
                empty = false;
                versioned |= rs.getString(1).equals("schema_version");
            }
        }
        if (!versioned && !empty) {
            throw new JournalException(file + " is an SQLite database but not a trustlift journal (it has no "
                    + "schema_version table); pass another --journal path.");
        }
        if (!versioned) {
            return 0;
        }
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void apply(Connection connection, SchemaMigration migration) throws SQLException {
        connection.setAutoCommit(false);
        try {
            try (Statement s = connection.createStatement()) {
                s.executeUpdate("CREATE TABLE IF NOT EXISTS schema_version ("
                        + "version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, applied TEXT NOT NULL)");
                for (String statement : migration.statements()) {
                    s.executeUpdate(statement);
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO schema_version (version, description, applied) VALUES (?, ?, ?)")) {
                insert.setInt(1, migration.version());
                insert.setString(2, migration.description());
                insert.setString(3, clock.instant().toString());
                insert.executeUpdate();
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
