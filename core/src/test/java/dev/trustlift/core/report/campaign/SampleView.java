package dev.trustlift.core.report.campaign;

import dev.trustlift.core.journal.JournalReading;
import dev.trustlift.core.journal.SqliteJournal;
import java.nio.file.Path;

/** The sample campaign written to a journal in {@code dir} and read back as status and report read it. */
final class SampleView {
    private SampleView() {
    }

    static CampaignView in(Path dir) {
        Path file = dir.resolve("trustlift-journal.db");
        SampleCampaign.write(file);
        return read(file, null);
    }

    static CampaignView read(Path file, String campaignId) {
        try (SqliteJournal journal = JournalReading.open(file)) {
            return CampaignViews.read(journal, file, campaignId, SampleCampaign.NOW);
        }
    }
}
