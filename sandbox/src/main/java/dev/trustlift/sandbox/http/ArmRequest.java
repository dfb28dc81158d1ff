package dev.trustlift.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * One ARM call as the handlers see it: method, path, decoded query, the path parameters the
 * route captured and the JSON body (parsed on first use).
 */
public final class ArmRequest {
    private final String method;
    private final String path;
    private final Map<String, String> query;
    private final byte[] rawBody;
    private final boolean authorized;
    private Map<String, String> params = Map.of();
    private JsonNode body;

    public ArmRequest(String method, String path, Map<String, String> query, byte[] rawBody, boolean authorized) {
        this.method = method;
        this.path = path;
        this.query = query;
        this.rawBody = rawBody;
        this.authorized = authorized;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    /** Query parameter by exact name, or null. */
    public String query(String name) {
        return query.get(name);
    }

    public boolean authorized() {
        return authorized;
    }

    /** Called once by the dispatcher with what the route captured. */
    public void bind(Map<String, String> captured) {
        this.params = captured;
    }

    /** A path parameter captured by the route ({s}, {rg}, {vm}, ...). */
    public String param(String name) {
        return params.get(name);
    }

    public JsonNode body() {
        if (body == null) {
            body = Json.parse(rawBody);
        }
        return body;
    }

    /** The body as an object; a missing or non-object body is ARM's InvalidRequestContent. */
    public ObjectNode objectBody() {
        JsonNode b = body();
        if (!(b instanceof ObjectNode o)) {
            throw ArmException.badRequest("InvalidRequestContent", "The request content was invalid and could not be deserialized: "
                    + "expected a JSON object.");
        }
        return o;
    }
}
