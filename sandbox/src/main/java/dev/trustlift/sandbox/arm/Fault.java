package dev.trustlift.sandbox.arm;

import dev.trustlift.sandbox.fleet.FaultSpec;
import dev.trustlift.sandbox.http.ArmException;
import dev.trustlift.sandbox.http.ArmResponse;

/**
 * A fault that fired on a mutating call and was not answered at once, and what the handler still
 * owes it: with {@code phase: "operation"} the long-running operation fails, before the change
 * ({@code applied} false: nothing changed) or after it ({@code applied} true); in the request
 * phase with {@code applied} true the change is made and the error replaces the answer, the
 * lost response a resume must handle.
 */
public final class Fault {
    static final Fault NONE = new Fault(null);

    private final FaultSpec spec;

    Fault(FaultSpec spec) {
        this.spec = spec;
    }

    /** The operation must fail and leave everything as it was. */
    boolean failsBeforeChange() {
        return spec != null && spec.inOperation() && !spec.isApplied();
    }

    /** The operation must make its change, then fail. */
    boolean failsAfterChange() {
        return spec != null && spec.inOperation() && spec.isApplied();
    }

    ArmException error() {
        return SandboxContext.faultError(spec);
    }

    /** The answer to send: {@code r}, or the error in its place when the change was made and its response lost. */
    ArmResponse answer(ArmResponse r) {
        if (spec != null && !spec.inOperation() && spec.isApplied()) {
            throw error();
        }
        return r;
    }
}
