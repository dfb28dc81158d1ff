package dev.trustlift.core.report.campaign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustlift.core.journal.VmState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal written by the first release (journals/v1-campaign.db, see CommittedJournalTest) renders
 * in every format, read from a copy and left byte for byte as it was. Its findings predate the
 * findings codec ({@code ruleId}), so the report shows them as journaled.
 */
class CommittedJournalReportTest {
    @TempDir
    Path dir;
    private Path db;

    @BeforeEach
    void copyTheCommittedJournal() throws Exception {
        Path source = Path.of(CommittedJournalReportTest.class.getResource("/journals/v1-campaign.db").toURI());
        db = dir.resolve("v1-campaign.db");
        Path sourceFolder = source.resolveSibling("v1-campaign.db.d");
        try (Stream<Path> files = Files.walk(sourceFolder)) {
            for (Path file : files.toList()) {
                Path target = dir.resolve("v1-campaign.db.d").resolve(sourceFolder.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        Files.copy(source, db);
    }

    @Test
    void itsFiguresReadBack() {
        CampaignView view = SampleView.read(db, null);
        assertEquals("c-v1", view.campaign().id());
        assertEquals(1, view.counts().get(VmState.UPGRADED));
        assertEquals(1, view.counts().get(VmState.IN_PROGRESS));
        assertEquals(1, view.counts().get(VmState.BLOCKED));
        // First attempt 02:00:00, last end 02:01:30 (win2019-mid's second guest-convert).
        assertEquals(Duration.ofSeconds(90), view.wallTime().orElseThrow());
        assertEquals(Duration.ofSeconds(30), view.totalDowntime(), "win2022-done: 02:00:20 -> 02:00:50");
        assertEquals(1, view.ongoingDowntimes(), "win2019-mid was being deallocated");
        assertTrue(view.vms().get(2).findingsUnreadable());
    }

    @Test
    void everyFormatRendersAndTheFileIsUnchanged() throws Exception {
        byte[] before = Files.readAllBytes(db);
        CampaignView view = SampleView.read(db, null);
        Path out = dir.resolve("report.html");
        ArtifactLinks links = ArtifactLinks.forReport(view.artifactFolder(), out);

        String status = new StatusTable(false).render(view);
        assertTrue(status.lines().anyMatch(l -> l.matches("win2019-mid +rg-v1 +IN_PROGRESS +deallocate \\(attempt 1, "
                + "running since 2026-12-08T02:01:31Z, .*\\) +not ended .*")), status);

        JsonNode json = new ObjectMapper().readTree(new CampaignJson().report(view, links));
        assertEquals(30, json.at("/vms/0/downtimeSeconds").asInt());
        assertEquals("deallocate", json.at("/vms/1/steps/2/operation/label").asText(), "a plain V1 operation_kind");
        assertEquals("TL030", json.at("/vms/2/findings/0/ruleId").asText(), "findings as journaled");

        String html = new CampaignHtml().render(view, links);
        assertTrue(html.contains("Findings as journaled: <code>[{&quot;ruleId&quot;:&quot;TL030&quot;"), html);
        assertTrue(html.contains("<pre>MBR2GPT: Cannot find room for the EFI system partition</pre>"), html);
        assertTrue(html.contains("<a href=\"v1-campaign.db.d/c-v1-"), html);

        String csv = new CampaignCsv().render(view);
        assertEquals(1 + 5 + 3 + 1, csv.lines().count(), csv);
        assertTrue(new CampaignMarkdown().render(view, links).contains("| 1 | guest-convert | 1 | FAILED |"));

        assertArrayEquals(before, Files.readAllBytes(db));
    }
}
