package dev.trustlift.azure;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.resourcegraph.ResourceGraphManager;
import com.azure.resourcemanager.resourcegraph.models.QueryRequest;
import com.azure.resourcemanager.resourcegraph.models.QueryRequestOptions;
import com.azure.resourcemanager.resourcegraph.models.QueryResponse;
import com.azure.resourcemanager.resourcegraph.models.ResultFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustlift.core.cloud.CloudScope;
import dev.trustlift.core.cloud.Vm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lists VMs through Azure Resource Graph. A Resources row of a VM has the same shape as the ARM
 * VM resource, so each row is read by the SDK's own VM model and mapped like any listed VM.
 */
final class GraphVmQuery {

    /** Resource Graph's page size limit. */
    static final int PAGE = 1000;
    /** Subscriptions per query: Resource Graph takes at most 1000 (Search-AzGraph batches the same way). */
    static final int SUBSCRIPTIONS_PER_QUERY = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private GraphVmQuery() {
    }

    static final String VMS = "Resources | where type =~ 'microsoft.compute/virtualmachines'";

    /**
     * The scope's filters in KQL, so Resource Graph returns only the VMs asked for. Subscriptions
     * are the request's own scope (its subscriptions member), not a KQL filter. ARM treats resource
     * group names case-insensitively and Resource Graph stores them in lower case, hence {@code =~};
     * tag names and values compare exactly, as {@link CloudScope#matchesTags} and ARM's tag filter do.
     */
    static String query(CloudScope scope) {
        StringBuilder kql = new StringBuilder(VMS);
        if (scope.resourceGroup() != null) {
            kql.append(" | where resourceGroup =~ ").append(literal(scope.resourceGroup()));
        }
        for (Map.Entry<String, String> tag : new TreeMap<>(scope.tags()).entrySet()) {
            kql.append(" | where tags[").append(literal(tag.getKey())).append("] == ").append(literal(tag.getValue()));
        }
        return kql.toString();
    }

    /** A KQL string literal: single quotes, with backslash escapes for what would end or bend it. */
    static String literal(String value) {
        StringBuilder out = new StringBuilder("'");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    static List<Vm> run(ResourceGraphManager graph, CloudScope scope) {
        List<Vm> out = new ArrayList<>();
        List<String> all = scope.subscriptions();
        for (int from = 0; from < all.size(); from += SUBSCRIPTIONS_PER_QUERY) {
            out.addAll(runBatch(graph, scope, all.subList(from, Math.min(all.size(), from + SUBSCRIPTIONS_PER_QUERY))));
        }
        return out;
    }

    private static List<Vm> runBatch(ResourceGraphManager graph, CloudScope scope, List<String> subscriptions) {
        List<Vm> out = new ArrayList<>();
        String skipToken = null;
        String query = query(scope);
        do {
            QueryResponse page = graph.resourceProviders().resources(new QueryRequest()
                    .withSubscriptions(subscriptions)
                    .withQuery(query)
                    .withOptions(new QueryRequestOptions().withResultFormat(ResultFormat.OBJECT_ARRAY)
                            .withTop(PAGE).withSkipToken(skipToken)));
            for (Object row : rows(page.data())) {
                out.add(ArmModels.vm(parseVm(row)));
            }
            skipToken = page.skipToken();
        } while (skipToken != null && !skipToken.isBlank());
        return out;
    }

    private static List<?> rows(Object data) {
        if (data instanceof List<?> list) {
            return list;
        }
        if (data instanceof Map<?, ?> table && table.get("rows") instanceof List<?>) {
            throw new IllegalStateException("Resource Graph answered in table format; objectArray was requested");
        }
        return List.of();
    }

    static VirtualMachineInner parseVm(Object row) {
        try (JsonReader reader = JsonProviders.createReader(JSON.writeValueAsString(row))) {
            return VirtualMachineInner.fromJson(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
