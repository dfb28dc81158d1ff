package dev.trustlift.sandbox.arm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustlift.sandbox.fleet.FaultSpec;
import dev.trustlift.sandbox.http.ArmException;
import dev.trustlift.sandbox.http.ArmRequest;
import dev.trustlift.sandbox.http.ArmResponse;
import dev.trustlift.sandbox.lro.Operation;
import dev.trustlift.sandbox.lro.OperationRegistry;
import dev.trustlift.sandbox.state.ArmState;
import dev.trustlift.sandbox.state.FaultPlan;

/**
 * What every handler needs: the emulated state, the operation registry, the public endpoint for
 * absolute operation URLs, and the fault and LRO answers shared by all resource types.
 */
public final class SandboxContext {
    private final ArmState state;
    private final OperationRegistry operations;
    private volatile String endpoint = "http://127.0.0.1/";

    public SandboxContext(ArmState state, OperationRegistry operations) {
        this.state = state;
        this.operations = operations;
    }

    public ArmState state() {
        return state;
    }

    public OperationRegistry operations() {
        return operations;
    }

    public void endpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    /** The base URL, without the trailing slash. */
    public String base() {
        return endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    }

    /**
     * Applies the first firing fault of {@code op}: sleeps its delay and throws its error at once
     * for the request phase; a fault the handler must still honour (operation phase, or a change
     * that is applied before the error) comes back as a {@link Fault}, otherwise {@link Fault#NONE}.
     */
    public Fault fault(FaultPlan plan, String op) {
        if (plan.isEmpty()) {
            return Fault.NONE;
        }
        FaultSpec f = plan.fireOp(op);
        if (f == null) {
            return Fault.NONE;
        }
        if (f.delayMs() != null && f.delayMs() > 0) {
            try {
                Thread.sleep(f.delayMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (f.status() == null) {
            return Fault.NONE;
        }
        if (f.inOperation() || f.isApplied()) {
            return new Fault(f);
        }
        throw faultError(f);
    }

    public static ArmException faultError(FaultSpec f) {
        int status = f.status();
        String code = f.code() != null ? f.code() : switch (status) {
            case 400 -> "BadRequest";
            case 404 -> "NotFound";
            case 409 -> "Conflict";
            case 429 -> "TooManyRequests";
            case 503 -> "ServiceUnavailable";
            default -> status >= 500 ? "InternalServerError" : "BadRequest";
        };
        String message = f.message() != null ? f.message() : "Injected fault for '" + f.op() + "' (fleet faults).";
        ArmException e = new ArmException(status, code, message);
        if (status == 429 || status == 503) {
            e.header("Retry-After", "1");
        }
        return e;
    }

    /**
     * A 202 (or other status) answer for a started operation: Azure-AsyncOperation and Location
     * pointing at its status, Retry-After scaled by the time scale.
     */
    public ArmResponse accepted(ArmRequest req, Operation op, int status, JsonNode body, boolean withLocation) {
        String apiVersion = req.query("api-version");
        String url = base() + op.path() + "?api-version=" + apiVersion;
        ArmResponse r = ArmResponse.of(status, body)
                .header("Azure-AsyncOperation", url)
                .header("Retry-After", String.valueOf(operations.latency().retryAfterSeconds()))
                .header("retry-after-ms", String.valueOf(operations.latency().retryAfterMillis()));
        if (withLocation) {
            r.header("Location", url + "&monitor=true");
        }
        return r;
    }
}
