package dev.trustlift.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.trustlift.sandbox.control.ControlEndpoints;
import dev.trustlift.sandbox.http.ArmException;
import dev.trustlift.sandbox.identity.BearerTokenGate;
import dev.trustlift.sandbox.identity.TokenAuthority;
import dev.trustlift.sandbox.http.ArmRequest;
import dev.trustlift.sandbox.http.ArmResponse;
import dev.trustlift.sandbox.http.Json;
import dev.trustlift.sandbox.http.Route;
import dev.trustlift.sandbox.state.ArmState;
import dev.trustlift.sandbox.state.CallLog;
import dev.trustlift.sandbox.state.SubscriptionRecord;
import dev.trustlift.sandbox.state.VmRecord;
import dev.trustlift.sandbox.throttle.Throttler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Every HTTP call: api-version check, routing, throttling, the handler, then ARM's headers
 * (x-ms-request-id, x-ms-correlation-request-id, x-ms-ratelimit-remaining-*) and the call log.
 */
final class ArmDispatcher implements HttpHandler {
    private static final Pattern API_VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(-preview)?");

    private final Supplier<SandboxRuntime> runtime;
    private final ControlEndpoints control;
    private volatile Consumer<CallLog.Call> accessLog;

    ArmDispatcher(Supplier<SandboxRuntime> runtime, ControlEndpoints control) {
        this.runtime = runtime;
        this.control = control;
    }

    /** Receives every answered call (for `sandbox start --log`); null for none. */
    void accessLog(Consumer<CallLog.Call> log) {
        this.accessLog = log;
    }

