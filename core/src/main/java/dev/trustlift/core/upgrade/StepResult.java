package dev.trustlift.core.upgrade;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.core.cloud.OperationHandle;
import dev.trustlift.core.journal.VmState;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** What one call of a {@link Step} decided. */
public sealed interface StepResult {

    /** The step's work is done (by this call or earlier); {@code detail} is journaled with it (may be null). */
    record Done(ObjectNode detail, List<String> requestIds) implements StepResult {
        public Done {
            requestIds = requestIds == null ? List.of() : List.copyOf(requestIds);
        }
    }

    /**
     * ARM accepted a long-running operation: the runner journals it at once (resume re-attaches to
     * it), polls it, and calls the step again when it ended. {@code label} tells the step later which
     * of its operations this was, e.g. "run-command:mbr2gpt-convert".
     */
    record Await(String label, OperationHandle operation) implements StepResult {
        public Await {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(operation, "operation");
        }
    }

    /** Not yet (the agent is not Ready, a feature still Registering): call the step again after {@code after}. */
    record Later(Duration after, String why) implements StepResult {
        public Later {
            Objects.requireNonNull(after, "after");
        }
    }

    /**
     * The VM's upgrade ends here in {@code state} (BLOCKED, ALREADY_TRUSTED_LAUNCH, SKIPPED) and the
     * remaining steps are not run; the VM is as the step found it.
     */
    record Finish(VmState state, String reason, ObjectNode detail) implements StepResult {
        public Finish {
            if (state == null || !state.isFinal() || state == VmState.UPGRADED || state == VmState.FAILED) {
                throw new IllegalArgumentException("a step finishes a VM only as BLOCKED, ALREADY_TRUSTED_LAUNCH or SKIPPED");
            }
        }
    }

    /**
     * The step failed. {@code retryable}: trying again may work (a 409 conflict, a 500, a lost
     * connection); the runner retries within the step's {@link RetryPolicy}. {@code diskChanged}:
     * the failure may have left the OS disk changed (a failed MBR2GPT /convert), so the VM is not
     * "untouched" and the recovery restores its disk.
     */
    record Failed(String code, String message, boolean retryable, boolean diskChanged, ObjectNode detail,
                  List<String> requestIds) implements StepResult {
        public Failed {
            Objects.requireNonNull(code, "code");
            message = message == null ? "" : message;
            requestIds = requestIds == null ? List.of() : List.copyOf(requestIds);
        }
    }

    static Done done() {
        return new Done(null, List.of());
    }

    static Done done(ObjectNode detail) {
        return new Done(detail, List.of());
    }

    static Failed failed(String code, String message) {
        return new Failed(code, message, false, false, null, List.of());
    }

    static Failed retryable(String code, String message) {
        return new Failed(code, message, true, false, null, List.of());
    }
}
