package dev.trustlift.core.report.campaign;

import static dev.trustlift.core.report.campaign.SampleCampaign.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.journal.Campaign;
import dev.trustlift.core.journal.CampaignState;
import dev.trustlift.core.journal.JournalException;
import dev.trustlift.core.journal.SqliteJournal;
import dev.trustlift.core.journal.VmState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CampaignViewsTest {
    @TempDir
    Path dir;

    @Test
    void theLatestCampaignIsReadWithItsVmsInTheOrderAdded() {
        CampaignView view = SampleView.in(dir);
        assertEquals(SampleCampaign.ID, view.campaign().id());
        assertEquals(List.of("win2022-web", "win2019-app", "ws2016-legacy", "win2022-db", "linux-gpt", "win11-desk"),
                view.vms().stream().map(VmRun::name).toList());
        assertEquals(List.of("rg-prod", "rg-prod", "rg-test", "rg-test", "rg-test", "rg-test"),
                view.vms().stream().map(VmRun::resourceGroup).toList());
        assertEquals(1, view.counts().get(VmState.UPGRADED));
        assertEquals(1, view.counts().get(VmState.FAILED));
        assertEquals(1, view.counts().get(VmState.PENDING));
        assertEquals(0, view.counts().get(VmState.SKIPPED), "the older campaign's skipped VM is not counted");
    }

    @Test
    void theSummaryFiguresComeFromTheJournaledInstants() {
        CampaignView view = SampleView.in(dir);
        // First attempt 03:00:00 (three VMs' inspect), last end 03:05:30 (win2022-web's verify-guest).
        assertEquals(t("03:00:00"), view.firstStart().orElseThrow());
        assertEquals(t("03:05:30"), view.lastEnd().orElseThrow());
        assertEquals(Duration.ofSeconds(330), view.wallTime().orElseThrow());
        // Only win2022-web's downtime ended (03:02:40 -> 03:04:40); win2022-db is still down.
        assertEquals(Duration.ofSeconds(120), view.totalDowntime());
        assertEquals("win2022-web", view.longestDowntime().orElseThrow().name());
        assertEquals(1, view.ongoingDowntimes());
    }

    @Test
    void eachVmKeepsItsAttemptsArtifactsAndFindings() {
        CampaignView view = SampleView.in(dir);
        VmRun web = view.vms().get(0);
        assertEquals(12, web.attempts().size());
        assertEquals(Duration.ofSeconds(120), web.downtime().orElseThrow());
        assertEquals("TL120", web.findings().get(0).rule());
        VmRun app = view.vms().get(1);
        assertEquals(List.of("setupact.log", "setuperr.log"), app.artifacts().stream().map(a -> a.name()).toList());
        VmRun db = view.vms().get(3);
        assertTrue(db.downtimeOngoing());
        assertEquals("start", db.openAttempt().orElseThrow().key().step());
        assertTrue(view.vms().get(5).attempts().isEmpty());
        assertFalse(view.vms().get(2).findingsUnreadable());
    }

    @Test
    void anotherCampaignIsChosenById() {
        SampleView.in(dir);
        CampaignView old = SampleView.read(dir.resolve("trustlift-journal.db"), SampleCampaign.OLD_ID);
        assertEquals(1, old.vms().size());
        assertEquals(1, old.counts().get(VmState.SKIPPED));
        assertTrue(old.wallTime().isEmpty(), "no attempt in the old campaign");
    }

    @Test
    void anUnknownCampaignNamesTheOnesThereAre() {
        SampleView.in(dir);
        JournalException e = assertThrows(JournalException.class,
                () -> SampleView.read(dir.resolve("trustlift-journal.db"), "c-nope"));
        assertTrue(e.getMessage().endsWith("holds no campaign c-nope; it holds " + SampleCampaign.OLD_ID + ", "
                + SampleCampaign.ID), e.getMessage());
    }

    @Test
    void aJournalWithoutACampaignSaysSo() {
        Path file = dir.resolve("fresh.db");
        SqliteJournal.open(file).close();
        JournalException e = assertThrows(JournalException.class, () -> SampleView.read(file, null));
        assertTrue(e.getMessage().contains("holds no campaign yet"), e.getMessage());
    }

    @Test
    void theLatestIsTheOneCreatedLast() {
        Path file = dir.resolve("two.db");
        try (SqliteJournal j = SqliteJournal.open(file)) {
            j.createCampaign(new Campaign("c-a", Instant.parse("2026-12-08T01:00:00Z"), "{}", "0.9.0", CampaignState.FINISHED));
            j.createCampaign(new Campaign("c-b", Instant.parse("2026-12-08T02:00:00Z"), "{}", "0.9.0", CampaignState.RUNNING));
        }
        assertEquals("c-b", SampleView.read(file, null).campaign().id());
    }
}
