package dev.trustlift.azure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.trustlift.core.cloud.CloudException;
import dev.trustlift.core.cloud.OperationHandle;
import dev.trustlift.core.cloud.OperationHandle.Polling;
import dev.trustlift.core.cloud.OperationState;
import dev.trustlift.core.cloud.OperationState.Status;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * One poll of a journaled operation: a GET of its URL through the shared pipeline (credential,
 * retries, rate-limit observer), read the way azure-core-management's pollers read it. Needs
 * nothing but the handle, so a process that did not start the operation can poll it.
 */
final class OperationPolls {

    private final HttpPipeline pipeline;
    private final URI endpoint;

    OperationPolls(HttpPipeline pipeline, String endpoint) {
        this.pipeline = pipeline;
        this.endpoint = URI.create(endpoint);
    }

    OperationState poll(OperationHandle handle) {
        if (handle.polling() == Polling.COMPLETED) {
            return new OperationState(Status.SUCCEEDED, null, null, null, handle.requestId(), handle);
        }
        URI url = URI.create(handle.pollUrl());
        requireArm(url);
        HttpRequest request = new HttpRequest(HttpMethod.GET, handle.pollUrl());
        request.setHeader(HttpHeaderName.ACCEPT, "application/json");
        // One GET, no waiting inside: a throttled poll comes back InProgress with ARM's Retry-After.
        try (HttpResponse response = pipeline.sendSync(request, new Context(ThrottleRetryPolicy.WAIT_OUT, false))) {
            int status = response.getStatusCode();
            String text = response.getBodyAsBinaryData() == null ? "" : response.getBodyAsBinaryData().toString();
            JsonNode json = parse(text);
            HttpHeaders headers = response.getHeaders();
            Duration retryAfter = retryAfter(headers);
            String requestId = headers.getValue(ArmErrors.REQUEST_ID);
            if (status == 429) {
                // The operation goes on; only the read budget is spent. The poller asks again after Retry-After.
                return new OperationState(Status.IN_PROGRESS, null, null,
                        retryAfter == null ? Duration.ofSeconds(1) : retryAfter, requestId, handle);
            }
            return switch (handle.polling()) {
                case ASYNC_OPERATION -> asyncOperation(handle, status, json, headers, retryAfter, requestId);
                case LOCATION -> location(handle, status, json, headers, retryAfter, requestId);
                case PROVISIONING_STATE -> provisioningState(handle, status, json, retryAfter, requestId);
                case COMPLETED -> throw new IllegalStateException("unreachable");
            };
        }
    }

    /**
     * A handle comes from a journal file; the bearer token must only ever go to the ARM endpoint
     * this connection signs in to, never to a host a tampered file names.
     */
    private void requireArm(URI url) {
        boolean same = url.getScheme() != null && url.getScheme().equalsIgnoreCase(endpoint.getScheme())
                && url.getHost() != null && url.getHost().equalsIgnoreCase(endpoint.getHost())
                && port(url) == port(endpoint);
        if (!same) {
            throw new CloudException("UntrustedOperationUrl", "operation URL " + url.getScheme() + "://" + url.getHost()
                    + " is not on the ARM endpoint " + endpoint + "; it is not polled", 0, null, null);
        }
    }

    private static int port(URI u) {
        if (u.getPort() >= 0) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    private static OperationState asyncOperation(OperationHandle handle, int status, JsonNode json, HttpHeaders headers,
                                                 Duration retryAfter, String requestId) {
        if (status / 100 != 2) {
            throw failure(json, status, requestId);
        }
        if (!json.path("status").isTextual()) {
            // As the SDK's poller: a status answer without a status is not an answer.
            throw new CloudException("InvalidOperationStatus", "the operation status at " + handle.pollUrl()
                    + " has no 'status'", status, requestId, null);
        }
        Status s = Status.parse(json.path("status").asText());
        String moved = headers.getValue(OperationStarts.ASYNC_OPERATION);
        OperationHandle next = moved != null && !moved.isBlank() && !moved.equals(handle.pollUrl())
                ? handle.at(Polling.ASYNC_OPERATION, moved) : handle;
        JsonNode error = json.path("error");
        return new OperationState(s, s.equals(Status.IN_PROGRESS) || s.equals(Status.SUCCEEDED) ? null : text(error, "code"),
                s.equals(Status.IN_PROGRESS) || s.equals(Status.SUCCEEDED) ? null : text(error, "message"),
                retryAfter, requestId, next);
    }

    private static OperationState location(OperationHandle handle, int status, JsonNode json, HttpHeaders headers,
                                           Duration retryAfter, String requestId) {
        if (status == 202) {
            String moved = headers.getValue(OperationStarts.LOCATION);
            OperationHandle next = moved != null && !moved.isBlank() && !moved.equals(handle.pollUrl())
                    ? handle.at(Polling.LOCATION, moved) : handle;
            return new OperationState(Status.IN_PROGRESS, null, null, retryAfter, requestId, next);
        }
        if (status / 100 == 2) {
            return new OperationState(Status.SUCCEEDED, null, null, retryAfter, requestId, handle);
        }
        // The Location protocol reports a failed operation as the error answer itself.
        JsonNode error = json.path("error");
        return new OperationState(Status.FAILED, text(error, "code") == null ? "Http" + status : text(error, "code"),
                text(error, "message"), retryAfter, requestId, handle);
    }

    private static OperationState provisioningState(OperationHandle handle, int status, JsonNode json, Duration retryAfter,
                                                    String requestId) {
        if (status / 100 != 2) {
            throw failure(json, status, requestId);
        }
        String state = json.path("properties").path("provisioningState").asText(null);
        Status s = Status.parse(state);
        return new OperationState(s, s == Status.FAILED || s == Status.CANCELED ? "ProvisioningState" + state : null,
                s == Status.FAILED || s == Status.CANCELED ? "the resource's provisioningState is " + state : null,
                retryAfter, requestId, handle);
    }

    private static CloudException failure(JsonNode json, int status, String requestId) {
        JsonNode error = json.path("error");
        return new CloudException(text(error, "code") == null ? "Http" + status : text(error, "code"),
                text(error, "message"), status, requestId, null);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() ? v.asText() : null;
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return ArmRest.JSON.createObjectNode();
        }
        try {
            return ArmRest.JSON.readTree(text);
        } catch (IOException notJson) {
            return ArmRest.JSON.createObjectNode();
        }
    }

    static Duration retryAfter(HttpHeaders headers) {
        return RetryAfter.read(headers).orElse(null);
    }
}
