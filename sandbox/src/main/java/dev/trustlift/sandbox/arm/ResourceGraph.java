package dev.trustlift.sandbox.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.sandbox.http.ArmException;
import dev.trustlift.sandbox.http.ArmRequest;
import dev.trustlift.sandbox.http.ArmResponse;
import dev.trustlift.sandbox.http.Json;
import dev.trustlift.sandbox.state.SubscriptionRecord;
import dev.trustlift.sandbox.state.VmRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Azure Resource Graph over the sandbox's VMs (the only resources it holds as Resources rows),
 * for the KQL subset {@link KqlQuery} evaluates, scoped by the request's subscriptions and paged
 * with $skipToken. A query beyond the subset is refused loudly rather than answered wrongly.
 */
final class ResourceGraph {
    private static final int DEFAULT_TOP = 100;
    private static final int MAX_TOP = 1000;

    private final SandboxContext ctx;

    ResourceGraph(SandboxContext ctx) {
        this.ctx = ctx;
    }

    ArmResponse query(ArmRequest req) {
        ObjectNode body = req.objectBody();
        KqlQuery query = KqlQuery.parse(body.path("query").asText(""));
        Set<String> subs = new HashSet<>();
        body.path("subscriptions").forEach(s -> subs.add(s.asText().toLowerCase(Locale.ROOT)));
        List<VmRecord> rows = new ArrayList<>();
        for (SubscriptionRecord s : ctx.state().subscriptions()) {
            if (subs.isEmpty() || subs.contains(s.id().toLowerCase(Locale.ROOT))) {
                for (VmRecord vm : s.vms()) {
                    if (query.matches(columns(vm))) {
                        rows.add(vm);
                    }
                }
            }
        }
        JsonNode options = body.path("options");
        int top = options.path("$top").asInt(DEFAULT_TOP);
        if (top < 1 || top > MAX_TOP) {
            throw new ArmException(400, "BadRequest", "$top must be between 1 and " + MAX_TOP + ".");
        }
        int offset = options.path("$skip").asInt(0) + decode(options.path("$skipToken").asText(null));
        int end = Math.min(rows.size(), offset + top);
        ObjectNode root = Json.object();
        root.put("totalRecords", rows.size());
        root.put("count", Math.max(0, end - offset));
        root.put("resultTruncated", "false");
        if (end < rows.size()) {
            root.put("$skipToken", Base64.getEncoder().encodeToString(("offset:" + end).getBytes(StandardCharsets.UTF_8)));
        }
        root.putArray("facets");
        ArrayNode data = root.putArray("data");
        for (int i = offset; i < end; i++) {
            data.add(query.project(row(rows.get(i))));
        }
        return ArmResponse.ok(root);
    }

    private static int decode(String token) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            String s = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            return Integer.parseInt(s.substring("offset:".length()));
        } catch (RuntimeException e) {
            throw new ArmException(400, "BadRequest", "The $skipToken '" + token + "' is not valid.");
        }
    }

    /** A row's columns that {@link KqlQuery} filters on; the full row is built only for the page served. */
    private static ObjectNode columns(VmRecord vm) {
        ObjectNode row = Json.object();
        row.put("id", vm.id());
        row.put("name", vm.name());
        row.put("type", "microsoft.compute/virtualmachines");
        row.put("tenantId", PlatformEndpoints.TENANT);
        row.put("kind", "");
        row.put("location", vm.location());
        row.put("resourceGroup", vm.resourceGroup().toLowerCase(Locale.ROOT));
        row.put("subscriptionId", vm.subscription());
        row.put("managedBy", "");
        ObjectNode tags = row.putObject("tags");
        vm.tags().forEach(tags::put);
        return row;
    }

    private static ObjectNode row(VmRecord vm) {
        ObjectNode model = VmJson.model(vm, false);
        ObjectNode row = columns(vm);
        row.putNull("sku");
        row.putNull("plan");
        row.set("properties", model.get("properties"));
        row.set("tags", model.get("tags"));
        row.putNull("identity");
        row.set("zones", model.has("zones") ? model.get("zones") : null);
        row.putNull("extendedLocation");
        return row;
    }
}
