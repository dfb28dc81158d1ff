package dev.trustlift.cli.assess;

import dev.trustlift.core.assess.AssessmentReport;
import dev.trustlift.core.report.CsvReport;
import dev.trustlift.core.report.HtmlReport;
import dev.trustlift.core.report.JsonReport;
import dev.trustlift.core.report.TableReport;
import java.nio.file.Path;
import java.util.Locale;

/** The report formats of assess; picocli matches the option value to these names. */
enum ReportFormat {
    table, json, csv, html;

    /** The asked format; else the --out file's extension; else the table. */
    static ReportFormat choose(ReportFormat asked, Path outFile) {
        if (asked != null) {
            return asked;
        }
        String name = outFile == null ? "" : outFile.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return json;
        }
        if (name.endsWith(".csv")) {
            return csv;
        }
        if (name.endsWith(".html") || name.endsWith(".htm")) {
            return html;
        }
        return table;
    }

    String render(AssessmentReport report, boolean colour) {
        return switch (this) {
            case table -> new TableReport(colour).render(report);
            case json -> new JsonReport().render(report);
            case csv -> new CsvReport().render(report);
            case html -> new HtmlReport().render(report);
        };
    }
}
