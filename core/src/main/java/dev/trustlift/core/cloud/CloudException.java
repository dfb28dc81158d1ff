package dev.trustlift.core.cloud;

/**
 * A failed cloud call, with what a person needs to act or to open a support case: ARM's error
 * code and message, the HTTP status and the request id. Status 0 means no HTTP answer at all
 * (endpoint unreachable, client-side timeout).
 */
public final class CloudException extends RuntimeException {

    /** Code used when the endpoint could not be reached at all. */
    public static final String UNREACHABLE = "EndpointUnreachable";
    /** Code used when a long-running operation did not finish within the caller's timeout. */
    public static final String TIMED_OUT = "OperationTimedOut";

    private final String code;
    private final String armMessage;
    private final int httpStatus;
    private final String requestId;

    public CloudException(String code, String armMessage, int httpStatus, String requestId, Throwable cause) {
        super(describe(code, armMessage, httpStatus, requestId), cause);
        this.code = code == null ? "Unknown" : code;
        this.armMessage = armMessage == null ? "" : armMessage;
        this.httpStatus = httpStatus;
        this.requestId = requestId;
    }

    public String code() {
        return code;
    }

    public String armMessage() {
        return armMessage;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** x-ms-request-id of the failing answer; null when there was no answer. */
    public String requestId() {
        return requestId;
    }

    /** True when ARM refused for rate limits even after the adapter's own Retry-After waits. */
    public boolean isThrottled() {
        return httpStatus == 429 || "TooManyRequests".equalsIgnoreCase(code);
    }

    public boolean isNotFound() {
        return httpStatus == 404 || "ResourceNotFound".equalsIgnoreCase(code) || "NotFound".equalsIgnoreCase(code);
    }

    private static String describe(String code, String message, int status, String requestId) {
        StringBuilder sb = new StringBuilder();
        sb.append(code == null ? "Unknown" : code);
        if (status > 0) {
            sb.append(" (HTTP ").append(status);
            if (requestId != null) {
                sb.append(", request ").append(requestId);
            }
            sb.append(')');
        }
        if (message != null && !message.isBlank()) {
            sb.append(": ").append(message.lines().findFirst().orElse(message));
        }
        return sb.toString();
    }
}
