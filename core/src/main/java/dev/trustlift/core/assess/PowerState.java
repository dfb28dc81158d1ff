package dev.trustlift.core.assess;

import java.util.Locale;

/** The instance view's PowerState/... status code. */
public enum PowerState {
    RUNNING,
    STARTING,
    STOPPING,
    STOPPED,
    DEALLOCATING,
    DEALLOCATED,
    UNKNOWN;

    /** Accepts "running" or the full status code "PowerState/running"; anything else is UNKNOWN. */
    public static PowerState parse(String code) {
        if (code == null) {
            return UNKNOWN;
        }
        String s = code.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("powerstate/")) {
            s = s.substring("powerstate/".length());
        }
        for (PowerState p : values()) {
            if (p.name().toLowerCase(Locale.ROOT).equals(s)) {
                return p;
            }
        }
        return UNKNOWN;
    }

    public String display() {
        return name().toLowerCase(Locale.ROOT);
    }
}
