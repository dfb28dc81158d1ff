package dev.trustlift.cli.upgrade;

import dev.trustlift.cli.Main;
import dev.trustlift.core.journal.Journal;
import dev.trustlift.core.journal.SqliteJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Opening the journal a command names: an existing one for resume and rollback (never created by a typo). */
final class JournalFiles {
    private JournalFiles() {
    }

    static Path absolute(Path journal) {
        return journal.toAbsolutePath().normalize();
    }

    /** An existing journal; a usage error (exit 2) when there is none at {@code path}. */
    static Journal existing(CommandSpec spec, Path path) {
        if (!Files.isRegularFile(path)) {
            throw new ParameterException(spec.commandLine(), "--journal " + path + ": no such journal file");
        }
        return SqliteJournal.open(path);
    }

    static String toolVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }
}
