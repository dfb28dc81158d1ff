package dev.trustlift.core.assess;

/** How a finding weighs on the verdict (contracts/assessment.md). */
public enum Severity {
    BLOCKER,
    AUTO_FIX,
    WARNING,
    INFO
}
