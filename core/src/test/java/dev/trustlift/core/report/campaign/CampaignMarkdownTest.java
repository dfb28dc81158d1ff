package dev.trustlift.core.report.campaign;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CampaignMarkdownTest {
    @TempDir
    Path dir;

    @Test
    void theSummaryAndEachVmsStepsFindingsAndArtifacts() throws Exception {
        CampaignView view = SampleView.in(dir);
        Path out = Files.createDirectories(dir.resolve("out")).resolve("report.md");
        String md = new CampaignMarkdown().render(view, ArtifactLinks.forReport(view.artifactFolder(), out));
        assertTrue(md.contains("| UPGRADED | 1 |\n"), md);
        assertTrue(md.contains("| **all** | **6** |"), md);
        assertTrue(md.contains("- Wall time: 5m 30s (first step started 2026-12-08T03:00:00Z, last ended 2026-12-08T03:05:30Z)"), md);
        assertTrue(md.contains("total 2m 00s, longest 2m 00s (win2022-web)"), md);
        assertTrue(md.contains("- **1 VM was deallocated and not seen running again**"), md);
        assertTrue(md.contains("- Downtime: 2m 00s (2026-12-08T03:02:40Z -> 2026-12-08T03:04:40Z)"), md);
        assertTrue(md.contains("| 7 | deallocate | 1 | FAILED | 2026-12-08T03:02:30Z | 2026-12-08T03:02:35Z | 5s |  | "
                + "`req-web-409` | Conflict: OperationNotAllowed: the VM is being updated; retry later |"), md);
        assertTrue(md.contains("- **BLOCKER** `TL030` Windows Server 2016 has no MBR2GPT in the full OS — fix: Upgrade"), md);
        Matcher link = Pattern.compile("- \\[setupact\\.log\\]\\(([^)]+)\\)").matcher(md);
        assertTrue(link.find(), md);
        assertTrue(link.group(1).startsWith("../trustlift-journal.db.d/"), link.group(1));
        assertTrue(Files.isRegularFile(out.getParent().resolve(link.group(1))), link.group(1));
    }

    @Test
    void withoutAReportFileArtifactsAreLinkedByAbsoluteUri() {
        CampaignView view = SampleView.in(dir);
        String md = new CampaignMarkdown().render(view, ArtifactLinks.forReport(view.artifactFolder(), null));
        assertTrue(md.contains("- [setupact.log](" + view.artifactFolder().toUri()), md);
    }
}
