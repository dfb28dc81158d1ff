package dev.trustlift.core.report.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.disk.testing.RequiredTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the upgrade report in headless Chromium and reads the DOM after the inlined script ran: the
 * state filter works in a real browser, from a link that presets it, and the page needs nothing else.
 * Missing chromium skips locally and fails on CI (RequiredTools).
 */
class CampaignHtmlBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path tmp;

    @Test
    void theStateFilterRunsInARealBrowser() throws Exception {
        RequiredTools.require(Files.isExecutable(CHROMIUM), "chromium is not installed (scripts/test-packages.txt lists it)");
        CampaignView view = SampleView.in(tmp);
        Path file = tmp.resolve("report.html");
        Files.writeString(file, new CampaignHtml().render(view, ArtifactLinks.forReport(view.artifactFolder(), file)),
                StandardCharsets.UTF_8);
        String all = dumpDom(file.toUri() + "");
        assertEquals("6 of 6 VMs", shownCount(all));
        String failed = dumpDom(file.toUri() + "#state=FAILED");
        assertEquals("1 of 6 VMs", shownCount(failed));
        assertEquals(5, hidden(failed, "tr class=\"vm hidden\""), "the table hides the other five");
        assertEquals(5, hidden(failed, "details class=\"vmcard hidden\""), "and their cards");
        assertTrue(failed.contains("class=\"card on\" type=\"button\" data-state=\"FAILED\""), "the FAILED card is lit");
        assertEquals("1 of 6 VMs", shownCount(dumpDom(file.toUri() + "#state=IN_PROGRESS")));
    }

    private String dumpDom(String url) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(tmp, "profile");
        Process p = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--dump-dom", url))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 60 s");
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    private static String shownCount(String dom) {
        Matcher m = Pattern.compile("<span class=\"count\" id=\"f-count\">([^<]*)</span>").matcher(dom);
        if (!m.find()) {
            throw new AssertionError("no count element in the DOM:\n" + dom.substring(0, Math.min(500, dom.length())));
        }
        return m.group(1);
    }

    private static int hidden(String dom, String part) {
        int n = 0;
        for (int i = dom.indexOf(part); i >= 0; i = dom.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
