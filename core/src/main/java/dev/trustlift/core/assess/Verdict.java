package dev.trustlift.core.assess;

/**
 * One verdict per VM (contracts/assessment.md). Declared in precedence order: when several
 * apply, the earliest wins.
 */
public enum Verdict {
    SKIPPED,
    ALREADY_TRUSTED_LAUNCH,
    UNKNOWN,
    BLOCKED,
    READY_WITH_FIXES,
    READY
}
