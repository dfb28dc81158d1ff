package dev.trustlift.core.report.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.journal.Campaign;
import dev.trustlift.core.journal.CampaignState;
import dev.trustlift.core.journal.CampaignVm;
import dev.trustlift.core.journal.SqliteJournal;
import dev.trustlift.core.journal.StepAttempt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CampaignHtmlTest {
    @TempDir
    Path dir;

    private String render(Path reportFile) {
        CampaignView view = SampleView.in(dir);
        return new CampaignHtml().render(view, ArtifactLinks.forReport(view.artifactFolder(), reportFile));
    }

    @Test
    void selfContainedWithTheSummaryFigures() {
        String html = render(null);
        assertFalse(html.contains("<link"), "no external stylesheet");
        assertFalse(html.contains("src="), "no external script or image");
        assertTrue(html.contains("<div class=\"figure\" id=\"fig-wall-time\"><dt>Wall time</dt><dd><b>5m 30s</b>"), html);
        assertTrue(html.contains("id=\"fig-total-downtime\"><dt>Total downtime</dt><dd><b>2m 00s</b>"));
        assertTrue(html.contains("id=\"fig-max-downtime\"><dt>Longest downtime</dt><dd><b>2m 00s</b><span>win2022-web"));
        assertTrue(html.contains("id=\"fig-ongoing\"><dt>Not running again</dt><dd><b>1</b>"));
        assertTrue(html.contains("data-state=\"FAILED\" style=\"--c:var(--failed)\"><b>1</b><span>Failed"), html);
        assertEquals(6, count(html, "<tr class=\"vm\""));
        assertEquals(6, count(html, "<details class=\"vmcard\""));
    }

    @Test
    void stepsWithRequestIdsErrorsAndTheRestorePoint() {
        String html = render(null);
        assertEquals(12 + 6 + 2 + 5 + 1, count(html, "<tr class=\"attempt "));
        assertTrue(html.contains("<code>req-web-409</code>"));
        assertTrue(html.contains("<tr class=\"error\"><td></td><td colspan=\"9\"><b>MBR2GPT_EXIT_7</b> Cannot find room for the EFI "
                + "system partition</td></tr>"), html);
        assertTrue(html.contains("<code>" + SampleCampaign.RESTORE_POINT + "</code>"));
        assertTrue(html.contains("<span class=\"astate\">RUNNING</span>"), "the open start attempt");
        // The retried deallocate ran 03:02:40 -> 03:03:40 of the VM's 03:00:00 -> 03:05:30: 48.48% in, 18.18% wide.
        assertTrue(html.contains("left:48.48%;width:18.18%"), html);
        // win2022-db's running start began at its last journaled instant (03:05:06): a sliver at the right end,
        // not a bar to the moment the report was read.
        assertTrue(Pattern.compile("<tr class=\"attempt started\" data-step=\"start\">.*?left:99\\.50%;width:0\\.50%")
                .matcher(html).find(), html);
    }

    @Test
    void artifactsAreLinkedRelativeToTheReportWithTheirLastFortyLines() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out")).resolve("report.html");
        String html = render(out);
        Matcher href = Pattern.compile("<a href=\"([^\"]+)\">setupact.log</a>").matcher(html);
        assertTrue(href.find(), html);
        assertTrue(href.group(1).startsWith("../trustlift-journal.db.d/"), href.group(1));
        assertTrue(Files.isRegularFile(out.getParent().resolve(href.group(1))));
        Matcher tail = Pattern.compile("<details class=\"tail\"><summary>last (\\d+) lines</summary><pre>([^<]*)</pre>")
                .matcher(html);
        assertTrue(tail.find());
        assertEquals("40", tail.group(1));
        List<String> lines = tail.group(2).lines().toList();
        assertEquals(40, lines.size());
        assertTrue(lines.get(0).endsWith("MBR2GPT: line 12"), lines.get(0));
        assertTrue(lines.get(39).endsWith("Cannot find room for the EFI system partition"), lines.get(39));
        assertFalse(html.contains("MBR2GPT: line 11\n"), "the log is not inlined whole");
    }

    @Test
    void journaledTextIsEscaped() throws Exception {
        Path file = dir.resolve("x.db");
        try (SqliteJournal j = SqliteJournal.open(file)) {
            j.createCampaign(new Campaign("c<1>", Instant.EPOCH, "{}", "0.9.0", CampaignState.RUNNING));
            j.saveVm(CampaignVm.pending("c<1>", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/"
                    + "a<script>", "{}"));
            StepAttempt a = j.startAttempt("c<1>", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/"
                    + "virtualMachines/a<script>", "inspect", Instant.EPOCH);
            j.failAttempt(a.key(), Instant.EPOCH.plusSeconds(1), List.of(), "E", "<img onerror=x>", null);
            j.saveArtifact("c<1>", a.key().vmId(), "x.log", "<b>log</b>\n".getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
        }
        CampaignView view = SampleView.read(file, null);
        String html = new CampaignHtml().render(view, ArtifactLinks.forReport(view.artifactFolder(), null));
        assertFalse(html.contains("<script>\"") || html.contains("a<script>") || html.contains("<img") || html.contains("<b>log"));
        assertTrue(html.contains("a&lt;script&gt;") && html.contains("&lt;img onerror=x&gt;") && html.contains("&lt;b&gt;log"));
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
