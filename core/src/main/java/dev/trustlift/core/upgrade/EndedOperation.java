package dev.trustlift.core.upgrade;

import dev.trustlift.core.cloud.OperationHandle;
import dev.trustlift.core.cloud.OperationState;

/** The last operation the current step attempt started, after it ended, with its final poll answer. */
public record EndedOperation(String label, OperationHandle handle, OperationState state) {
    public boolean succeeded() {
        return state.succeeded();
    }

    public boolean is(String expectedLabel) {
        return label.equals(expectedLabel);
    }
}
