package dev.trustlift.core.report.campaign;

import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.journal.Artifact;
import dev.trustlift.core.journal.CampaignVm;
import dev.trustlift.core.journal.StepAttempt;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One VM of a campaign as the journal tells it: its row, its step attempts in the order they were
 * started, its artifacts and its findings (read from {@code findings_json}; {@code findingsUnreadable}
 * when that text is not in the findings shape, so a report shows the raw text instead of hiding it).
 */
public record VmRun(CampaignVm vm, List<StepAttempt> attempts, List<Artifact> artifacts, List<Finding> findings,
                    boolean findingsUnreadable) {
    public VmRun {
        attempts = List.copyOf(attempts);
        artifacts = List.copyOf(artifacts);
        findings = List.copyOf(findings);
    }

    public String id() {
        return vm.vmId();
    }

    /** The last segment of the ARM id. */
    public String name() {
        String id = trimmed();
        return id.substring(id.lastIndexOf('/') + 1);
    }

    /** The segment after {@code resourceGroups/}, or "" for an id without one. */
    public String resourceGroup() {
        String[] parts = trimmed().split("/");
        for (int i = 0; i + 1 < parts.length; i++) {
            if (parts[i].equalsIgnoreCase("resourceGroups")) {
                return parts[i + 1];
            }
        }
        return "";
    }

    /** Deallocate requested -> running again; empty while either end is missing. */
    public Optional<Duration> downtime() {
        if (vm.downtimeStart() == null || vm.downtimeEnd() == null) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(vm.downtimeStart(), vm.downtimeEnd()));
    }

    /** Deallocate was requested and the VM has not been seen running since. */
    public boolean downtimeOngoing() {
        return vm.downtimeStart() != null && vm.downtimeEnd() == null;
    }

    /** The attempt that is running now (or was when the run stopped): the last one, when it is open. */
    public Optional<StepAttempt> openAttempt() {
        if (attempts.isEmpty() || !attempts.get(attempts.size() - 1).isOpen()) {
            return Optional.empty();
        }
        return Optional.of(attempts.get(attempts.size() - 1));
    }

    private String trimmed() {
        String id = vm.vmId();
        return id.endsWith("/") ? id.substring(0, id.length() - 1) : id;
    }
}
