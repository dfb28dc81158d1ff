package dev.trustlift.core.report;

import static dev.trustlift.core.report.HtmlText.escape;

import dev.trustlift.core.assess.AssessmentReport;
import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.Verdict;
import dev.trustlift.core.assess.VmAssessment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One self-contained HTML file for people: a chart of the verdicts, a VM table filterable by
 * verdict, rule and name, and every VM's findings with evidence and remediation. CSS and script
 * are inlined and nothing is fetched, so the file can be mailed or archived as it is.
 */
public final class HtmlReport {
    private static final Map<Verdict, String> COLOUR = Map.of(
            Verdict.READY, "var(--ready)", Verdict.READY_WITH_FIXES, "var(--fixes)", Verdict.BLOCKED, "var(--blocked)",
            Verdict.ALREADY_TRUSTED_LAUNCH, "var(--already)", Verdict.SKIPPED, "var(--skipped)",
            Verdict.UNKNOWN, "var(--unknown)");

    public String render(AssessmentReport report) {
        StringBuilder h = new StringBuilder(16384);
        String when = report.generatedAt().truncatedTo(ChronoUnit.SECONDS).toString();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>trustlift assessment ").append(escape(when)).append("</title>\n<style>\n")
                .append(resource("report.css")).append("</style>\n</head>\n<body>\n<header>\n")
                .append("<h1>Trusted Launch readiness</h1>\n<p>trustlift assess &middot; ").append(report.vms().size())
                .append(report.vms().size() == 1 ? " VM" : " VMs").append(" &middot; generated ").append(escape(when))
                .append("</p>\n</header>\n<main>\n");
        overview(h, report);
        topRules(h, report);
        vmTable(h, report);
        details(h, report);
        h.append("</main>\n<footer>Rule ids and verdicts follow the trustlift assessment contract. ")
                .append("Nothing was changed in Azure to produce this report.</footer>\n<script>\n")
                .append(resource("report.js")).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void overview(StringBuilder h, AssessmentReport report) {
        h.append("<section>\n<h2>Verdicts</h2>\n<div class=\"overview\">\n");
        donut(h, report);
        h.append("<div class=\"cards\">\n");
        for (Verdict v : JsonReport.SUMMARY_ORDER) {
            h.append("<button class=\"card\" type=\"button\" data-verdict=\"").append(v.name()).append("\" style=\"--c:")
                    .append(COLOUR.get(v)).append("\"><b>").append(report.summary().get(v)).append("</b><span>")
                    .append(label(v)).append("</span></button>\n");
        }
        h.append("</div>\n</div>\n</section>\n");
    }

    /** A ring of verdict shares: a circle of circumference 100 so each dash length is a percentage. */
    private static void donut(StringBuilder h, AssessmentReport report) {
        int total = report.vms().size();
        h.append("<svg width=\"180\" height=\"180\" viewBox=\"0 0 42 42\" role=\"img\" aria-label=\"verdicts\">\n")
                .append("<circle cx=\"21\" cy=\"21\" r=\"15.915\" fill=\"none\" stroke=\"#e3e7ee\" stroke-width=\"6\"/>\n");
        double offset = 25;
        for (Verdict v : JsonReport.SUMMARY_ORDER) {
            int n = report.summary().get(v);
            if (n == 0 || total == 0) {
                continue;
            }
            double pct = 100.0 * n / total;
            h.append(String.format(Locale.ROOT, "<circle cx=\"21\" cy=\"21\" r=\"15.915\" fill=\"none\" stroke=\"%s\" "
                            + "stroke-width=\"6\" stroke-dasharray=\"%.3f %.3f\" stroke-dashoffset=\"%.3f\"><title>%s: %d"
                            + "</title></circle>\n", COLOUR.get(v), pct, 100 - pct, offset, label(v), n));
            offset -= pct;
        }
        h.append("<text x=\"21\" y=\"21\" text-anchor=\"middle\" font-size=\"8\" font-weight=\"700\" fill=\"#1d2330\">")
                .append(total).append("</text>\n<text x=\"21\" y=\"26.5\" text-anchor=\"middle\" font-size=\"3.2\" ")
                .append("fill=\"#5f6b7a\">").append(total == 1 ? "VM" : "VMs").append("</text>\n</svg>\n");
    }

    /** What stands in the way most often: VMs per rule for findings that need action or attention. */
    private static void topRules(StringBuilder h, AssessmentReport report) {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, Severity> severity = new HashMap<>();
        Map<String, String> example = new HashMap<>();
        for (VmAssessment vm : report.vms()) {
            vm.findings().stream().filter(f -> f.severity() != Severity.INFO).map(Finding::rule).distinct()
                    .forEach(r -> counts.computeIfAbsent(r, k -> new long[1])[0]++);
            for (Finding f : vm.findings()) {
                severity.merge(f.rule(), f.severity(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
                example.putIfAbsent(f.rule(), f.message());
            }
        }
        if (counts.isEmpty()) {
            return;
        }
        long max = counts.values().stream().mapToLong(c -> c[0]).max().orElse(1);
        h.append("<section>\n<h2>What stands in the way</h2>\n<div class=\"bars\">\n");
        counts.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, long[]> e) -> severity.get(e.getKey()))
                        .thenComparing(e -> -e.getValue()[0]).thenComparing(Map.Entry::getKey))
                .forEach(e -> h.append("<button class=\"bar\" type=\"button\" data-rule=\"").append(escape(e.getKey()))
                        .append("\" title=\"").append(escape(example.get(e.getKey()))).append("\"><code>").append(escape(e.getKey()))
                        .append("</code><span class=\"title\">").append(escape(RuleTitles.of(e.getKey())))
                        .append("</span><span class=\"track\"><span style=\"width:")
                        .append(String.format(Locale.ROOT, "%.1f", 100.0 * e.getValue()[0] / max)).append("%;background:")
                        .append(FindingHtml.SEVERITY_COLOUR.get(severity.get(e.getKey()))).append("\"></span></span><b>")
                        .append(e.getValue()[0]).append("</b><span class=\"what\">")
                        .append(severity.get(e.getKey()).name().replace('_', '-')).append("</span></button>\n"));
        h.append("</div>\n</section>\n");
    }

