package dev.trustlift.sandbox.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The sandbox's JSON plumbing: one shared mapper for bodies rendered on demand. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return NODES.nullNode();
        }
        try {
            return MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw ArmException.badRequest("InvalidRequestContent",
                    "The request content was invalid and could not be deserialized: '" + e.getMessage().lines().findFirst().orElse("") + "'.");
        }
    }
}
