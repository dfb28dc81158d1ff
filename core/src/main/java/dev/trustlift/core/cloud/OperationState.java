package dev.trustlift.core.cloud;

import java.time.Duration;

/**
 * One poll's answer for an {@link OperationHandle}, in ARM's words.
 *
 * @param errorCode ARM's error code when Failed or Canceled (e.g. AllocationFailed), else null
 * @param retryAfter when ARM asks to poll again (Retry-After / retry-after-ms), null when it did not say
 * @param requestId x-ms-request-id of this poll's answer
 * @param next the handle to poll next time: the same one, or one at the URL the answer moved it to
 */
public record OperationState(Status status, String errorCode, String errorMessage, Duration retryAfter, String requestId,
                             OperationHandle next) {

    /** ARM's operation statuses (the status document's, case-insensitive). */
    public enum Status {
        IN_PROGRESS, SUCCEEDED, FAILED, CANCELED;

        /** ARM reports any status other than the three terminal ones while the operation runs. */
        public static Status parse(String value) {
            if (value == null) {
                return IN_PROGRESS;
            }
            return switch (value.toLowerCase(java.util.Locale.ROOT)) {
                case "succeeded" -> SUCCEEDED;
                case "failed" -> FAILED;
                case "canceled", "cancelled" -> CANCELED;
                default -> IN_PROGRESS;
            };
        }
    }

    public boolean done() {
        return status != Status.IN_PROGRESS;
    }

    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }
}
