package dev.trustlift.cli.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP proxy in front of the sandbox that sends Compute's VM calls with another
 * api-version than the SDK's own, so the production adapter meets the answers a newer Compute
 * gives (from 2025-11-01: {@code securityType: "Standard"}) without a second SDK on the class path.
 * Only the query's api-version of virtualMachines paths changes; everything else passes through.
 */
public final class ApiVersionProxy implements AutoCloseable {
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
            "upgrade", "expect", "keep-alive");

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final HttpClient client = HttpClient.newHttpClient();
    private final String target;
    private final String from;
    private final String to;

    private ApiVersionProxy(String target, String from, String to) throws IOException {
        this.target = target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
        this.from = "api-version=" + from;
        this.to = "api-version=" + to;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::forward);
        server.setExecutor(pool);
        server.start();
    }

    /** Forwards to {@code target}, rewriting {@code api-version=from} to {@code to} on VM paths. */
    public static ApiVersionProxy start(String target, String from, String to) throws IOException {
        return new ApiVersionProxy(target, from, to);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            String pathAndQuery = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            if (pathAndQuery.toLowerCase().contains("/providers/microsoft.compute/virtualmachines")) {
                pathAndQuery = pathAndQuery.replace(from, to);
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + pathAndQuery))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
                if (!HOP_BY_HOP.contains(h.getKey().toLowerCase())) {
                    h.getValue().forEach(v -> request.header(h.getKey(), v));
                }
            }
            HttpResponse<byte[]> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            answer.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    values.forEach(v -> exchange.getResponseHeaders().add(name, v));
                }
            });
            byte[] out = answer.body();
            exchange.sendResponseHeaders(answer.statusCode(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream o = exchange.getResponseBody()) {
                    o.write(out);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(502, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
