package dev.trustlift.sandbox.http;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A method and a path pattern like {@code subscriptions/{s}/resourceGroups/{rg}/...}. Literal
 * segments match case-insensitively, as ARM does; {@code {x}} captures one segment.
 */
public final class Route {
    private final String method;
    private final String[] pattern;
    private final RequestClass requestClass;
    private final Handler handler;

    /** Handles one matched call. */
    @FunctionalInterface
    public interface Handler {
        ArmResponse handle(ArmRequest request);
    }

    public Route(String method, String pattern, RequestClass requestClass, Handler handler) {
        this.method = method;
        this.pattern = pattern.split("/");
        this.requestClass = requestClass;
        this.handler = handler;
    }

    public String method() {
        return method;
    }

    public RequestClass requestClass() {
        return requestClass;
    }

    public Handler handler() {
        return handler;
    }

    /** The captured parameters when the segments match, else null. */
    public Map<String, String> match(String method, String[] segments) {
        if (!this.method.equals(method) || segments.length != pattern.length) {
            return null;
        }
        Map<String, String> captured = null;
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{")) {
                if (captured == null) {
                    captured = new HashMap<>(8);
                }
                captured.put(p.substring(1, p.length() - 1), segments[i]);
            } else if (!p.equalsIgnoreCase(segments[i])) {
                return null;
            }
        }
        return captured == null ? Map.of() : captured;
    }

    @Override
    public String toString() {
        return method + " /" + String.join("/", pattern).toLowerCase(Locale.ROOT);
    }
}
