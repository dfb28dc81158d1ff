package dev.trustlift.disk.validate;

import java.util.List;

/** Every rule checked for one disk and target OS. The disk may be converted only when it passed. */
public record ValidationReport(TargetOs os, List<RuleResult> rules) {
    public ValidationReport {
        rules = List.copyOf(rules);
    }

    public boolean passed() {
        return rules.stream().noneMatch(r -> r.status() != RuleResult.Status.PASS);
    }

    public List<RuleResult> failures() {
        return rules.stream().filter(RuleResult::failed).toList();
    }

    /** "front-room: ...; esp-room: ..." for one-line messages. */
    public String failureSummary() {
        return String.join("; ", failures().stream().map(r -> r.id() + ": " + r.remedy()).toList());
    }
}
