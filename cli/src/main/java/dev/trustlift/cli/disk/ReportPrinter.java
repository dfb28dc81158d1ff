package dev.trustlift.cli.disk;

import dev.trustlift.disk.validate.RuleResult;
import dev.trustlift.disk.validate.TargetOs;
import dev.trustlift.disk.validate.ValidationReport;
import java.io.PrintWriter;
import java.util.stream.Collectors;

/** Every rule on its own line, PASS/FAIL, the values it saw, and the remedy under a failure. */
final class ReportPrinter {
    private ReportPrinter() {
    }

    static void print(PrintWriter out, ValidationReport report) {
        out.println("Rules for " + report.os().label() + " ("
                + (report.os() == TargetOs.WINDOWS ? "MBR2GPT" : "GPT fdisk, BIOS boot and ESP") + "):");
        int width = report.rules().stream().mapToInt(r -> r.id().length()).max().orElse(0);
        for (RuleResult r : report.rules()) {
            String status = switch (r.status()) {
                case PASS -> "PASS";
                case FAIL -> "FAIL";
                case NOT_CHECKED -> "----";
            };
            String values = r.values().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", "));
            out.printf("  %s  %-" + width + "s  %s%s%n", status, r.id(), r.description(),
                    values.isEmpty() ? "" : " [" + values + "]");
            if (r.failed()) {
                out.printf("        %" + width + "s  remedy: %s%n", "", r.remedy());
            }
        }
        long failed = report.failures().size();
        out.println(failed == 0 ? "All " + report.rules().size() + " rules pass: the disk can be converted."
                : failed + " of " + report.rules().size() + " rules failed: the disk cannot be converted as it is.");
    }
}
