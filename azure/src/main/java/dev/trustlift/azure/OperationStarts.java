package dev.trustlift.azure;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.rest.Response;
import com.azure.core.util.FluxUtil;
import com.fasterxml.jackson.databind.JsonNode;
import dev.trustlift.core.cloud.OperationHandle;
import dev.trustlift.core.cloud.OperationHandle.Polling;
import dev.trustlift.core.cloud.OperationKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Turns the first answer of a long-running call into an {@link OperationHandle}. The SDK's
 * {@code begin*} pollers keep the operation URL to themselves, so the initial request goes
 * through the inner clients' {@code *WithResponseAsync} form, whose raw {@code Response} still
 * carries ARM's headers (same pipeline, same serialization as the SDK's own calls).
 */
final class OperationStarts {

    static final String ASYNC_OPERATION = "Azure-AsyncOperation";
    static final String LOCATION = "Location";

    private final Clock clock;

    OperationStarts(Clock clock) {
        this.clock = clock;
    }

    /** Sends the request (by subscribing) and reads its answer; an ARM error comes out as the SDK's exception. */
    OperationHandle start(OperationKind kind, String resourceId, Mono<Response<Flux<ByteBuffer>>> request) {
        Response<Flux<ByteBuffer>> response = request.block();
        // The body must be read in any case: an unread body holds the pooled connection.
        byte[] body = response.getValue() == null ? new byte[0]
                : FluxUtil.collectBytesInByteBufferStream(response.getValue()).blockOptional().orElse(new byte[0]);
        return handle(kind, resourceId, response.getRequest().getHttpMethod(), response.getRequest().getUrl().toString(),
                response.getHeaders().getValue(ASYNC_OPERATION), response.getHeaders().getValue(LOCATION),
                response.getHeaders().getValue(ArmErrors.REQUEST_ID), new String(body, StandardCharsets.UTF_8));
    }

    /**
     * ARM's rule for what to poll: Azure-AsyncOperation if present, else Location; a PUT or PATCH
     * without either ends when the resource's provisioningState does (facts/arm.md).
     */
    OperationHandle handle(OperationKind kind, String resourceId, HttpMethod method, String requestUrl, String asyncOperation,
                           String location, String requestId, String body) {
        if (present(asyncOperation)) {
            return new OperationHandle(kind, resourceId, Polling.ASYNC_OPERATION, asyncOperation, requestId, clock.instant());
        }
        if (present(location)) {
            return new OperationHandle(kind, resourceId, Polling.LOCATION, location, requestId, clock.instant());
        }
        String state = provisioningState(body);
        boolean resourceWrite = method == HttpMethod.PUT || method == HttpMethod.PATCH;
        if (resourceWrite && state != null && !state.equalsIgnoreCase("Succeeded")) {
            return new OperationHandle(kind, resourceId, Polling.PROVISIONING_STATE, requestUrl, requestId, clock.instant());
        }
        return new OperationHandle(kind, resourceId, Polling.COMPLETED, null, requestId, clock.instant());
    }

    private static boolean present(String header) {
        return header != null && !header.isBlank();
    }

    static String provisioningState(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode json = ArmRest.JSON.readTree(body);
            JsonNode state = json.path("properties").path("provisioningState");
            return state.isTextual() ? state.asText() : null;
        } catch (IOException notJson) {
            return null;
        }
    }
}
