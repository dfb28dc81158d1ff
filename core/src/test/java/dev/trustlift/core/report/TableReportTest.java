package dev.trustlift.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableReportTest {

    @Test
    void plainTextIsAlignedAndHasTheSummary() {
        String text = new TableReport(false).render(SampleFleet.report());
        assertFalse(text.contains("\u001b["), "no escape codes without colour");
        List<String> lines = text.lines().toList();
        int verdictColumn = lines.get(0).indexOf("VERDICT");
        int ruleColumn = lines.get(0).indexOf("RULE");
        assertTrue(verdictColumn > 0 && ruleColumn > verdictColumn);
        String web02 = lines.stream().filter(l -> l.startsWith("web02 ")).findFirst().orElseThrow();
        assertEquals(verdictColumn, web02.indexOf("BLOCKED"));
        assertEquals(ruleColumn, web02.indexOf("TL020"));
        String follow = lines.get(lines.indexOf(web02) + 1);
        assertTrue(follow.trim().startsWith("fix: resize to a Trusted Launch capable size"), follow);
        String ghost = lines.stream().filter(l -> l.startsWith("ghost01 ")).findFirst().orElseThrow();
        assertEquals(verdictColumn, ghost.indexOf("UNKNOWN"));
        // counted by hand from SampleFleet
        assertTrue(text.strip().endsWith("13 VMs: 3 READY, 2 READY_WITH_FIXES, 4 BLOCKED, 1 ALREADY_TRUSTED_LAUNCH, "
                + "2 SKIPPED, 1 UNKNOWN; guest not checked on 2 VMs (TL008)"), text);
        String app01 = lines.stream().filter(l -> l.startsWith("app01 ")).findFirst().orElseThrow();
        assertEquals(lines.get(0).indexOf("GUEST"), app01.indexOf("not checked"));
    }

    @Test
    void colourOnlyWhenAsked() {
        String text = new TableReport(true).render(SampleFleet.report());
        assertTrue(text.contains("\u001b[31mBLOCKED\u001b[0m"));
        assertTrue(text.contains("\u001b[1mVM\u001b[0m"));
    }
}
