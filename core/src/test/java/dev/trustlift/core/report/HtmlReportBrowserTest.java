package dev.trustlift.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * Opens the report in headless Chromium and reads the DOM after the inlined script ran: the
 * filters work in a real browser, from a link that presets them.
 */
class HtmlReportBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path tmp;

    @Test
    void filtersRunInARealBrowser() throws Exception {
        RequiredTools.require(Files.isExecutable(CHROMIUM), "chromium is not installed (scripts/test-packages.txt lists it)");
        Path file = tmp.resolve("report.html");
        Files.writeString(file, new HtmlReport().render(SampleFleet.report()), StandardCharsets.UTF_8);
        assertEquals("13 of 13 VMs", shownCount(dumpDom(file.toUri() + "")));
        assertEquals("4 of 13 VMs", shownCount(dumpDom(file.toUri() + "#verdict=BLOCKED")));
        assertEquals("1 of 13 VMs", shownCount(dumpDom(file.toUri() + "#verdict=BLOCKED&rule=TL020")));
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
}
