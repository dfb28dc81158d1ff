package dev.trustlift.cli.assess;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReportFormatTest {
    @Test
    void askedFormatWinsThenTheExtensionThenTheTable() {
        assertEquals(ReportFormat.csv, ReportFormat.choose(ReportFormat.csv, Path.of("r.html")));
        assertEquals(ReportFormat.html, ReportFormat.choose(null, Path.of("out", "Report.HTML")));
        assertEquals(ReportFormat.json, ReportFormat.choose(null, Path.of("r.json")));
        assertEquals(ReportFormat.csv, ReportFormat.choose(null, Path.of("r.csv")));
        assertEquals(ReportFormat.table, ReportFormat.choose(null, Path.of("r.txt")));
        assertEquals(ReportFormat.table, ReportFormat.choose(null, null));
    }
}
