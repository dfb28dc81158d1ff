package dev.trustlift.core.report;

import dev.trustlift.core.assess.AssessmentReport;
import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.Verdict;
import dev.trustlift.core.assess.VmAssessment;
import java.util.ArrayList;
import java.util.List;

/**
 * The terminal view: one aligned block per VM (verdict, then each finding with its fix for the
 * ones that need action) and a summary line. Colour only when asked; the caller decides from
 * NO_COLOR and whether stdout is a terminal.
 */
public final class TableReport {
    private static final String RESET = "\u001b[0m";
    private static final String[] HEADINGS = {"VM", "RESOURCE GROUP", "VERDICT", "GUEST", "RULE", "SEVERITY", "FINDING"};

    private final boolean colour;

    public TableReport(boolean colour) {
        this.colour = colour;
    }

    public String render(AssessmentReport report) {
        List<String[]> rows = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        for (VmAssessment vm : report.vms()) {
            boolean first = true;
            List<Finding> findings = vm.findings();
            if (findings.isEmpty()) {
                rows.add(new String[] {vm.vm().name(), vm.vm().resourceGroup(), vm.verdict().name(), guest(vm), "", "", ""});
                fixes.add(null);
            }
            for (Finding f : findings) {
                rows.add(new String[] {first ? vm.vm().name() : "", first ? vm.vm().resourceGroup() : "",
                        first ? vm.verdict().name() : "", first ? guest(vm) : "", f.rule(), f.severity().name(), f.message()});
                boolean actionable = f.severity() == Severity.BLOCKER || f.severity() == Severity.AUTO_FIX;
                fixes.add(actionable && !f.remediation().isEmpty() ? f.remediation() : null);
                first = false;
            }
        }
        int[] widths = new int[HEADINGS.length - 1];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = HEADINGS[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, HEADINGS, widths, true);
        int indent = 0;
        for (int i = 0; i < 5; i++) {
            indent += widths[i] + 2;
        }
        for (int r = 0; r < rows.size(); r++) {
            line(out, rows.get(r), widths, false);
            if (fixes.get(r) != null) {
                out.append(" ".repeat(indent)).append(paint("  fix: ", "\u001b[2m")).append(fixes.get(r)).append('\n');
            }
        }
        out.append('\n').append(summary(report)).append('\n');
        return out.toString();
    }

    private void line(StringBuilder out, String[] cells, int[] widths, boolean heading) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i];
            String pad = i < widths.length ? " ".repeat(widths[i] - cell.length() + 2) : "";
            String painted = heading ? paint(cell, "\u001b[1m")
                    : i == 2 && !cell.isEmpty() ? paint(cell, verdictColour(Verdict.valueOf(cell)))
                    : i == 5 && !cell.isEmpty() ? paint(cell, severityColour(Severity.valueOf(cell))) : cell;
            b.append(painted).append(i < cells.length - 1 ? pad : "");
        }
        out.append(b.toString().stripTrailing()).append('\n');
    }

    /** "checked" or "not checked": whether the verdict covers the guest (TL008 says why not). */
    private static String guest(VmAssessment vm) {
        return vm.guestChecked() ? "checked" : "not checked";
    }

    /** The verdict counts, then how many assessed VMs' guests were not checked (TL008). */
    public String summary(AssessmentReport report) {
        StringBuilder b = new StringBuilder(report.vms().size() + (report.vms().size() == 1 ? " VM: " : " VMs: "));
        boolean first = true;
        for (Verdict v : JsonReport.SUMMARY_ORDER) {
            b.append(first ? "" : ", ").append(paint(report.summary().get(v) + " " + v.name(), verdictColour(v)));
            first = false;
        }
        long unchecked = report.guestNotChecked();
        b.append("; guest not checked on ").append(paint(unchecked + (unchecked == 1 ? " VM" : " VMs"),
                unchecked > 0 ? "\u001b[33m" : null)).append(" (TL008)");
        return b.toString();
    }

    private String paint(String text, String ansi) {
        return colour && ansi != null ? ansi + text + RESET : text;
    }

    private static String verdictColour(Verdict v) {
        return switch (v) {
            case READY, ALREADY_TRUSTED_LAUNCH -> "\u001b[32m";
            case READY_WITH_FIXES -> "\u001b[36m";
            case BLOCKED -> "\u001b[31m";
            case UNKNOWN -> "\u001b[33m";
            case SKIPPED -> "\u001b[2m";
        };
    }

    private static String severityColour(Severity s) {
        return switch (s) {
            case BLOCKER -> "\u001b[31m";
            case AUTO_FIX -> "\u001b[36m";
            case WARNING -> "\u001b[33m";
            case INFO -> null;
        };
    }
}
