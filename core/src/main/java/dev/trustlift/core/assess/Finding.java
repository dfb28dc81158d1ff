package dev.trustlift.core.assess;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one rule found about one VM: the rule id (stable, see contracts/assessment.md), how it
 * weighs, the evidence that made it fire, and what to do about it.
 *
 * @param evidence facts shown to the reader, in a stable order; values are strings, numbers,
 *     booleans or lists of strings
 * @param suggestions concrete choices for the remediation (sizes for TL020), may be empty
 */
public record Finding(String rule, Severity severity, String message, Map<String, Object> evidence,
                      String remediation, List<String> suggestions) {

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
        remediation = remediation == null ? "" : remediation;
        suggestions = List.copyOf(suggestions);
    }

    public static Builder of(String rule, Severity severity, String message) {
        return new Builder(rule, severity, message);
    }

    /** Evidence rendered as "key=value; key=value" for one-line outputs (CSV, table). */
    public String evidenceText() {
        StringBuilder b = new StringBuilder();
        evidence.forEach((k, v) -> {
            if (b.length() > 0) {
                b.append("; ");
            }
            b.append(k).append('=').append(v instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList()) : v);
        });
        return b.toString();
    }

    public static final class Builder {
        private final String rule;
        private final Severity severity;
        private final String message;
        private final Map<String, Object> evidence = new LinkedHashMap<>();
        private String remediation = "";
        private final List<String> suggestions = new ArrayList<>();

        private Builder(String rule, Severity severity, String message) {
            this.rule = rule;
            this.severity = severity;
            this.message = message;
        }

        /** Adds one piece of evidence; a null value is shown as "unknown" rather than dropped. */
        public Builder evidence(String key, Object value) {
            evidence.put(key, value == null ? "unknown" : value);
            return this;
        }

        public Builder remediation(String text) {
            remediation = text;
            return this;
        }

        public Builder suggestions(List<String> values) {
            suggestions.addAll(values);
            return this;
        }

        public Finding build() {
            return new Finding(rule, severity, message, evidence, remediation, suggestions);
        }
    }
}