    /** Logs a call answered outside the dispatcher (sign-in, refused bearer) like the ones it answers. */
    void record(CallLog.Call call) {
        runtime.get().calls.add(call);
        Consumer<CallLog.Call> log = accessLog;
        if (log != null) {
            log.accept(call);
        }
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            SandboxRuntime rt = runtime.get();
            String requestId = fastUuid();
            String path = ex.getRequestURI().getPath();
            String rawQuery = ex.getRequestURI().getRawQuery();
            Map<String, String> query = parseQuery(rawQuery);
            byte[] body = ex.getRequestBody().readAllBytes();
            boolean auth = ex.getRequestHeaders().containsKey("Authorization");
            String principal = principal(ex);
            ArmRequest req = new ArmRequest(ex.getRequestMethod(), path, query, body, auth);
            ArmResponse resp;
            Throttler.Admission admission = null;
            if (path.startsWith("/_sandbox/") || path.equals("/_sandbox")) {
                resp = control.handle(req);
            } else {
                try {
                    String[] segments = segments(path);
                    checkApiVersion(query.get("api-version"));
                    Route route = null;
                    Map<String, String> params = null;
                    for (Route r : rt.routes) {
                        params = r.match(req.method(), segments);
                        if (params != null) {
                            route = r;
                            break;
                        }
                    }
                    if (route == null) {
                        throw new ArmException(404, "SandboxUnsupported", req.method() + " " + path + " is not emulated");
                    }
                    req.bind(params);
                    admission = admit(rt, route, params, principal);
                    if (!admission.admitted()) {
                        throw Throttled.error(admission, params.get("s"));
                    }
                    resp = route.handler().handle(req);
                } catch (ArmException e) {
                    resp = ArmResponse.of(e.status(), e.body());
                    e.headers().forEach(resp::header);
                } catch (RuntimeException e) {
                    resp = ArmResponse.of(500, new ArmException(500, "InternalServerError",
                            "The sandbox failed: " + e).body());
                }
                if (admission == null) {
                    admission = rt.tenantThrottler.admit(dev.trustlift.sandbox.http.RequestClass.read(null), null, null,
                            principal);
                }
            }
            String clientRequestId = ex.getRequestHeaders().getFirst("x-ms-client-request-id");
            if (clientRequestId != null) {
                resp.header("x-ms-client-request-id", clientRequestId);
            }
            // Logged before answering, so a client that reads /_sandbox/calls next sees its call.
            CallLog.Call call = new CallLog.Call(Instant.now().toString(), req.method(), path, rawQuery, resp.status(), auth,
                    requestId, BearerTokenGate.logEntry(ex));
            rt.calls.add(call);
            Consumer<CallLog.Call> log = accessLog;
            if (log != null) {
                log.accept(call);
            }
            write(ex, resp, requestId, admission);
        }
    }

    /**
     * Who ARM meters a call for: the client id ({@code appid}) of the verified bearer token in TLS
     * mode; without a verified token (plain HTTP) every call is one principal.
     */
    private static String principal(HttpExchange ex) {
        if (ex.getAttribute(BearerTokenGate.CHECK_ATTRIBUTE) instanceof TokenAuthority.BearerCheck check && check.valid()
                && check.appId() != null) {
            return check.appId();
        }
        return Throttler.ANONYMOUS;
    }

    private static Throttler.Admission admit(SandboxRuntime rt, Route route, Map<String, String> params, String principal) {
        String s = params.get("s");
        SubscriptionRecord sub = rt.context.state().findSubscription(s);
        Throttler throttler = sub != null ? sub.throttler() : rt.tenantThrottler;
        String resourceKey = params.containsKey("vm")
                ? ArmState.key(ArmState.vmId(s, params.get("rg"), params.get("vm"))) : null;
        String region = params.get("loc");
        if (resourceKey != null) {
            VmRecord vm = rt.context.state().findVm(resourceKey);
            region = vm == null ? null : vm.location();
        }
        return throttler.admit(route.requestClass(), resourceKey, region, principal);
    }

    private static void checkApiVersion(String version) {
        if (version == null || version.isEmpty()) {
            throw ArmException.badRequest("MissingApiVersionParameter",
                    "The api-version query parameter (?api-version=) is required for all requests.");
        }
        if (!API_VERSION.matcher(version).matches()) {
            throw ArmException.badRequest("InvalidApiVersionParameter", "The api-version '" + version
                    + "' is invalid. The supported versions have the form 'yyyy-mm-dd' or 'yyyy-mm-dd-preview'.");
        }
    }

    private static void write(HttpExchange ex, ArmResponse resp, String requestId, Throttler.Admission a) throws IOException {
        Headers h = ex.getResponseHeaders();
        h.set("Content-Type", "application/json; charset=utf-8");
        h.set("Cache-Control", "no-cache");
        h.set("x-ms-request-id", requestId);
        h.set("x-ms-correlation-request-id", requestId);
        h.set("x-ms-routing-request-id", "SANDBOX:" + requestId);
        if (a != null) {
            h.set(a.armHeader(), String.valueOf(a.armRemaining()));
            if (a.globalHeader() != null) {
                h.set(a.globalHeader(), String.valueOf(a.globalRemaining()));
            }
            if (a.resourceHeader() != null) {
                h.set("x-ms-ratelimit-remaining-resource", a.resourceHeader());
                h.set("x-ms-request-charge", "1");
            }
        }
        resp.headers().forEach(h::set);
        byte[] bytes = resp.raw() != null ? resp.raw()
                : resp.body() == null || resp.body().isNull() ? new byte[0] : Json.bytes(resp.body());
        ex.sendResponseHeaders(resp.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    static String[] segments(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.split("/", -1);
    }

    static Map<String, String> parseQuery(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.putIfAbsent(k, v);
        }
        return q;
    }

    /** A random UUID without SecureRandom's lock: request ids need uniqueness, not secrecy. */
    private static String fastUuid() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return new UUID((r.nextLong() & ~0xF000L) | 0x4000L, (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L)
                .toString();
    }

    /** ARM's and Compute's 429 bodies. */
    static final class Throttled {
        private Throttled() {
        }

        static ArmException error(Throttler.Admission a, String subscription) {
            ArmException e;
            if (Throttler.isGlobalBucket(a.refusedBy())) {
                // Sandbox wording: ARM's text for the subscription-wide limit is not public.
                String kind = a.refusedBy().substring("global".length()).toLowerCase().replaceAll("s$", "");
                e = new ArmException(429, "SubscriptionRequestsThrottled", "Number of '" + kind + "' requests for "
                        + "subscription '" + subscription + "' from all principals exceeded the subscription's global "
                        + "limit. Please try again after '" + a.retryAfterSeconds() + "' seconds after additional tokens "
                        + "are available. Refer to https://aka.ms/arm-throttling");
            } else if (Throttler.isArmBucket(a.refusedBy())) {
                String kind = a.refusedBy().replaceAll("s$", "");
                e = new ArmException(429, "SubscriptionRequestsThrottled", "Number of '" + kind + "' requests for "
                        + "subscription '" + subscription + "' actor '" + a.principal() + "' exceeded. Please try again "
                        + "after '" + a.retryAfterSeconds() + "' seconds after additional tokens are available. Refer to "
                        + "https://aka.ms/arm-throttling");
            } else {
                e = new ArmException(429, "OperationNotAllowed", "The server rejected the request because too many "
                        + "requests have been received for this subscription.");
                Instant now = Instant.now();
                ObjectNode detail = e.error().putArray("details").addObject();
                detail.put("code", "TooManyRequests");
                detail.put("target", a.refusedBy());
                detail.put("message", "{\"operationGroup\":\"" + a.refusedBy() + "\",\"startTime\":\"" + now.minusSeconds(180)
                        + "\",\"endTime\":\"" + now + "\",\"allowedRequestCount\":" + a.allowed()
                        + ",\"measuredRequestCount\":" + (a.allowed() + 1) + "}");
            }
            e.header("Retry-After", String.valueOf(a.retryAfterSeconds()));
            return e;
        }
    }
}
