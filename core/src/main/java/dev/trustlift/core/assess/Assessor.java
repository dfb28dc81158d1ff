package dev.trustlift.core.assess;

import dev.trustlift.core.cloud.VmRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Applies the rules to one VM's facts and decides its verdict with the contract's precedence:
 * SKIPPED, ALREADY_TRUSTED_LAUNCH, UNKNOWN, BLOCKED, READY_WITH_FIXES, READY.
 *
 * <p>Rules that force a verdict (exclusion tag, scale-set member, already Trusted Launch) are
 * evaluated first; when one fires, the VM will not be touched, so the other rules' findings
 * would only be noise and are not evaluated.
 */
public final class Assessor {
    /** Rule id of the finding that explains an UNKNOWN verdict; not a contract rule, never a condition. */
    public static final String NOT_ASSESSED = "TL000";

    private static final Comparator<Finding> REPORT_ORDER =
            Comparator.comparing(Finding::severity).thenComparing(Finding::rule);

    private final List<Rule> gates;
    private final List<Rule> checks;

    public Assessor(List<Rule> rules) {
        this.gates = rules.stream().filter(r -> r.forcedVerdict().isPresent()).toList();
        this.checks = rules.stream().filter(r -> r.forcedVerdict().isEmpty()).toList();
    }

    /** @throws RuleFailure when a rule throws: a tool failure, not a verdict on the VM */
    public VmAssessment assess(VmFacts facts) {
        List<Finding> gateFindings = new ArrayList<>();
        Verdict forced = null;
        for (Rule gate : gates) {
            Optional<Finding> f;
            try {
                f = gate.evaluate(facts);
            } catch (RuntimeException e) {
                throw new RuleFailure(gate.id(), facts.ref(), e);
            }
            if (f.isPresent()) {
                gateFindings.add(f.get());
                Verdict v = gate.forcedVerdict().orElseThrow();
                forced = forced == null || v.compareTo(forced) < 0 ? v : forced;
            }
        }
        if (forced != null) {
            return new VmAssessment(facts.ref(), forced, sorted(gateFindings));
        }
        List<Finding> findings = new ArrayList<>();
        for (Rule check : checks) {
            try {
                check.evaluate(facts).ifPresent(findings::add);
            } catch (RuntimeException e) {
                throw new RuleFailure(check.id(), facts.ref(), e);
            }
        }
        return new VmAssessment(facts.ref(), verdictOf(findings), sorted(findings));
    }

    /** The verdict of a VM that could not be assessed (access denied, VM vanished). */
    public static VmAssessment unassessable(VmRef vm, String reason) {
        Finding f = Finding.of(NOT_ASSESSED, Severity.WARNING, "could not be assessed: " + reason)
                .evidence("vm", vm.id())
                .remediation("fix the cause (access rights, VM name, connectivity) and run assess again")
                .build();
        return new VmAssessment(vm, Verdict.UNKNOWN, List.of(f));
    }

    static Verdict verdictOf(List<Finding> findings) {
        if (findings.stream().anyMatch(f -> f.severity() == Severity.BLOCKER)) {
            return Verdict.BLOCKED;
        }
        if (findings.stream().anyMatch(f -> f.severity() == Severity.AUTO_FIX)) {
            return Verdict.READY_WITH_FIXES;
        }
        return Verdict.READY;
    }

    private static List<Finding> sorted(List<Finding> findings) {
        return findings.stream().sorted(REPORT_ORDER).toList();
    }
}
