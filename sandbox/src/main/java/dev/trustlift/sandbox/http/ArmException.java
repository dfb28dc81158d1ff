package dev.trustlift.sandbox.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** An ARM error answer: status, {"error":{"code","message"}} body and optional extra headers. */
public class ArmException extends RuntimeException {
    private final int status;
    private final String code;
    private final ObjectNode error;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ArmException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
        this.error = Json.object().put("code", code).put("message", message);
    }

    public static ArmException badRequest(String code, String message) {
        return new ArmException(400, code, message);
    }

    public static ArmException notFound(String type, String name, String rg) {
        return new ArmException(404, "ResourceNotFound", "The Resource '" + type + "/" + name
                + "' under resource group '" + rg + "' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");
    }

    public ArmException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The error object, for details and innererror. */
    public ObjectNode error() {
        return error;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public ObjectNode body() {
        ObjectNode root = Json.object();
        root.set("error", error);
        return root;
    }
}
