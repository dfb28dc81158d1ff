package dev.trustlift.sandbox.fleet;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An injected failure: either an ARM operation fault ({@code op}, {@code status}, {@code code},
 * {@code delayMs}, {@code phase} "request" or "operation") or a guest fault ({@code guest},
 * {@code result}). {@code times}: fail the first n matching calls, then let them through;
 * absent means every call.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FaultSpec(String op, Integer times, Integer status, String code, String message, Integer delayMs,
                        String phase, String guest, String result) {
}
