package dev.trustlift.core.assess;

import java.util.Locale;

/** A subscription feature's registration state (Microsoft.Features); ABSENT when the feature does not exist. */
public enum FeatureState {
    ABSENT,
    NOT_REGISTERED,
    PENDING,
    REGISTERING,
    REGISTERED,
    UNREGISTERING,
    UNREGISTERED,
    UNKNOWN;

    /** Null means the feature does not exist; unrecognised words are UNKNOWN. */
    public static FeatureState parse(String s) {
        if (s == null) {
            return ABSENT;
        }
        String t = s.trim().toLowerCase(Locale.ROOT);
        for (FeatureState f : values()) {
            if (f.name().replace("_", "").toLowerCase(Locale.ROOT).equals(t)) {
                return f;
            }
        }
        return UNKNOWN;
    }

    /** The word ARM uses ("NotRegistered"). */
    public String armName() {
        StringBuilder b = new StringBuilder();
        for (String part : name().split("_")) {
            b.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return b.toString();
    }
}
