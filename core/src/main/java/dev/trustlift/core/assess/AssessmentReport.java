package dev.trustlift.core.assess;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The result of one assess run: when, how many VMs per verdict (all six, zeros included), and each VM. */
public record AssessmentReport(Instant generatedAt, Map<Verdict, Integer> summary, List<VmAssessment> vms) {

    public AssessmentReport {
        EnumMap<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            counts.put(v, summary.getOrDefault(v, 0));
        }
        summary = Collections.unmodifiableMap(counts);
        vms = List.copyOf(vms);
    }

    /** Counts the verdicts of the given assessments. */
    public static AssessmentReport of(Instant generatedAt, List<VmAssessment> vms) {
        EnumMap<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        for (VmAssessment vm : vms) {
            counts.merge(vm.verdict(), 1, Integer::sum);
        }
        return new AssessmentReport(generatedAt, counts, vms);
    }

    /** VMs assessed whose guest was not checked (TL008): their verdict claims nothing about the guest. */
    public long guestNotChecked() {
        return vms.stream().filter(vm -> vm.verdict() != Verdict.UNKNOWN && !vm.guestChecked()).count();
    }

    /** True when any VM needs a person (BLOCKED) or could not be judged (UNKNOWN): exit code 3. */
    public boolean needsAttention() {
        return summary.get(Verdict.BLOCKED) > 0 || summary.get(Verdict.UNKNOWN) > 0;
    }
}
