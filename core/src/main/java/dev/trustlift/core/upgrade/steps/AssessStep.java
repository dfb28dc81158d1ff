package dev.trustlift.core.upgrade.steps;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.core.assess.Assessor;
import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.Verdict;
import dev.trustlift.core.assess.VmAssessment;
import dev.trustlift.core.assess.VmFacts;
import dev.trustlift.core.assess.gather.FactsGatherer;
import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.journal.VmState;
import dev.trustlift.core.upgrade.Step;
import dev.trustlift.core.upgrade.StepResult;
import dev.trustlift.core.upgrade.VmUpgrade;
import java.util.List;
import java.util.stream.Collectors;

/**
 * assess: the rules of {@code trustlift assess} on the VM as it is now (the guest probe is the
 * next step, so TL008 "guest not checked" is expected here and not kept). A BLOCKER stops the VM
 * untouched, with its blockers and warnings as the VM's findings; otherwise the warnings worth
 * keeping are added, and the Secure Boot choice is decided and journaled ({@value #SECURE_BOOT}):
 * the VM list or --secure-boot wins; else off when TL083 fired (with a warning saying so), else on.
 */
public final class AssessStep implements Step {
    public static final String NAME = "assess";
    /** Detail key: the Secure Boot the VM gets (set-trusted-launch and verify-guest read it). */
    public static final String SECURE_BOOT = "secureBoot";
    /** The VM's facts in {@link VmUpgrade#memo()}, for guest-probe in the same process. */
    static final String FACTS_MEMO = "assess.facts";
    static final String TL083 = "TL083";

    private final Cloud cloud;
    private final FactsGatherer gatherer;
    private final Assessor assessor;

    /**
     * @param gatherer a gatherer without the guest probe ({@code new FactsGatherer(cloud, false)}): guest-probe
     *        runs it as the managed run command
     * @param assessor the assess command's ({@code new Assessor(StandardRules.all())})
     */
    public AssessStep(Cloud cloud, FactsGatherer gatherer, Assessor assessor) {
        this.cloud = cloud;
        this.gatherer = gatherer;
        this.assessor = assessor;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StepResult run(VmUpgrade vm) {
        VmFacts facts = gatherer.gather(cloud.getVm(vm.ref()), vm.options().secureBoot());
        vm.memo().put(FACTS_MEMO, facts);
        VmAssessment assessment = assessor.assess(facts);
        ObjectNode detail = Details.object();
        detail.put("verdict", assessment.verdict().name());
        ArrayNode rules = detail.putArray("findings");
        assessment.findings().forEach(f -> rules.add(f.rule()));
        if (assessment.verdict() == Verdict.SKIPPED || assessment.verdict() == Verdict.ALREADY_TRUSTED_LAUNCH) {
            assessment.findings().forEach(vm::addFinding);
            return new StepResult.Finish(assessment.verdict() == Verdict.SKIPPED ? VmState.SKIPPED : VmState.ALREADY_TRUSTED_LAUNCH,
                    summary(assessment.findings()), detail);
        }
        List<Finding> blockers = assessment.findings().stream().filter(f -> f.severity() == Severity.BLOCKER).toList();
        if (!blockers.isEmpty()) {
            assessment.findings().stream().filter(f -> f.severity() == Severity.BLOCKER || f.severity() == Severity.WARNING)
                    .filter(f -> !VmAssessment.GUEST_NOT_CHECKED.equals(f.rule()))
                    .forEach(vm::addFinding);
            return new StepResult.Finish(VmState.BLOCKED, summary(blockers), detail);
        }
        assessment.findings().stream()
                .filter(f -> f.severity() == Severity.WARNING || f.severity() == Severity.INFO)
                .filter(f -> !VmAssessment.GUEST_NOT_CHECKED.equals(f.rule()))
                .forEach(vm::addFinding);
        boolean tl083 = assessment.findings().stream().anyMatch(f -> TL083.equals(f.rule()));
        boolean secureBoot;
        String why;
        if (vm.options().secureBoot() != null) {
            secureBoot = vm.options().secureBoot();
            why = "asked (VM list or --secure-boot)";
        } else if (tl083) {
            secureBoot = false;
            why = TL083;
            vm.addFinding(Finding.of(TL083, Severity.WARNING, "Secure Boot will be off for this VM: its GPU drivers "
                            + "usually are not signed for it")
                    .evidence("size", facts.size())
                    .remediation("to have it on, sign the driver modules and enroll the key, then upgrade with "
                            + "enableSecureBoot=true in the VM list or --secure-boot on")
                    .build());
        } else {
            secureBoot = true;
            why = "default (Microsoft's recommendation)";
        }
        detail.put(SECURE_BOOT, secureBoot);
        detail.put("secureBootBecause", why);
        return StepResult.done(detail);
    }

    private static String summary(List<Finding> findings) {
        return findings.stream().map(f -> f.rule() + ": " + f.message()).collect(Collectors.joining("; "));
    }
}
