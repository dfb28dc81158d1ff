package dev.trustlift.core.journal;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One attempt of one step, as journaled.
 *
 * @param sequence      the attempt's place among all of its VM's attempts (1, 2, ...): "the last
 *                      attempt of a VM" is the one with the highest
 * @param requestIds    the ARM request ids (x-ms-request-id) of the calls the attempt made
 * @param operationUrl  the long-running operation it started (Azure-AsyncOperation or Location),
 *                      so resume re-attaches to it instead of starting it again; null if none
 * @param operationKind what that operation is, e.g. "deallocate", so resume knows how to read it
 * @param detailJson    a small JSON object the step keeps (null if none)
 */
public record StepAttempt(AttemptKey key, long sequence, AttemptState state, Instant started, Instant ended,
                          List<String> requestIds, String operationUrl, String operationKind, String detailJson,
                          String errorCode, String errorMessage) {
    public StepAttempt {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(started, "started");
        requestIds = List.copyOf(requestIds);
        if (detailJson != null) {
            JsonText.requireObject(detailJson, "detailJson");
        }
    }

    /** Started and never ended: the step may or may not have acted; re-read the real state. */
    public boolean isOpen() {
        return state == AttemptState.STARTED && ended == null;
    }
}
