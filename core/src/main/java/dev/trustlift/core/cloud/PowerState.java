package dev.trustlift.core.cloud;

import java.util.Locale;

/** The "PowerState/..." status of an instance view; steps skip work by reading it first. */
public enum PowerState {
    STARTING, RUNNING, STOPPING, STOPPED, DEALLOCATING, DEALLOCATED, UNKNOWN;

    /** Takes a status code like "PowerState/deallocated"; anything else is UNKNOWN rather than an error. */
    public static PowerState fromStatusCode(String code) {
        if (code == null || !code.regionMatches(true, 0, "PowerState/", 0, "PowerState/".length())) {
            return UNKNOWN;
        }
        try {
            return valueOf(code.substring("PowerState/".length()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }
}
