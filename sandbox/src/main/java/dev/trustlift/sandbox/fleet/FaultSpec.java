package dev.trustlift.sandbox.fleet;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An injected failure: either an ARM operation fault ({@code op}, {@code status}, {@code code},
 * {@code delayMs}, {@code phase} "request" or "operation", {@code applied}) or a guest fault
 * ({@code guest}, {@code result}). {@code times}: fail the first n matching calls, then let them
 * through; absent means every call. {@code applied: true} on a mutating operation makes the
 * change happen before the error comes back (the lost response a resume must handle); absent or
 * false means nothing changed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FaultSpec(String op, Integer times, Integer status, String code, String message, Integer delayMs,
                        String phase, String guest, String result, Boolean applied) {

    public boolean isApplied() {
        return Boolean.TRUE.equals(applied);
    }

    public boolean inOperation() {
        return "operation".equals(phase);
    }
}
