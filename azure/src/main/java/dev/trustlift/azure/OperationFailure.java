package dev.trustlift.azure;

import com.azure.core.management.polling.PollResult;
import com.fasterxml.jackson.databind.JsonNode;
import dev.trustlift.core.cloud.CloudException;

/**
 * Reads the error of a long-running operation that ended Failed or Canceled. The status document
 * is {"status":"Failed","error":{"code","message"}}; the request id is the one of that poll.
 */
final class OperationFailure {

    private OperationFailure() {
    }

    static CloudException from(String status, PollResult.Error error) {
        if (error == null) {
            return new CloudException("Operation" + status, "the operation ended " + status + " without an error body",
                    0, null, null);
        }
        String code = "Operation" + status;
        String message = error.getMessage();
        try {
            JsonNode body = error.getResponseBody() == null ? null : ArmRest.JSON.readTree(error.getResponseBody());
            JsonNode armError = body == null ? null : body.path("error");
            if (armError != null && armError.hasNonNull("code")) {
                code = armError.path("code").asText();
                message = armError.path("message").asText(message);
            }
        } catch (java.io.IOException notJson) {
            // Keep the poller's own message: the body was not ARM's JSON.
        }
        String requestId = error.getResponseHeaders() == null ? null
                : error.getResponseHeaders().getValue(ArmErrors.REQUEST_ID);
        return new CloudException(code, message, error.getResponseStatusCode(), requestId, null);
    }
}