    private static void vmTable(StringBuilder h, AssessmentReport report) {
        boolean manySubscriptions = report.vms().stream().map(vm -> vm.vm().subscription().toLowerCase(Locale.ROOT))
                .distinct().count() > 1;
        TreeMap<String, Integer> rules = new TreeMap<>();
        report.vms().forEach(vm -> vm.findings().stream().map(Finding::rule).distinct().forEach(r -> rules.merge(r, 1, Integer::sum)));
        h.append("<section>\n<h2>Virtual machines</h2>\n<div class=\"filters\">\n")
                .append("<label>Verdict<select id=\"f-verdict\"><option value=\"\">All verdicts</option>");
        for (Verdict v : JsonReport.SUMMARY_ORDER) {
            h.append("<option value=\"").append(v.name()).append("\">").append(label(v)).append("</option>");
        }
        h.append("</select></label>\n<label>Rule<select id=\"f-rule\"><option value=\"\">All rules</option>");
        rules.forEach((r, n) -> h.append("<option value=\"").append(escape(r)).append("\">").append(escape(r)).append(RuleTitles.of(r).isEmpty() ? "" : " " + escape(RuleTitles.of(r))).append(" (")
                .append(n).append(n == 1 ? " VM)" : " VMs)").append("</option>"));
        h.append("</select></label>\n<label>Name<input id=\"f-text\" type=\"search\" placeholder=\"VM or resource group\">")
                .append("</label>\n<span class=\"count\" id=\"f-count\"></span>\n</div>\n<table>\n<thead><tr><th>VM</th>")
                .append("<th>Resource group</th>").append(manySubscriptions ? "<th>Subscription</th>" : "")
                .append("<th>Verdict</th><th>Guest checked</th><th class=\"num\">Blockers</th>")
                .append("<th class=\"num\">Fixes</th><th class=\"num\">Warnings</th><th>Rules</th></tr></thead>\n<tbody>\n");
        int i = 0;
        for (VmAssessment vm : report.vms()) {
            h.append("<tr class=\"vm\"").append(filterAttributes(vm)).append("><td class=\"nowrap\"><a href=\"#vm-").append(i++).append("\">")
                    .append(escape(vm.vm().name())).append("</a></td><td class=\"nowrap\">").append(escape(vm.vm().resourceGroup()))
                    .append("</td>").append(manySubscriptions ? "<td><code>" + escape(vm.vm().subscription()) + "</code></td>" : "")
                    .append("<td>")
                    .append(badge(vm.verdict())).append("</td><td>").append(vm.guestChecked() ? "yes" : "<b>no</b>")
                    .append("</td><td class=\"num\">").append(count(vm, Severity.BLOCKER))
                    .append("</td><td class=\"num\">").append(count(vm, Severity.AUTO_FIX)).append("</td><td class=\"num\">")
                    .append(count(vm, Severity.WARNING)).append("</td><td class=\"rules\">");
            vm.findings().stream().filter(f -> f.severity() != Severity.INFO).map(Finding::rule).distinct()
                    .forEach(r -> h.append("<code>").append(escape(r)).append("</code>"));
            h.append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }

    private static void details(StringBuilder h, AssessmentReport report) {
        h.append("<section>\n<h2>Findings per VM</h2>\n");
        int i = 0;
        for (VmAssessment vm : report.vms()) {
            boolean open = vm.verdict() == Verdict.BLOCKED || vm.verdict() == Verdict.UNKNOWN;
            h.append("<details class=\"vmcard\" id=\"vm-").append(i++).append("\"").append(filterAttributes(vm))
                    .append(" style=\"--c:").append(COLOUR.get(vm.verdict())).append("\"").append(open ? " open" : "")
                    .append(">\n<summary><b>").append(escape(vm.vm().name())).append("</b>").append(badge(vm.verdict()))
                    .append("<span class=\"id\">").append(escape(vm.vm().id())).append("</span></summary>\n");
            if (vm.findings().isEmpty()) {
                h.append("<div class=\"empty\">No findings: nothing stands in the way.</div>\n");
            }
            for (Finding f : vm.findings()) {
                FindingHtml.append(h, f);
            }
            h.append("</details>\n");
        }
        h.append("</section>\n");
    }

    private static String filterAttributes(VmAssessment vm) {
        StringBuilder rules = new StringBuilder();
        vm.findings().stream().map(Finding::rule).distinct().forEach(r -> rules.append(rules.length() == 0 ? "" : " ").append(r));
        return " data-verdict=\"" + vm.verdict().name() + "\" data-rules=\"" + escape(rules) + "\" data-name=\""
                + escape((vm.vm().name() + " " + vm.vm().resourceGroup()).toLowerCase(Locale.ROOT)) + "\"";
    }

    private static String badge(Verdict v) {
        return "<span class=\"badge\" style=\"--c:" + COLOUR.get(v) + "\">" + label(v) + "</span>";
    }

    private static long count(VmAssessment vm, Severity s) {
        return vm.findings().stream().filter(f -> f.severity() == s).count();
    }

    static String label(Verdict v) {
        return switch (v) {
            case READY -> "Ready";
            case READY_WITH_FIXES -> "Ready with fixes";
            case BLOCKED -> "Blocked";
            case ALREADY_TRUSTED_LAUNCH -> "Already Trusted Launch";
            case SKIPPED -> "Skipped";
            case UNKNOWN -> "Unknown";
        };
    }

    /** A stylesheet or script of the reports, inlined so the file stands alone. */
    public static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("report resource missing from the build: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
