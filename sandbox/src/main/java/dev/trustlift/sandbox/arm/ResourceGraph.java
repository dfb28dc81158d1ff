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
 * Azure Resource Graph, for the one query form trustlift uses to find VMs:
 * {@code Resources | where type =~ 'microsoft.compute/virtualmachines'}, paged with $skipToken.
 * Anything else is refused loudly rather than answered wrongly.
 */
final class ResourceGraph {
    static final String SUPPORTED = "resources | where type =~ 'microsoft.compute/virtualmachines'";
    private static final int DEFAULT_TOP = 100;
    private static final int MAX_TOP = 1000;

    private final SandboxContext ctx;

    ResourceGraph(SandboxContext ctx) {
        this.ctx = ctx;
    }

    ArmResponse query(ArmRequest req) {
        ObjectNode body = req.objectBody();
        String query = body.path("query").asText("");
        String normalized = query.trim().replaceAll("\\s+", " ").replace("==", "=~").toLowerCase(Locale.ROOT);
        if (!normalized.equals(SUPPORTED)) {
            ArmException e = new ArmException(400, "BadRequest", "Please provide below info when asking for support: "
                    + "the sandbox supports only the query \"Resources | where type =~ 'microsoft.compute/virtualmachines'\".");
            e.error().putArray("details").addObject().put("code", "InvalidQuery")
                    .put("message", "Query is invalid or not supported by the sandbox: " + query);
            throw e;
        }
        Set<String> subs = new HashSet<>();
        body.path("subscriptions").forEach(s -> subs.add(s.asText().toLowerCase(Locale.ROOT)));
        List<VmRecord> rows = new ArrayList<>();
        for (SubscriptionRecord s : ctx.state().subscriptions()) {
            if (subs.isEmpty() || subs.contains(s.id().toLowerCase(Locale.ROOT))) {
                rows.addAll(s.vms());
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
            data.add(row(rows.get(i)));
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

    private static ObjectNode row(VmRecord vm) {
        ObjectNode model = VmJson.model(vm, false);
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
