package dev.trustlift.core.upgrade;

import java.time.Duration;

/**
 * The runner's clocks. An operation is polled when ARM's Retry-After says (kept within
 * [{@code minPoll}, {@code maxPoll}]), or after {@code defaultPoll} when it said nothing; inside
 * the downtime window (deallocate .. running again) at most every {@code downtimePoll}, because
 * there each second of waiting is a second of outage (a 429's Retry-After is still obeyed: the
 * adapter reports it as the state's retryAfter and this never polls earlier).
 *
 * @param guestTimeout how long verify-guest waits for the VM agent to become Ready after start
 * @param connectionGrace how long polls may fail for want of a connection before the run stops
 *        (exit 5) instead of deciding anything
 */
public record Timing(Duration defaultPoll, Duration minPoll, Duration maxPoll, Duration downtimePoll,
                     Duration guestTimeout, Duration connectionGrace) {

    public static Timing defaults() {
        return new Timing(Duration.ofSeconds(2), Duration.ofMillis(50), Duration.ofSeconds(60),
                Duration.ofMillis(500), Duration.ofMinutes(15), Duration.ofMinutes(2));
    }

    public Timing withGuestTimeout(Duration timeout) {
        return new Timing(defaultPoll, minPoll, maxPoll, downtimePoll, timeout, connectionGrace);
    }

    /** When to poll next after an answer that asked for {@code retryAfter} (null: it did not say). */
    public Duration nextPoll(Duration retryAfter, boolean inDowntime, boolean throttled) {
        Duration d = retryAfter == null ? defaultPoll : retryAfter;
        if (d.compareTo(minPoll) < 0) {
            d = minPoll;
        }
        if (d.compareTo(maxPoll) > 0) {
            d = maxPoll;
        }
        if (inDowntime && !throttled && d.compareTo(downtimePoll) > 0) {
            d = downtimePoll;
        }
        return d;
    }

    /** How often a step that waits for the guest (agent Ready) looks again: a twentieth of its timeout, 1 to 10 s. */
    public Duration guestPoll() {
        Duration d = guestTimeout.dividedBy(20);
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            return Duration.ofSeconds(1);
        }
        return d.compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : d;
    }
}
