package dev.trustlift.core.assess;

import java.util.Locale;

/** The VM agent's status from the instance view (vmAgent.statuses). */
public enum AgentStatus {
    READY,
    NOT_READY,
    UNKNOWN;

    /** Accepts "Ready", "Not Ready", "NotReady"; anything else is UNKNOWN. */
    public static AgentStatus parse(String s) {
        if (s == null) {
            return UNKNOWN;
        }
        String t = s.replace(" ", "").replace("_", "").toLowerCase(Locale.ROOT);
        return switch (t) {
            case "ready" -> READY;
            case "notready" -> NOT_READY;
            default -> UNKNOWN;
        };
    }

    public String display() {
        return switch (this) {
            case READY -> "Ready";
            case NOT_READY -> "NotReady";
            case UNKNOWN -> "Unknown";
        };
    }
}
