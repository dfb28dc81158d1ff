package dev.trustlift.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpResponse;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import dev.trustlift.core.cloud.CloudException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Turns whatever the SDK throws into a {@link CloudException}, so nothing above the adapter sees
 * an SDK type. ARM's code, message, status and x-ms-request-id are kept: the request id is what
 * Azure support asks for first.
 */
final class ArmErrors {

    static final String REQUEST_ID = "x-ms-request-id";

    /** What to check when no HTTP answer came; only a loopback endpoint can be the local sandbox. */
    private final String unreachableHint;

    private ArmErrors(String unreachableHint) {
        this.unreachableHint = unreachableHint;
    }

    static ArmErrors of(ConnectionSettings settings) {
        if (settings.endpoint() == null) {
            return new ArmErrors("check the network and any proxy settings");
        }
        return new ArmErrors(settings.loopback()
                ? "check --endpoint; a local sandbox endpoint needs 'trustlift sandbox start'"
                : "check --endpoint and the network");
    }

    /** Runs one adapter operation, translating its failure. */
    <T> T call(String what, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (CloudException e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate(what, e);
        }
    }

    void run(String what, Runnable operation) {
        call(what, () -> {
            operation.run();
            return null;
        });
    }

    CloudException translate(String what, Throwable error) {
        CloudException signIn = SignInFailures.recognise(what, error);
        if (signIn != null) {
            return signIn;
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ManagementException e) {
                ManagementError value = e.getValue();
                String code = value != null && value.getCode() != null ? value.getCode() : statusCode(e.getResponse());
                String message = value != null && value.getMessage() != null ? value.getMessage() : e.getMessage();
                return new CloudException(code, message, status(e.getResponse()), requestId(e.getResponse()), error);
            }
            if (t instanceof HttpResponseException e) {
                return new CloudException(statusCode(e.getResponse()), firstLine(e.getMessage()),
                        status(e.getResponse()), requestId(e.getResponse()), error);
            }
            if (t instanceof TimeoutException) {
                return new CloudException(CloudException.TIMED_OUT, what + " did not finish in time", 0, null, error);
            }
            if (t instanceof IOException) {
                return new CloudException(CloudException.UNREACHABLE, what + ": cannot reach ARM: " + describe(t)
                        + " (" + unreachableHint + ")",
                        0, null, error);
            }
        }
        return new CloudException("ClientError", what + ": " + describe(error), 0, null, error);
    }

    private static int status(HttpResponse response) {
        return response == null ? 0 : response.getStatusCode();
    }

    private static String requestId(HttpResponse response) {
        return response == null ? null : response.getHeaderValue(REQUEST_ID);
    }

    private static String statusCode(HttpResponse response) {
        return response == null ? "Unknown" : "Http" + response.getStatusCode();
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : firstLine(message);
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse(message);
    }
}
