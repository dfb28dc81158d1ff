package dev.trustlift.azure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustlift.core.cloud.CloudException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain JSON calls over the shared authenticated pipeline, for the few ARM calls with no typed
 * client (Recovery Services) or whose typed client mangles the path (the SDK percent-encodes the
 * slashes of a lock scope). Same credential, retries and throttling observer as the SDK's calls.
 */
final class ArmRest {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpPipeline pipeline;
    private final String endpoint;

    ArmRest(HttpPipeline pipeline, String endpoint) {
        this.pipeline = pipeline;
        this.endpoint = endpoint;
    }

    /** @param path an ARM path, with or without the leading slash, without query */
    JsonNode send(HttpMethod method, String path, String apiVersion, JsonNode body) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return sendTo(method, endpoint + relative + "?api-version=" + apiVersion, path, body);
    }

    /**
     * Every item of an ARM list: the "value" of each page, following nextLink (an absolute URL
     * that already carries the api-version and skip token) until there is none.
     */
    List<JsonNode> list(String path, String apiVersion) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode page = send(HttpMethod.GET, path, apiVersion, null);
        while (true) {
            page.path("value").forEach(out::add);
            String next = page.path("nextLink").asText("");
            if (next.isBlank()) {
                return out;
            }
            page = sendTo(HttpMethod.GET, next, path, null);
        }
    }

    private JsonNode sendTo(HttpMethod method, String url, String path, JsonNode body) {
        HttpRequest request = new HttpRequest(method, url);
        request.setHeader(HttpHeaderName.ACCEPT, "application/json");
        if (body != null) {
            request.setHeader(HttpHeaderName.CONTENT_TYPE, "application/json");
            request.setBody(body.toString());
        }
        try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
            String text = response.getBodyAsBinaryData() == null ? "" : response.getBodyAsBinaryData().toString();
            JsonNode json = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
            if (response.getStatusCode() / 100 != 2) {
                JsonNode error = json.path("error");
                throw new CloudException(error.path("code").asText("Http" + response.getStatusCode()),
                        error.path("message").asText(method + " " + path + " failed"),
                        response.getStatusCode(), response.getHeaderValue(ArmErrors.REQUEST_ID), null);
            }
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
