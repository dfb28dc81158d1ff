package dev.trustlift.core.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.core.cloud.OperationHandle;
import dev.trustlift.core.cloud.OperationKind;
import java.io.IOException;
import java.time.Instant;

/**
 * A long-running operation as a step attempt journals it: its {@link OperationHandle} plus the
 * step's own label for it (a step may start several operations one after another, e.g. a run
 * command per script, and the label tells it which one ended). The URL goes to the attempt's
 * {@code operation_url}; the rest is this small JSON object in {@code operation_kind}, e.g.
 * <pre>{"label":"run-command:mbr2gpt-convert","kind":"RUN_COMMAND","polling":"ASYNC_OPERATION",
 * "resourceId":"/subscriptions/...","requestId":"...","startedAt":"2026-12-08T03:00:00Z"}</pre>
 */
public record JournaledOperation(String label, OperationHandle handle) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public JournaledOperation {
        if (label == null || label.isBlank() || handle == null) {
            throw new IllegalArgumentException("a journaled operation needs a label and a handle");
        }
    }

    /** The text kept in {@code operation_kind}. */
    public String kindJson() {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("label", label);
        n.put("kind", handle.kind().name());
        n.put("polling", handle.polling().name());
        n.put("resourceId", handle.resourceId());
        n.put("requestId", handle.requestId());
        n.put("startedAt", handle.startedAt().toString());
        return n.toString();
    }

    /** Rebuilds the operation from an attempt's {@code operation_url} and {@code operation_kind}. */
    public static JournaledOperation read(String operationUrl, String kindJson) {
        try {
            JsonNode n = MAPPER.readTree(kindJson);
            OperationHandle handle = new OperationHandle(OperationKind.valueOf(n.path("kind").asText()),
                    n.path("resourceId").asText(), OperationHandle.Polling.valueOf(n.path("polling").asText()),
                    operationUrl, n.path("requestId").isNull() ? null : n.path("requestId").asText(null),
                    Instant.parse(n.path("startedAt").asText()));
            return new JournaledOperation(n.path("label").asText(), handle);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a journaled operation: " + kindJson, e);
        }
    }

    /** The label of a journaled {@code operation_kind}, or the text itself when it is not one (reports). */
    public static String labelOf(String kindJson) {
        if (kindJson == null) {
            return null;
        }
        try {
            JsonNode n = MAPPER.readTree(kindJson);
            return n.hasNonNull("label") ? n.get("label").asText() : kindJson;
        } catch (IOException e) {
            return kindJson;
        }
    }
}
