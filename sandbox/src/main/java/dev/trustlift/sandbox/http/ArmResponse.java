package dev.trustlift.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** An answer to an ARM call: status, optional JSON body, extra headers. */
public final class ArmResponse {
    private final int status;
    private final JsonNode body;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] raw;

    private ArmResponse(int status, JsonNode body) {
        this.status = status;
        this.body = body;
    }

    /** A non-JSON answer (a blob the sandbox serves), sent as is with its own Content-Type. */
    public static ArmResponse text(int status, String contentType, String text) {
        ArmResponse r = new ArmResponse(status, null);
        r.raw = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        r.header("Content-Type", contentType);
        return r;
    }

    /** The bytes of a non-JSON answer, or null. */
    public byte[] raw() {
        return raw;
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
