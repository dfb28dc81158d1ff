package dev.trustlift.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A loopback HTTP server that answers ARM paths with canned answers (mostly the public example
 * payloads) and logs every request, so adapter tests see exactly what the SDK sent. Unknown
 * paths get a loud 404, like the sandbox.
 */
final class FakeArm implements AutoCloseable {

    static final String SUB = "11111111-1111-1111-1111-111111111111";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger REQUEST_IDS = new AtomicInteger();

    /** One logged request. */
    record Call(String method, String path, String query, String body, long atNanos) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** A canned answer. */
    record Answer(int status, Map<String, String> headers, String body) {
        static Answer json(int status, String body) {
            return new Answer(status, Map.of(), body);
        }

        Answer with(String header, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(header, value);
            return new Answer(status, h, body);
        }
    }

    private record Route(String method, Pattern path, Function<Call, Answer> handler) {
    }

    private final HttpServer server;
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());

    FakeArm() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** Adds a route; later routes win, so a test can override a default. */
    FakeArm on(String method, String pathRegex, Function<Call, Answer> handler) {
        routes.add(0, new Route(method, Pattern.compile(pathRegex, Pattern.CASE_INSENSITIVE), handler));
        return this;
    }

    FakeArm on(String method, String pathRegex, Answer answer) {
        return on(method, pathRegex, call -> answer);
    }

    /** Forgets routes and calls, so each test states everything it relies on. */
    void reset() {
        routes.clear();
        calls.clear();
    }

    List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    long count(String method, String pathRegex) {
        Pattern p = Pattern.compile(pathRegex, Pattern.CASE_INSENSITIVE);
        return calls().stream().filter(c -> c.method().equals(method) && p.matcher(c.path()).matches()).count();
    }

    /** The body of an example's response for a status, placeholders filled with {@link #SUB}. */
    static String example(String file, int status) {
        try (InputStream in = FakeArm.class.getResourceAsStream("/arm-examples/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no example " + file);
            }
            JsonNode root = JSON.readTree(in);
            JsonNode body = root.path("responses").path(String.valueOf(status)).path("body");
            return body.toString().replace("{subscription-id}", SUB).replace("{subscriptionId}", SUB);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String error(String code, String message) {
        return JSON.createObjectNode().set("error", JSON.createObjectNode().put("code", code).put("message", message))
                .toString();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            URI uri = exchange.getRequestURI();
            Call call = new Call(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), body, System.nanoTime());
            calls.add(call);
            Answer answer = null;
            for (Route route : routes) {
                if (route.method().equals(call.method()) && route.path().matcher(call.path()).matches()) {
                    answer = route.handler().apply(call);
                    break;
                }
            }
            if (answer == null) {
                answer = Answer.json(404, error("SandboxUnsupported", call.method() + " " + call.path() + " is not emulated"));
            }
            byte[] bytes = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.getResponseHeaders().set("x-ms-request-id", "req-" + REQUEST_IDS.incrementAndGet());
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v.replace("{base}", base())));
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        }
    }

    /** Base URL without the trailing slash, for Location headers. */
    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
