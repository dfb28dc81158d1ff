package dev.trustlift.sandbox.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import dev.trustlift.sandbox.http.ArmException;
import dev.trustlift.sandbox.http.Json;
import dev.trustlift.sandbox.identity.AdfsEndpoints;
import dev.trustlift.sandbox.identity.ArmAudiences;
import dev.trustlift.sandbox.state.CallLog;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * ARM's cloud metadata document, {@code GET /metadata/endpoints?api-version=...}: where to sign in
 * and which token audiences this ARM accepts. Clients read it before they have a token
 * ({@code az cloud register --endpoint-resource-manager URL}, Azure Stack Hub tooling, the SDKs'
 * cloud discovery), so it is served without one, over HTTP and HTTPS alike.
 *
 * <p>Two shapes, by api-version, as ARM has them: {@code 1.0} and {@code 2015-01-01} give the
 * original object ({@code galleryEndpoint}, {@code graphEndpoint}, {@code portalEndpoint},
 * {@code authentication}); {@code 2019-05-01} and later give an array of cloud objects
 * ({@code name}, {@code resourceManager}, {@code suffixes}, ...), here with the sandbox's cloud
 * only. The sign-in endpoint is the sandbox's AD FS-shaped authority at {@code /adfs}; the
 * addresses follow the Host the client used, like the authority's own metadata. The sandbox
 * emulates no gallery, Graph, portal or data-plane service: those entries are placeholders (under
 * its address, or a {@code .invalid} DNS suffix) so that no client reaches a real service by them.
 *
 * <p>A filter ahead of the bearer-token gate and the ARM dispatcher on {@code /}: it answers
 * {@code /metadata/} paths itself, also with doubled slashes ({@code az} asks for
 * {@code https://host//metadata/endpoints} when the registered endpoint ends in a slash), and
 * passes every other request on.
 */
public final class CloudMetadataEndpoints extends Filter {
    public static final String PATH = "/metadata/endpoints";
    /** The name of the sandbox's cloud in the array shape; also what docs suggest for {@code az cloud register -n}. */
    public static final String CLOUD_NAME = "trustlift-sandbox";
    static final List<String> OBJECT_VERSIONS = List.of("1.0", "2015-01-01");
    static final List<String> ARRAY_VERSIONS = List.of("2019-05-01", "2020-06-01", "2022-09-01", "2023-11-01");
    private static final String SUFFIX = "sandbox.invalid";

    private final ArmAudiences audiences;
    private final Consumer<CallLog.Call> calls;

    /**
     * @param audiences the audiences the bearer check accepts, in the order the document lists them
     * @param calls     told of every answered request, for the call log
     */
    public CloudMetadataEndpoints(ArmAudiences audiences, Consumer<CallLog.Call> calls) {
        this.audiences = audiences;
        this.calls = calls;
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        String path = requestPath(exchange.getRequestURI()).replaceAll("/{2,}", "/");
        if (path.equals("/metadata") || path.startsWith("/metadata/")) {
            serve(exchange, path.replaceAll("/+$", ""));
        } else {
            chain.doFilter(exchange);
        }
    }

    @Override
    public String description() {
        return "ARM's cloud metadata document at " + PATH + ", served without a bearer token";
    }

    private void serve(HttpExchange exchange, String path) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String rawQuery = exchange.getRequestURI().getRawQuery();
            int status;
            JsonNode body;
            try {
                body = answer(exchange.getRequestMethod(), path, apiVersion(rawQuery),
                        AdfsEndpoints.baseUrl(exchange));
                status = 200;
            } catch (ArmException e) {
                status = e.status();
                body = e.body();
            }
            String requestId = UUID.randomUUID().toString();
            calls.accept(new CallLog.Call(Instant.now().toString(), exchange.getRequestMethod(), path, rawQuery, status,
                    exchange.getRequestHeaders().containsKey("Authorization"), requestId));
            byte[] bytes = Json.bytes(body);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.getResponseHeaders().set("x-ms-request-id", requestId);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** The document for one request, or the ARM error it gets. */
    JsonNode answer(String method, String path, String apiVersion, String base) {
        if (!method.equals("GET") || !path.equals(PATH)) {
            throw new ArmException(404, "SandboxUnsupported", method + " " + path + " is not emulated; the cloud"
                    + " metadata document is GET " + PATH + "?api-version=2015-01-01");
        }
        if (apiVersion == null || apiVersion.isEmpty()) {
            throw ArmException.badRequest("MissingApiVersionParameter",
                    "The api-version query parameter (?api-version=) is required for all requests.");
        }
        if (OBJECT_VERSIONS.contains(apiVersion)) {
            return original(base);
        }
        if (ARRAY_VERSIONS.contains(apiVersion)) {
            ArrayNode clouds = Json.array();
            clouds.add(cloud(base));
            return clouds;
        }
        throw ArmException.badRequest("InvalidApiVersionParameter", "The api-version '" + apiVersion
                + "' is invalid. The supported versions are '" + String.join(",", supported()) + "'.");
    }

    /** The {@code 2015-01-01} object: what {@code az cloud register} and Azure Stack Hub's guides read. */
    ObjectNode original(String base) {
        ObjectNode doc = Json.object();
        doc.put("galleryEndpoint", base + "/gallery/");
        doc.put("graphEndpoint", base + "/graph/");
        doc.put("graphAudience", base + "/graph/");
        doc.put("portalEndpoint", base + "/portal/");
        doc.put("resourceManager", base + "/");
        doc.set("authentication", authentication(base));
        return doc;
    }

    /** One cloud of the {@code 2019-05-01}+ array, with the keys public Azure's entries have. */
    ObjectNode cloud(String base) {
        ObjectNode cloud = Json.object();
        cloud.put("portal", base + "/portal/");
        cloud.set("authentication", authentication(base));
        cloud.put("media", base + "/media/");
        cloud.put("graphAudience", base + "/graph/");
        cloud.put("graph", base + "/graph/");
        cloud.put("name", CLOUD_NAME);
        ObjectNode suffixes = cloud.putObject("suffixes");
        suffixes.put("acrLoginServer", "azurecr." + SUFFIX);
        suffixes.put("sqlServerHostname", "database." + SUFFIX);
        suffixes.put("keyVaultDns", "vault." + SUFFIX);
        suffixes.put("storage", "storage." + SUFFIX);
        suffixes.put("azureFrontDoorEndpointSuffix", "azurefd." + SUFFIX);
        cloud.put("batch", base + "/batch/");
        cloud.put("resourceManager", base + "/");
        cloud.put("vmImageAliasDoc", base + "/vmImageAliasDoc");
        cloud.put("activeDirectoryDataLake", base + "/datalake/");
        cloud.put("sqlManagement", base + "/sqlManagement/");
        cloud.put("gallery", base + "/gallery/");
        return cloud;
    }

    private ObjectNode authentication(String base) {
        ObjectNode authentication = Json.object();
        authentication.put("loginEndpoint", base + AdfsEndpoints.ROOT);
        ArrayNode list = authentication.putArray("audiences");
        audiences.listed().forEach(list::add);
        authentication.put("tenant", "adfs");
        authentication.put("identityProvider", "ADFS");
        return authentication;
    }

    private static List<String> supported() {
        return java.util.stream.Stream.concat(OBJECT_VERSIONS.stream(), ARRAY_VERSIONS.stream()).toList();
    }

    /**
     * The path as the client sent it. A request target starting with {@code //} parses as a URI
     * with an authority ({@code //metadata/endpoints} has authority {@code metadata} and path
     * {@code /endpoints}), so the authority is put back.
     */
    static String requestPath(URI target) {
        String path = target.getRawPath() == null ? "" : target.getRawPath();
        return target.getScheme() == null && target.getRawAuthority() != null
                ? "//" + target.getRawAuthority() + path : path;
    }

    private static String apiVersion(String rawQuery) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (name.equals("api-version")) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
