package dev.trustlift.core.assess;

import dev.trustlift.core.cloud.VmRef;
import java.util.List;
import java.util.Objects;

/** One VM's verdict and the findings behind it. */
public record VmAssessment(VmRef vm, Verdict verdict, List<Finding> findings) {
    public VmAssessment {
        Objects.requireNonNull(vm, "vm");
        Objects.requireNonNull(verdict, "verdict");
        findings = List.copyOf(findings);
    }
}
