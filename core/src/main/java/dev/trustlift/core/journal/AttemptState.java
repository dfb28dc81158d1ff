package dev.trustlift.core.journal;

/**
 * A step attempt is written STARTED before the step acts and COMPLETED or FAILED after. A STARTED
 * attempt with no end is what a crash leaves: resume must re-read the real state, never assume.
 */
public enum AttemptState {
    STARTED,
    COMPLETED,
    FAILED
}
