package dev.trustlift.core.journal;

/** Where one VM of a campaign stands. The last five are final: the runner takes no further step. */
public enum VmState {
    PENDING,
    IN_PROGRESS,
    UPGRADED,
    ALREADY_TRUSTED_LAUNCH,
    SKIPPED,
    BLOCKED,
    FAILED;

    public boolean isFinal() {
        return this != PENDING && this != IN_PROGRESS;
    }
}
