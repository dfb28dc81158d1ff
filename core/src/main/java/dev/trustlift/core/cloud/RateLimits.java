package dev.trustlift.core.cloud;

import java.time.Instant;
import java.util.Map;

/**
 * The last x-ms-ratelimit-remaining-* values seen for a subscription. The scheduler slows down
 * before ARM answers 429, because a 429 costs a Retry-After wait for every VM in flight.
 *
 * @param remainingReads null when no read answer carried the header yet
 * @param remainingByPolicy Compute's per-policy counters, e.g. "Microsoft.Compute/PutVM3Min" -> 239
 */
public record RateLimits(String subscription, Integer remainingReads, Integer remainingWrites,
        Map<String, Integer> remainingByPolicy, Instant observedAt) {

    public RateLimits {
        remainingByPolicy = remainingByPolicy == null ? Map.of() : Map.copyOf(remainingByPolicy);
    }

    public static RateLimits none(String subscription) {
        return new RateLimits(subscription, null, null, Map.of(), null);
    }
}
