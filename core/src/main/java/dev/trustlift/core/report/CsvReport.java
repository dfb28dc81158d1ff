package dev.trustlift.core.report;

import dev.trustlift.core.assess.AssessmentReport;
import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.VmAssessment;
import java.util.List;

/**
 * One row per finding with the VM's columns repeated, RFC 4180 quoting and CRLF line ends; a VM
 * without findings still gets one row so every VM appears.
 */
public final class CsvReport {
    public static final List<String> HEADER = List.of("subscription", "resourceGroup", "name", "id", "verdict", "rule",
            "severity", "message", "evidence", "remediation", "suggestions", "guestChecked");
    private static final String CRLF = "\r\n";

    public String render(AssessmentReport report) {
        StringBuilder out = new StringBuilder();
        row(out, HEADER);
        for (VmAssessment vm : report.vms()) {
            List<String> vmColumns = List.of(vm.vm().subscription(), vm.vm().resourceGroup(), vm.vm().name(), vm.vm().id(),
                    vm.verdict().name());
            // guestChecked came after the first release's columns: last, so scripts that read by position keep working.
            String guestChecked = String.valueOf(vm.guestChecked());
            if (vm.findings().isEmpty()) {
                row(out, concat(vmColumns, List.of("", "", "", "", "", "", guestChecked)));
            }
            for (Finding f : vm.findings()) {
                row(out, concat(vmColumns, List.of(f.rule(), f.severity().name(), f.message(), f.evidenceText(),
                        f.remediation(), String.join(" ", f.suggestions()), guestChecked)));
            }
        }
        return out.toString();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static void row(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quote(fields.get(i)));
        }
        out.append(CRLF);
    }

    /** Quotes a field when RFC 4180 requires it (comma, quote, CR or LF), doubling inner quotes. */
    public static String quote(String field) {
        String s = field == null ? "" : field;
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
