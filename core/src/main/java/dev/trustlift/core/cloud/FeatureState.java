package dev.trustlift.core.cloud;

import java.util.Locale;

/**
 * A subscription feature flag (the Gen1-to-TL preview flag). Registration is asynchronous, so
 * register-feature records REGISTERING and checks again later instead of blocking.
 *
 * @param name "Namespace/FeatureName" as ARM returns it
 */
public record FeatureState(String name, Registration state) {

    public boolean registered() {
        return state == Registration.REGISTERED;
    }

    /** ARM's feature states; "Pending" appears for features that need approval. */
    public enum Registration {
        NOT_REGISTERED, REGISTERING, REGISTERED, UNREGISTERING, UNREGISTERED, PENDING, UNKNOWN;

        public static Registration parse(String value) {
            if (value == null) {
                return UNKNOWN;
            }
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "notregistered" -> NOT_REGISTERED;
                case "registering" -> REGISTERING;
                case "registered" -> REGISTERED;
                case "unregistering" -> UNREGISTERING;
                case "unregistered" -> UNREGISTERED;
                case "pending" -> PENDING;
                default -> UNKNOWN;
            };
        }
    }
}
