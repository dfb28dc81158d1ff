package dev.trustlift.core.report.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.core.journal.Artifact;
import dev.trustlift.core.journal.Campaign;
import dev.trustlift.core.journal.StepAttempt;
import dev.trustlift.core.journal.VmState;
import dev.trustlift.core.upgrade.JournaledOperation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;

/**
 * The JSON documents of {@code status --output json} and {@code report --output json}. Both share the
 * campaign, the counts (every state a key, in {@link VmState}'s order) and each VM's summary fields;
 * the report adds the summary figures, each VM's steps and artifacts. Keys are stable: scripts read
 * them (docs/report.md lists them); a missing value is null, never an absent key.
 */
public final class CampaignJson {
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public String status(CampaignView view) {
        ObjectNode root = head(view);
        ArrayNode vms = root.putArray("vms");
        view.vms().forEach(vm -> vmSummary(vms.addObject(), vm, view));
        return text(root);
    }

    public String report(CampaignView view, ArtifactLinks links) {
        ObjectNode root = head(view);
        ObjectNode summary = root.putObject("summary");
        summary.put("vms", view.vms().size());
        summary.put("firstStart", time(view.firstStart().orElse(null)));
        summary.put("lastEnd", time(view.lastEnd().orElse(null)));
        summary.put("wallTimeSeconds", view.wallTime().map(Durations::seconds).orElse(null));
        summary.put("totalDowntimeSeconds", Durations.seconds(view.totalDowntime()));
        summary.put("maxDowntimeSeconds", view.longestDowntime().flatMap(VmRun::downtime).map(Durations::seconds).orElse(null));
        summary.put("maxDowntimeVm", view.longestDowntime().map(VmRun::name).orElse(null));
        summary.put("downtimesNotEnded", view.ongoingDowntimes());
        ArrayNode vms = root.putArray("vms");
        for (VmRun vm : view.vms()) {
            ObjectNode node = vms.addObject();
            vmSummary(node, vm, view);
            node.put("downtimeStart", time(vm.vm().downtimeStart()));
            node.put("downtimeEnd", time(vm.vm().downtimeEnd()));
            node.set("options", parse(vm.vm().optionsJson()));
            ArrayNode steps = node.putArray("steps");
            vm.attempts().forEach(a -> step(steps.addObject(), a));
            ArrayNode artifacts = node.putArray("artifacts");
            for (Artifact a : vm.artifacts()) {
                ObjectNode an = artifacts.addObject();
                an.put("name", a.name());
                an.put("path", links.path(a));
                an.put("relativePath", a.relativePath());
                an.put("sizeBytes", a.sizeBytes());
                an.put("sha256", a.sha256());
                an.put("saved", time(a.saved()));
            }
        }
        return text(root);
    }

    private ObjectNode head(CampaignView view) {
        ObjectNode root = mapper.createObjectNode();
        root.put("journal", view.journalFile().toString());
        root.put("generatedAt", time(view.generatedAt()));
        Campaign c = view.campaign();
        ObjectNode campaign = root.putObject("campaign");
        campaign.put("id", c.id());
        campaign.put("state", c.state().name());
        campaign.put("created", time(c.created()));
        campaign.put("toolVersion", c.toolVersion());
        ObjectNode counts = root.putObject("counts");
        for (VmState s : VmState.values()) {
            counts.put(s.name(), view.counts().get(s));
        }
        return root;
    }

    private void vmSummary(ObjectNode node, VmRun vm, CampaignView view) {
        node.put("id", vm.id());
        node.put("name", vm.name());
        node.put("resourceGroup", vm.resourceGroup());
        node.put("state", vm.vm().state().name());
        node.put("currentStep", vm.vm().currentStep());
        ObjectNode running = null;
        if (vm.openAttempt().isPresent()) {
            StepAttempt open = vm.openAttempt().get();
            running = mapper.createObjectNode();
            running.put("step", open.key().step());
            running.put("attempt", open.key().attempt());
            running.put("since", time(open.started()));
            running.put("forSeconds", Durations.seconds(Duration.between(open.started(), view.generatedAt())));
        }
        node.set("runningStep", running);
        node.put("restorePointId", vm.vm().restorePointId());
        node.put("downtimeSeconds", vm.downtime().map(Durations::seconds).orElse(null));
        node.put("downtimeEnded", !vm.downtimeOngoing());
        node.set("findings", parse(vm.vm().findingsJson()));
    }

    private void step(ObjectNode node, StepAttempt a) {
        node.put("step", a.key().step());
        node.put("attempt", a.key().attempt());
        node.put("sequence", a.sequence());
        node.put("state", a.state().name());
        node.put("started", time(a.started()));
        node.put("ended", time(a.ended()));
        node.put("durationSeconds", a.ended() == null ? null : Durations.seconds(Duration.between(a.started(), a.ended())));
        ArrayNode ids = node.putArray("requestIds");
        a.requestIds().forEach(ids::add);
        ObjectNode operation = null;
        if (a.operationUrl() != null || a.operationKind() != null) {
            operation = mapper.createObjectNode();
            operation.put("label", JournaledOperation.labelOf(a.operationKind()));
            operation.put("url", a.operationUrl());
        }
        node.set("operation", operation);
        node.set("detail", a.detailJson() == null ? null : parse(a.detailJson()));
        ObjectNode error = null;
        if (a.errorCode() != null || a.errorMessage() != null) {
            error = mapper.createObjectNode();
            error.put("code", a.errorCode());
            error.put("message", a.errorMessage());
        }
        node.set("error", error);
    }

    private JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            return mapper.getNodeFactory().textNode(json); // the journal checks JSON on write; never expected
        }
    }

    /** Exact instants (the journal keeps nanoseconds): machines compute with them. */
    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    private String text(ObjectNode root) {
        try {
            return mapper.writeValueAsString(root) + System.lineSeparator();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
