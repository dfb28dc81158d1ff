package dev.trustlift.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** An answer to an ARM call: status, optional JSON body, extra headers. */
public final class ArmResponse {
    private final int status;
    private final JsonNode body;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private ArmResponse(int status, JsonNode body) {
        this.status = status;
        this.body = body;
    }

    public static ArmResponse ok(JsonNode body) {
        return new ArmResponse(200, body);
    }

    public static ArmResponse of(int status, JsonNode body) {
        return new ArmResponse(status, body);
    }

    public ArmResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    /** Null for an empty body. */
    public JsonNode body() {
        return body;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
