package dev.trustlift.core.report.campaign;

import static dev.trustlift.core.report.HtmlText.escape;

import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.journal.Artifact;
import dev.trustlift.core.journal.Campaign;
import dev.trustlift.core.journal.StepAttempt;
import dev.trustlift.core.journal.VmState;
import dev.trustlift.core.report.FindingHtml;
import dev.trustlift.core.report.HtmlReport;
import dev.trustlift.core.upgrade.JournaledOperation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The campaign report as one self-contained HTML file in the assess report's look (its stylesheet,
 * plus campaign.css): the counts by state as filter cards, the campaign's figures, a VM table, and
 * per VM its steps on a time bar, restore point, downtime, findings and artifacts. Artifacts are
 * linked, not inlined; a text log shows its last lines in a closed {@code <details>}.
 */
public final class CampaignHtml {
    static final Map<VmState, String> COLOUR = Map.of(
            VmState.PENDING, "var(--pending)", VmState.IN_PROGRESS, "var(--progress)", VmState.UPGRADED, "var(--ready)",
            VmState.ALREADY_TRUSTED_LAUNCH, "var(--already)", VmState.SKIPPED, "var(--skipped)",
            VmState.BLOCKED, "var(--blocked)", VmState.FAILED, "var(--failed)");

    public String render(CampaignView view, ArtifactLinks links) {
        Campaign c = view.campaign();
        StringBuilder h = new StringBuilder(32768);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>trustlift upgrade ").append(escape(c.id())).append("</title>\n<style>\n")
                .append(HtmlReport.resource("report.css")).append(resource("campaign.css"))
                .append("</style>\n</head>\n<body>\n<header>\n<h1>Upgrade to Trusted Launch</h1>\n<p>campaign <b>")
                .append(escape(c.id())).append("</b> &middot; ").append(c.state()).append(" &middot; ")
                .append(view.vms().size()).append(view.vms().size() == 1 ? " VM" : " VMs").append(" &middot; created ")
                .append(escape(Durations.time(c.created()))).append(" &middot; trustlift ").append(escape(c.toolVersion()))
                .append(" &middot; generated ").append(escape(Durations.time(view.generatedAt()))).append("</p>\n</header>\n<main>\n");
        overview(h, view);
        vmTable(h, view);
        h.append("<section>\n<h2>Steps per VM</h2>\n");
        for (int i = 0; i < view.vms().size(); i++) {
            vmCard(h, view, view.vms().get(i), i, links);
        }
        h.append("</section>\n</main>\n<footer>From the journal ").append(escape(view.journalFile()))
                .append(". Times are UTC; downtime runs from the deallocate request to the VM running again.</footer>\n")
                .append("<script>\n").append(resource("campaign.js")).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void overview(StringBuilder h, CampaignView view) {
        h.append("<section>\n<h2>Campaign</h2>\n<div class=\"cards states\">\n");
        for (VmState s : VmState.values()) {
            h.append("<button class=\"card\" type=\"button\" data-state=\"").append(s.name()).append("\" style=\"--c:")
                    .append(COLOUR.get(s)).append("\"><b>").append(view.counts().get(s)).append("</b><span>")
                    .append(label(s)).append("</span></button>\n");
        }
        h.append("</div>\n<dl class=\"figures\">\n");
        figure(h, "wall-time", "Wall time", view.wallTime().map(Durations::human).orElse("no step has ended"),
                view.firstStart().map(s -> Durations.time(s) + " \u2192 " + view.lastEnd().map(Durations::time).orElse(""))
                        .orElse(""));
        figure(h, "total-downtime", "Total downtime", Durations.human(view.totalDowntime()),
                "deallocate requested \u2192 running again, summed over VMs");
        figure(h, "max-downtime", "Longest downtime",
                view.longestDowntime().flatMap(VmRun::downtime).map(Durations::human).orElse("none"),
                view.longestDowntime().map(VmRun::name).orElse(""));
        if (view.ongoingDowntimes() > 0) {
            figure(h, "ongoing", "Not running again", String.valueOf(view.ongoingDowntimes()),
                    "deallocated and not yet seen running");
        }
        h.append("</dl>\n</section>\n");
    }

    private static void figure(StringBuilder h, String id, String name, String value, String note) {
        h.append("<div class=\"figure\" id=\"fig-").append(id).append("\"><dt>").append(escape(name)).append("</dt><dd><b>")
                .append(escape(value)).append("</b><span>").append(escape(note)).append("</span></dd></div>\n");
    }

    private static void vmTable(StringBuilder h, CampaignView view) {
        h.append("<section>\n<h2>Virtual machines</h2>\n<div class=\"filters\">\n<label>State<select id=\"f-state\">")
                .append("<option value=\"\">All states</option>");
        for (VmState s : VmState.values()) {
            h.append("<option value=\"").append(s.name()).append("\">").append(label(s)).append("</option>");
        }
        h.append("</select></label>\n<label>Name<input id=\"f-text\" type=\"search\" placeholder=\"VM or resource group\">")
                .append("</label>\n<span class=\"count\" id=\"f-count\"></span>\n</div>\n<table>\n<thead><tr><th>VM</th>")
                .append("<th>Resource group</th><th>State</th><th>Step</th><th class=\"num\">Attempts</th>")
                .append("<th>Downtime</th><th>Restore point</th></tr></thead>\n<tbody>\n");
        for (int i = 0; i < view.vms().size(); i++) {
            VmRun vm = view.vms().get(i);
            h.append("<tr class=\"vm\"").append(filterAttributes(vm)).append("><td class=\"nowrap\"><a href=\"#vm-").append(i)
                    .append("\">").append(escape(vm.name())).append("</a></td><td class=\"nowrap\">").append(escape(vm.resourceGroup()))
                    .append("</td><td>").append(badge(vm.vm().state())).append("</td><td>").append(escape(StatusTable.step(vm, view)))
                    .append("</td><td class=\"num\">").append(vm.attempts().size()).append("</td><td class=\"nowrap\">")
                    .append(escape(StatusTable.downtime(vm))).append("</td><td>")
                    .append(vm.vm().restorePointId() == null ? "" : "<code title=\"" + escape(vm.vm().restorePointId()) + "\">"
                            + escape(vm.vm().restorePointId().substring(vm.vm().restorePointId().lastIndexOf('/') + 1)) + "</code>")
                    .append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }

    private static void vmCard(StringBuilder h, CampaignView view, VmRun vm, int index, ArtifactLinks links) {
        VmState state = vm.vm().state();
        boolean open = state == VmState.FAILED || state == VmState.BLOCKED || state == VmState.IN_PROGRESS;
        h.append("<details class=\"vmcard\" id=\"vm-").append(index).append("\"").append(filterAttributes(vm))
                .append(" style=\"--c:").append(COLOUR.get(state)).append("\"").append(open ? " open" : "")
                .append(">\n<summary><b>").append(escape(vm.name())).append("</b>").append(badge(state))
                .append("<span class=\"id\">").append(escape(vm.id())).append("</span></summary>\n<div class=\"facts\">")
                .append("<span>Restore point: <b>").append(vm.vm().restorePointId() == null ? "none"
                        : "<code>" + escape(vm.vm().restorePointId()) + "</code>").append("</b></span><span>Downtime: <b>");
        if (vm.downtimeOngoing()) {
            h.append("not ended</b> (deallocate requested ").append(escape(Durations.time(vm.vm().downtimeStart()))).append(")");
        } else if (vm.downtime().isPresent()) {
            h.append(escape(Durations.human(vm.downtime().get()))).append("</b> (").append(escape(Durations.time(vm.vm().downtimeStart())))
                    .append(" \u2192 ").append(escape(Durations.time(vm.vm().downtimeEnd()))).append(")");
        } else {
            h.append("none</b>");
        }
        h.append("</span></div>\n");
        steps(h, vm);
        findings(h, vm);
        artifacts(h, vm, links);
        h.append("</details>\n");
    }

    private static void steps(StringBuilder h, VmRun vm) {
        if (vm.attempts().isEmpty()) {
            h.append("<div class=\"empty\">No step was started.</div>\n");
            return;
        }
        // The bars span the VM's journaled instants; a running attempt reaches the last of them, not "now":
        // the report of a run stopped days ago would otherwise be one long bar.
        Instant first = vm.attempts().get(0).started();
        Instant last = vm.attempts().stream().flatMap(a -> java.util.stream.Stream.of(a.started(), a.ended()))
                .filter(java.util.Objects::nonNull).max(Instant::compareTo).orElse(first);
        double span = Math.max(1, Duration.between(first, last).toMillis());
        h.append("<table class=\"steps\">\n<thead><tr><th class=\"num\">#</th><th>Step</th><th class=\"num\">Attempt</th>")
                .append("<th>State</th><th>Started</th><th>Ended</th><th class=\"num\">Duration</th><th class=\"timeline\">Time</th>")
                .append("<th>Operation</th><th>ARM request ids</th></tr></thead>\n<tbody>\n");
        for (StepAttempt a : vm.attempts()) {
            Instant end = a.ended() == null ? last : a.ended();
            double left = 100 * Duration.between(first, a.started()).toMillis() / span;
            double width = Math.max(0.5, 100 * Duration.between(a.started(), end).toMillis() / span);
            h.append("<tr class=\"attempt ").append(a.state().name().toLowerCase(Locale.ROOT)).append("\" data-step=\"")
                    .append(escape(a.key().step())).append("\"><td class=\"num\">").append(a.sequence()).append("</td><td><code>")
                    .append(escape(a.key().step())).append("</code></td><td class=\"num\">").append(a.key().attempt())
                    .append("</td><td><span class=\"astate\">").append(a.isOpen() ? "RUNNING" : a.state().name())
                    .append("</span></td><td class=\"nowrap\">").append(escape(Durations.time(a.started())))
                    .append("</td><td class=\"nowrap\">").append(escape(Durations.time(a.ended()))).append("</td><td class=\"num nowrap\">")
                    .append(a.ended() == null ? "" : escape(Durations.human(Duration.between(a.started(), a.ended()))))
                    .append("</td><td class=\"timeline\"><span class=\"track\"><span style=\"")
                    .append(String.format(Locale.ROOT, "left:%.2f%%;width:%.2f%%", Math.min(left, 99.5), Math.min(width, 100 - Math.min(left, 99.5))))
                    .append("\"></span></span></td><td>")
                    .append(a.operationKind() == null ? "" : "<code>" + escape(JournaledOperation.labelOf(a.operationKind())) + "</code>")
                    .append("</td><td class=\"ids\">");
            a.requestIds().forEach(id -> h.append("<code>").append(escape(id)).append("</code> "));
            h.append("</td></tr>\n");
            if (a.errorCode() != null || a.errorMessage() != null) {
                h.append("<tr class=\"error\"><td></td><td colspan=\"9\"><b>").append(escape(a.errorCode() == null ? "error" : a.errorCode()))
                        .append("</b> ").append(escape(a.errorMessage())).append("</td></tr>\n");
            }
        }
        h.append("</tbody>\n</table>\n");
    }

    private static void findings(StringBuilder h, VmRun vm) {
        if (vm.findingsUnreadable()) {
            h.append("<div class=\"raw\">Findings as journaled: <code>").append(escape(vm.vm().findingsJson())).append("</code></div>\n");
            return;
        }
        for (Finding f : vm.findings()) {
            FindingHtml.append(h, f);
        }
    }

    private static void artifacts(StringBuilder h, VmRun vm, ArtifactLinks links) {
        if (vm.artifacts().isEmpty()) {
            return;
        }
        h.append("<div class=\"artifacts\"><h3>Artifacts</h3>\n");
        for (Artifact a : vm.artifacts()) {
            h.append("<div class=\"artifact\"><a href=\"").append(escape(links.href(a))).append("\">").append(escape(a.name()))
                    .append("</a> <span class=\"muted\">").append(a.sizeBytes()).append(" bytes &middot; saved ")
                    .append(escape(Durations.time(a.saved()))).append(" &middot; ").append(escape(links.path(a))).append("</span>\n");
            Optional<List<String>> tail = ArtifactTail.of(links.file(a));
            if (tail.isPresent() && !tail.get().isEmpty()) {
                h.append("<details class=\"tail\"><summary>last ").append(tail.get().size()).append(tail.get().size() == 1 ? " line" : " lines")
                        .append("</summary><pre>").append(escape(String.join("\n", tail.get()))).append("</pre></details>\n");
            } else if (tail.isEmpty()) {
                h.append("<span class=\"muted\"> (not found in the journal's folder, or not text)</span>\n");
            }
            h.append("</div>\n");
        }
        h.append("</div>\n");
    }

    private static String filterAttributes(VmRun vm) {
        return " data-state=\"" + vm.vm().state().name() + "\" data-name=\""
                + escape((vm.name() + " " + vm.resourceGroup()).toLowerCase(Locale.ROOT)) + "\"";
    }

    private static String badge(VmState s) {
        return "<span class=\"badge\" style=\"--c:" + COLOUR.get(s) + "\">" + label(s) + "</span>";
    }

    static String label(VmState s) {
        return switch (s) {
            case PENDING -> "Pending";
            case IN_PROGRESS -> "In progress";
            case UPGRADED -> "Upgraded";
            case ALREADY_TRUSTED_LAUNCH -> "Already Trusted Launch";
            case SKIPPED -> "Skipped";
            case BLOCKED -> "Blocked";
            case FAILED -> "Failed";
        };
    }

    private static String resource(String name) {
        return HtmlReport.resource(name);
    }
}
