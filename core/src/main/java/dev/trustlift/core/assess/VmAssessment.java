package dev.trustlift.core.assess;

import dev.trustlift.core.cloud.VmRef;
import java.util.List;
import java.util.Objects;

/** One VM's verdict and the findings behind it. */
public record VmAssessment(VmRef vm, Verdict verdict, List<Finding> findings) {
    /** The rule id of "guest not checked" (contracts/assessment.md). */
    public static final String GUEST_NOT_CHECKED = "TL008";

    public VmAssessment {
        Objects.requireNonNull(vm, "vm");
        Objects.requireNonNull(verdict, "verdict");
        findings = List.copyOf(findings);
    }

    /**
     * False when the guest rules could not run (TL008 says what stayed unknown) or the VM could not
     * be assessed at all: the verdict then claims nothing about the guest.
     */
    public boolean guestChecked() {
        return verdict != Verdict.UNKNOWN && findings.stream().noneMatch(f -> GUEST_NOT_CHECKED.equals(f.rule()));
    }
}
