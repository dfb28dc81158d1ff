package dev.trustlift.disk.validate;

import java.util.Map;

/**
 * One rule as checked: its id, what it requires, the outcome, the values it looked at, and what
 * to do when it fails (null when it passed or when it could not be checked).
 */
public record RuleResult(String id, String description, Status status, Map<String, String> values, String remedy) {
    public enum Status { PASS, FAIL, NOT_CHECKED }

    public RuleResult {
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }

    public static RuleResult pass(String id, String description, Map<String, String> values) {
        return new RuleResult(id, description, Status.PASS, values, null);
    }

    public static RuleResult fail(String id, String description, Map<String, String> values, String remedy) {
        return new RuleResult(id, description, Status.FAIL, values, remedy);
    }

    public static RuleResult check(boolean ok, String id, String description, Map<String, String> values,
                                   String remedy) {
        return ok ? pass(id, description, values) : fail(id, description, values, remedy);
    }

    public static RuleResult notChecked(String id, String description) {
        return new RuleResult(id, description, Status.NOT_CHECKED, Map.of(), null);
    }

    public boolean failed() {
        return status == Status.FAIL;
    }
}
