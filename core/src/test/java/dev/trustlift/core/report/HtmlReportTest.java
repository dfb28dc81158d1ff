package dev.trustlift.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.assess.AssessmentReport;
import dev.trustlift.core.assess.VmAssessment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
    private final AssessmentReport report = SampleFleet.report();
    private final String html = new HtmlReport().render(report);

    @Test
    void escapesEveryPieceOfData() {
        assertFalse(html.contains("<script>alert"), "hostile tag value must not become markup");
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;, with comma"));
        assertEquals("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;", HtmlText.escape("<a href=\"x\">Tom & Jerry's</a>"));
        // exactly one script element: the inlined filter code
        assertEquals(1, count(html, "<script>"));
    }

    @Test
    void isSelfContained() {
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//", Pattern.CASE_INSENSITIVE).matcher(html).find());
        assertFalse(html.contains("@import"));
        assertFalse(html.contains("url("));
        assertFalse(html.contains("<link"));
        assertTrue(html.contains("<style>") && html.contains("<svg"));
    }

    @Test
    void hasVerdictAndRuleFiltersAndEveryVm() {
        assertTrue(html.contains("<select id=\"f-verdict\">"));
        assertTrue(html.contains("<select id=\"f-rule\">"));
        for (String rule : new String[] {"TL020", "TL030", "TL050", "TL090", "TL130", "TL000"}) {
            assertTrue(html.contains("<option value=\"" + rule + "\">"), rule);
        }
        for (VmAssessment vm : report.vms()) {
            assertTrue(html.contains(">" + vm.vm().name() + "</a>"), vm.vm().name());
            assertTrue(html.contains("<span class=\"id\">" + vm.vm().id() + "</span>"), vm.vm().id());
        }
        assertEquals(report.vms().size(), count(html, "<tr class=\"vm\""));
        assertEquals(report.vms().size(), count(html, "<details class=\"vmcard\""));
    }

    @Test
    void chartHasOneSegmentPerPresentVerdictAndCardsCarryTheCounts() {
        long present = report.summary().values().stream().filter(n -> n > 0).count();
        assertEquals(present, count(html, "stroke-dasharray"));
        Matcher m = Pattern.compile("data-verdict=\"BLOCKED\" style=\"--c:var\\(--blocked\\)\"><b>(\\d+)</b>").matcher(html);
        assertTrue(m.find());
        assertEquals(4, Integer.parseInt(m.group(1)));
    }

    @Test
    void barsCountVmsPerRuleThatNeedsAttentionAndOneSubscriptionNeedsNoColumn() {
        Matcher tl020 = Pattern.compile("<button class=\"bar\" type=\"button\" data-rule=\"TL020\".*?<b>(\\d+)</b>").matcher(html);
        assertTrue(tl020.find());
        assertEquals(1, Integer.parseInt(tl020.group(1)));
        Matcher tl091 = Pattern.compile("data-rule=\"TL091\"[^>]*>.*?<b>(\\d+)</b>").matcher(html);
        assertTrue(tl091.find());
        assertEquals(2, Integer.parseInt(tl091.group(1)), "files01 and db01");
        assertFalse(html.contains("data-rule=\"TL093\" title"), "INFO-only rules are not obstacles");
        assertFalse(html.contains("<th>Subscription</th>"));
    }

    @Test
    void writesTheSampleForLooking() throws Exception {
        Path out = Path.of("target", "assess-report-sample.html");
        Files.createDirectories(out.getParent());
        Files.writeString(out, html, StandardCharsets.UTF_8);
        assertTrue(Files.size(out) > 10_000);
    }

    static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
