package dev.trustlift.core.cloud;

import java.time.Instant;
import java.util.Locale;

/**
 * A long-running ARM operation that was accepted, as the journal keeps it: every field is a
 * string, an enum stored by its name, or an instant, so a resumed process can poll it again
 * ({@link Cloud#pollOperation}) instead of repeating the request, which ARM may refuse or, worse,
 * carry out twice.
 *
 * @param resourceId the ARM id of the resource the operation changes (the VM, the disk, ...)
 * @param pollUrl absolute URL to poll: the Azure-AsyncOperation header if ARM sent one, else
 *        Location, else (a PUT or PATCH answered without either) the resource itself; null when
 *        the first answer already finished the work
 * @param requestId x-ms-request-id of the accepting answer: what Azure support asks for
 */
public record OperationHandle(OperationKind kind, String resourceId, Polling polling, String pollUrl, String requestId,
                              Instant startedAt) {

    /** How {@link #pollUrl} tells that the operation has ended. */
    public enum Polling {
        /** The Azure-AsyncOperation status document: {@code status} InProgress / Succeeded / Failed / Canceled. */
        ASYNC_OPERATION,
        /** The Location URL: 202 while running, 200/201/204 when done, an ARM error when it failed. */
        LOCATION,
        /** No async header: the resource's {@code properties.provisioningState} ends the operation. */
        PROVISIONING_STATE,
        /** The first answer was final (a synchronous 200, 201 or 204): nothing to poll. */
        COMPLETED
    }

    public OperationHandle {
        if (kind == null || resourceId == null || polling == null || startedAt == null) {
            throw new IllegalArgumentException("an operation handle needs a kind, a resource, a polling mode and a start");
        }
        if (polling != Polling.COMPLETED && (pollUrl == null || pollUrl.isBlank())) {
            throw new IllegalArgumentException("a " + polling.name().toLowerCase(Locale.ROOT) + " operation needs a URL to poll");
        }
    }

    /** The same operation, polled at {@code url} from now on (ARM may move it in a poll answer). */
    public OperationHandle at(Polling newPolling, String url) {
        return new OperationHandle(kind, resourceId, newPolling, url, requestId, startedAt);
    }
}
