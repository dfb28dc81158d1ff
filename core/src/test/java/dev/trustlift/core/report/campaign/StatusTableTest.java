package dev.trustlift.core.report.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusTableTest {
    @TempDir
    Path dir;

    @Test
    void theHeadNamesTheJournalTheCampaignAndTheCountsOfEveryState() {
        List<String> lines = new StatusTable(false).render(SampleView.in(dir)).lines().toList();
        assertEquals("journal:  " + dir.resolve("trustlift-journal.db"), lines.get(0));
        assertEquals("campaign: c-20261208-0300  RUNNING  created 2026-12-08T03:00:00Z  trustlift 0.9.0", lines.get(1));
        assertEquals("VMs:      6  PENDING 1  IN_PROGRESS 1  UPGRADED 1  ALREADY_TRUSTED_LAUNCH 1  SKIPPED 0  BLOCKED 1  "
                + "FAILED 1", lines.get(2));
    }

    @Test
    void oneRowPerVmWithStepAndDowntime() {
        List<String> rows = new StatusTable(false).render(SampleView.in(dir)).lines().skip(4).toList();
        assertEquals(7, rows.size(), String.join("\n", rows));
        assertTrue(rows.get(0).matches("VM +RESOURCE GROUP +STATE +STEP +DOWNTIME"), rows.get(0));
        assertTrue(rows.get(1).matches("win2022-web +rg-prod +UPGRADED +done +2m 00s"), rows.get(1));
        assertTrue(rows.get(2).matches("win2019-app +rg-prod +FAILED +guest-convert"), rows.get(2));
        // The start attempt began 03:05:06; the journal is read at 03:06:00.
        assertTrue(rows.get(4).matches("win2022-db +rg-test +IN_PROGRESS +start \\(attempt 1, running since "
                + "2026-12-08T03:05:06Z, 54s\\) +not ended \\(deallocated 2026-12-08T03:04:00Z\\)"), rows.get(4));
        assertTrue(rows.get(6).matches("win11-desk +rg-test +PENDING"), rows.get(6));
        // Columns line up: every state starts where the heading does.
        int at = rows.get(0).indexOf("STATE");
        rows.stream().skip(1).forEach(r -> assertTrue(Character.isLetter(r.charAt(at)) && r.charAt(at - 1) == ' ', r));
    }

    @Test
    void colourOnlyWhenAsked() {
        CampaignView view = SampleView.in(dir);
        assertFalse(new StatusTable(false).render(view).contains("\u001b["));
        String coloured = new StatusTable(true).render(view);
        assertTrue(coloured.contains("\u001b[1;31mFAILED\u001b[0m"), coloured);
        assertTrue(coloured.contains("\u001b[32mUPGRADED\u001b[0m"), coloured);
    }
}
