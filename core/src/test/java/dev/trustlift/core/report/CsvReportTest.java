package dev.trustlift.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.assess.AssessmentReport;
import dev.trustlift.core.assess.VmAssessment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReportTest {

    /**
     * Users' scripts read these columns by name and position, so they are written out here, not
     * taken from CsvReport: renaming, reordering or dropping one must fail this test (add new
     * columns at the end, and say so in docs/assess.md).
     */
    private static final List<String> COLUMNS = List.of("subscription", "resourceGroup", "name", "id", "verdict",
            "rule", "severity", "message", "evidence", "remediation", "suggestions", "guestChecked");

    @Test
    void theHeaderKeepsTheColumnsScriptsDependOn() {
        String csv = new CsvReport().render(SampleFleet.report());
        assertEquals(String.join(",", COLUMNS), csv.substring(0, csv.indexOf("\r\n")));
    }

    @Test
    void parsesBackToOneRowPerFindingWithVmColumns() {
        AssessmentReport report = SampleFleet.report();
        String csv = new CsvReport().render(report);
        assertTrue(csv.endsWith("\r\n"));
        List<List<String>> rows = parse(csv);
        assertEquals(COLUMNS, rows.get(0));
        int expected = report.vms().stream().mapToInt(vm -> Math.max(1, vm.findings().size())).sum();
        assertEquals(expected, rows.size() - 1);
        for (List<String> row : rows) {
            assertEquals(COLUMNS.size(), row.size(), row.toString());
        }
        VmAssessment web02 = report.vms().get(1);
        List<String> first = rows.stream().filter(r -> r.get(2).equals("web02")).findFirst().orElseThrow();
        assertEquals(List.of(web02.vm().subscription(), "rg-app", "web02", web02.vm().id(), "BLOCKED", "TL020",
                "BLOCKER"), first.subList(0, 7));
        assertEquals(web02.findings().get(0).message(), first.get(7));
        assertEquals(String.join(" ", web02.findings().get(0).suggestions()), first.get(10));
        assertEquals("true", first.get(11));
        List<String> app01 = rows.stream().filter(r -> r.get(2).equals("app01")).findFirst().orElseThrow();
        assertEquals("false", app01.get(11), "app01 is deallocated: its guest was not checked");
    }

    @Test
    void quotesCommasQuotesAndNewlines() {
        List<List<String>> rows = parse(new CsvReport().render(SampleFleet.report()));
        List<String> lab = rows.stream().filter(r -> r.get(2).equals("lab01")).findFirst().orElseThrow();
        assertEquals("tag=trustlift:exclude; value=" + SampleFleet.HOSTILE_TAG, lab.get(8));
        assertEquals("\"a,b\"", CsvReport.quote("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvReport.quote("say \"hi\""));
        assertEquals("\"two\nlines\"", CsvReport.quote("two\nlines"));
        assertEquals("plain", CsvReport.quote("plain"));
    }

    /** An independent RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks. */
    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        return rows;
    }
}
