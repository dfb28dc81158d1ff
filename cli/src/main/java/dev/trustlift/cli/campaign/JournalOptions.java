package dev.trustlift.cli.campaign;

import dev.trustlift.cli.ErrorReporter.UsageException;
import dev.trustlift.core.journal.JournalException;
import dev.trustlift.core.journal.JournalReading;
import dev.trustlift.core.journal.SqliteJournal;
import dev.trustlift.core.report.campaign.CampaignView;
import dev.trustlift.core.report.campaign.CampaignViews;
import java.nio.file.Path;
import java.time.Instant;
import picocli.CommandLine.Option;

/**
 * {@code --journal PATH [--campaign ID]} of the commands that read a journal. The journal is opened
 * read-only: a wrong path is never created, and nothing is written to a journal that another
 * process may be running an upgrade on. Every reason it cannot be read is the user's input (exit 2).
 */
public final class JournalOptions {

    @Option(names = "--journal", paramLabel = "PATH", required = true,
            description = "The journal of the run (upgrade prints its path first; default there ./trustlift-journal.db).")
    Path journal;

    @Option(names = "--campaign", paramLabel = "ID",
            description = "Show this campaign of the journal instead of the latest.")
    String campaign;

    /** The chosen campaign, read once. */
    public CampaignView read() {
        try (SqliteJournal opened = JournalReading.open(journal)) {
            return CampaignViews.read(opened, journal, campaign, Instant.now());
        } catch (JournalException e) {
            throw new UsageException(e.getMessage());
        }
    }

    public Path journal() {
        return journal;
    }
}
