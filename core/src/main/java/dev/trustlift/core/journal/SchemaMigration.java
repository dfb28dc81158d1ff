package dev.trustlift.core.journal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One step of the journal's schema: version N's SQL, applied to a journal at version N-1. The SQL
 * stays within what SQLite and PostgreSQL both accept, so the multi-worker journal reuses it.
 */
public record SchemaMigration(int version, String description, String sql) {
    public SchemaMigration {
        if (version < 1) {
            throw new IllegalArgumentException("schema versions start at 1, got " + version);
        }
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(sql, "sql");
    }

    /** The migrations this trustlift knows, in order; the last one's version is the schema it writes. */
    public static List<SchemaMigration> known() {
        return List.of(fromResource(SchemaMigration.class, "V1__init.sql"));
    }

    /** Reads {@code V<n>__<description>.sql} beside {@code anchor}'s package. */
    public static SchemaMigration fromResource(Class<?> anchor, String fileName) {
        if (!fileName.matches("V[1-9][0-9]*__[a-z0-9_]+\\.sql")) {
            throw new IllegalArgumentException("a migration file is named V<n>__<description>.sql, got " + fileName);
        }
        int version = Integer.parseInt(fileName.substring(1, fileName.indexOf("__")));
        String description = fileName.substring(fileName.indexOf("__") + 2, fileName.length() - 4).replace('_', ' ');
        try (InputStream in = anchor.getResourceAsStream(fileName)) {
            if (in == null) {
                throw new IllegalStateException("migration resource missing beside " + anchor.getName() + ": " + fileName);
            }
            return new SchemaMigration(version, description, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The SQL split into statements. Migrations hold plain DDL and DML, so a statement ends at a
     * semicolon that ends a line; {@code --} comment lines are dropped. (No triggers or string
     * literals holding ";\n": the files are ours and a test reads each one.)
     */
    public List<String> statements() {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                statements.add(statement.substring(0, statement.length() - 1).strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalStateException("migration V" + version + " ends without a semicolon: " + current.toString().strip());
        }
        return statements;
    }
}
