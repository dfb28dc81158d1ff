package dev.trustlift.core.report;

import static dev.trustlift.core.report.HtmlText.escape;

import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Severity;
import java.util.List;
import java.util.Map;

/** One finding in the HTML reports (assess and upgrade): severity, rule, message, evidence, fix, suggestions. */
public final class FindingHtml {
    static final Map<Severity, String> SEVERITY_COLOUR = Map.of(
            Severity.BLOCKER, "var(--blocked)", Severity.AUTO_FIX, "var(--fixes)", Severity.WARNING, "var(--unknown)",
            Severity.INFO, "var(--muted)");

    private FindingHtml() {
    }

    public static void append(StringBuilder h, Finding f) {
        h.append("<div class=\"finding\" data-rule=\"").append(escape(f.rule())).append("\"><span class=\"sev\" style=\"--c:")
                .append(SEVERITY_COLOUR.get(f.severity())).append("\">").append(f.severity().name().replace('_', '-'))
                .append("</span><code title=\"").append(escape(RuleTitles.of(f.rule()))).append("\">").append(escape(f.rule()))
                .append("</code><div class=\"msg\">")
                .append(escape(f.message())).append("</div>\n");
        if (!f.evidence().isEmpty()) {
            h.append("<div class=\"ev\">");
            f.evidence().forEach((k, v) -> h.append("<span>").append(escape(k)).append(": <b>")
                    .append(escape(v instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf).toList()) : v))
                    .append("</b></span>"));
            h.append("</div>\n");
        }
        if (!f.remediation().isEmpty()) {
            h.append("<div class=\"fix\">").append(escape(f.remediation())).append("</div>\n");
        }
        if (!f.suggestions().isEmpty()) {
            h.append("<div class=\"sugg\">");
            f.suggestions().forEach(s -> h.append("<span class=\"chip\">").append(escape(s)).append("</span>"));
            h.append("</div>\n");
        }
        h.append("</div>\n");
    }
}
