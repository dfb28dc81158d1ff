package dev.trustlift.sandbox.arm;

import dev.trustlift.sandbox.http.ArmException;
import dev.trustlift.sandbox.http.ArmRequest;
import dev.trustlift.sandbox.http.ArmResponse;
import dev.trustlift.sandbox.lro.Operation;

/**
 * The two faces of an operation URL. Without {@code monitor=true} it is the Azure-AsyncOperation
 * status document (always 200). With it, it is the Location URL: 202 while running, then the
 * operation's result (run command output, disk, VM or empty) with 200, or its error.
 */
final class OperationStatus {
    private final SandboxContext ctx;

    OperationStatus(SandboxContext ctx) {
        this.ctx = ctx;
    }

    ArmResponse get(ArmRequest req) {
        Operation op = ctx.operations().find(req.param("id"));
        if (op == null || !op.subscription().equalsIgnoreCase(req.param("s"))) {
            throw new ArmException(404, "NotFound", "The operation '" + req.param("id") + "' was not found.");
        }
        String status = op.status();
        boolean running = status.equals("InProgress");
        if ("true".equalsIgnoreCase(req.query("monitor"))) {
            if (running) {
                return ctx.accepted(req, op, 202, null, true);
            }
            if (status.equals("Failed")) {
                throw op.error();
            }
            return ArmResponse.ok(op.result());
        }
        ArmResponse r = ArmResponse.ok(op.statusDocument());
        if (running) {
            r.header("Retry-After", String.valueOf(ctx.operations().latency().retryAfterSeconds()))
                    .header("retry-after-ms", String.valueOf(ctx.operations().latency().retryAfterMillis()));
        }
        return r;
    }
}
