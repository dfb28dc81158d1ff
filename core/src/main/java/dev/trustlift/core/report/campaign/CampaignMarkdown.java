package dev.trustlift.core.report.campaign;

import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.journal.Artifact;
import dev.trustlift.core.journal.Campaign;
import dev.trustlift.core.journal.StepAttempt;
import dev.trustlift.core.journal.VmState;
import dev.trustlift.core.upgrade.JournaledOperation;
import java.time.Duration;

/** The campaign report as Markdown, for a pull request, a ticket or a wiki: the same content as the HTML. */
public final class CampaignMarkdown {

    public String render(CampaignView view, ArtifactLinks links) {
        Campaign c = view.campaign();
        StringBuilder md = new StringBuilder(8192);
        md.append("# trustlift upgrade report\n\n");
        md.append("Campaign `").append(c.id()).append("` · ").append(c.state()).append(" · created ")
                .append(Durations.time(c.created())).append(" · trustlift ").append(c.toolVersion())
                .append(" · journal `").append(view.journalFile()).append("` · generated ")
                .append(Durations.time(view.generatedAt())).append("\n\n");
        summary(md, view);
        md.append("## Virtual machines\n\n| VM | Resource group | State | Step | Downtime | Restore point |\n")
                .append("|---|---|---|---|---|---|\n");
        for (VmRun vm : view.vms()) {
            md.append("| ").append(cell(vm.name())).append(" | ").append(cell(vm.resourceGroup())).append(" | ")
                    .append(vm.vm().state()).append(" | ").append(cell(StatusTable.step(vm, view))).append(" | ")
                    .append(cell(StatusTable.downtime(vm))).append(" | ")
                    .append(vm.vm().restorePointId() == null ? "" : "`" + cell(lastSegment(vm.vm().restorePointId())) + "`")
                    .append(" |\n");
        }
        md.append('\n');
        for (VmRun vm : view.vms()) {
            vmSection(md, vm, links);
        }
        return md.toString();
    }

    private static void summary(StringBuilder md, CampaignView view) {
        md.append("## Summary\n\n| State | VMs |\n|---|---:|\n");
        for (VmState s : VmState.values()) {
            md.append("| ").append(s).append(" | ").append(view.counts().get(s)).append(" |\n");
        }
        md.append("| **all** | **").append(view.vms().size()).append("** |\n\n");
        md.append("- Wall time: ").append(view.wallTime().map(w -> Durations.human(w) + " (first step started "
                + Durations.time(view.firstStart().orElseThrow()) + ", last ended "
                + Durations.time(view.lastEnd().orElseThrow()) + ")").orElse("no step has ended")).append('\n');
        md.append("- Downtime (deallocate requested -> running again): total ").append(Durations.human(view.totalDowntime()));
        view.longestDowntime().ifPresent(vm -> md.append(", longest ").append(Durations.human(vm.downtime().orElseThrow()))
                .append(" (").append(vm.name()).append(')'));
        md.append('\n');
        if (view.ongoingDowntimes() > 0) {
            md.append("- **").append(view.ongoingDowntimes()).append(view.ongoingDowntimes() == 1 ? " VM was" : " VMs were")
                    .append(" deallocated and not seen running again**\n");
        }
        md.append('\n');
    }

    private static void vmSection(StringBuilder md, VmRun vm, ArtifactLinks links) {
        md.append("## ").append(vm.name()).append(" — ").append(vm.vm().state()).append("\n\n");
        md.append("- Id: `").append(vm.id()).append("`\n");
        md.append("- Restore point: ").append(vm.vm().restorePointId() == null ? "none"
                : "`" + vm.vm().restorePointId() + "`").append('\n');
        md.append("- Downtime: ");
        if (vm.downtimeOngoing()) {
            md.append("not ended (deallocate requested ").append(Durations.time(vm.vm().downtimeStart())).append(")\n");
        } else if (vm.downtime().isPresent()) {
            md.append(Durations.human(vm.downtime().get())).append(" (").append(Durations.time(vm.vm().downtimeStart()))
                    .append(" -> ").append(Durations.time(vm.vm().downtimeEnd())).append(")\n");
        } else {
            md.append("none\n");
        }
        md.append('\n');
        if (!vm.attempts().isEmpty()) {
            md.append("| # | Step | Attempt | State | Started | Ended | Duration | Operation | Request ids | Error |\n")
                    .append("|---:|---|---:|---|---|---|---:|---|---|---|\n");
            for (StepAttempt a : vm.attempts()) {
                md.append("| ").append(a.sequence()).append(" | ").append(cell(a.key().step())).append(" | ")
                        .append(a.key().attempt()).append(" | ").append(a.state()).append(" | ")
                        .append(Durations.time(a.started())).append(" | ").append(Durations.time(a.ended())).append(" | ")
                        .append(a.ended() == null ? "" : Durations.human(Duration.between(a.started(), a.ended())))
                        .append(" | ").append(cell(a.operationKind() == null ? "" : JournaledOperation.labelOf(a.operationKind())))
                        .append(" | ").append(cell(String.join(" ", a.requestIds().stream().map(id -> "`" + id + "`").toList())))
                        .append(" | ").append(cell(error(a))).append(" |\n");
            }
            md.append('\n');
        }
        if (vm.findingsUnreadable()) {
            md.append("Findings (as journaled): `").append(vm.vm().findingsJson().replace("`", "'")).append("`\n\n");
        } else if (!vm.findings().isEmpty()) {
            md.append("Findings:\n\n");
            for (Finding f : vm.findings()) {
                md.append("- **").append(f.severity()).append("** `").append(f.rule()).append("` ")
                        .append(f.message().replace('\n', ' '));
                if (!f.remediation().isEmpty()) {
                    md.append(" — fix: ").append(f.remediation().replace('\n', ' '));
                }
                md.append('\n');
            }
            md.append('\n');
        }
        if (!vm.artifacts().isEmpty()) {
            md.append("Artifacts:\n\n");
            for (Artifact a : vm.artifacts()) {
                md.append("- [").append(a.name()).append("](").append(links.href(a)).append(") (").append(a.sizeBytes())
                        .append(" bytes, sha256 `").append(a.sha256(), 0, Math.min(12, a.sha256().length())).append("`)\n");
            }
            md.append('\n');
        }
    }

    static String error(StepAttempt a) {
        if (a.errorCode() == null && a.errorMessage() == null) {
            return "";
        }
        return (a.errorCode() == null ? "" : a.errorCode() + ": ") + (a.errorMessage() == null ? "" : a.errorMessage());
    }

    private static String lastSegment(String id) {
        return id.substring(id.lastIndexOf('/') + 1);
    }

    /** A table cell: pipes escaped, line breaks folded. */
    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\r", "").replace("\n", " ");
    }
}
