package dev.trustlift.core.upgrade;

import java.time.Duration;

/**
 * How often a step is tried when it fails with a retryable error, and how long to wait between
 * tries (doubling from {@code firstBackoff} up to {@code maxBackoff}). Throttling (429) is waited
 * out inside the adapter and the poller and costs no attempt.
 */
public record RetryPolicy(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {
    /** Most steps: a 409 or a 500 is usually gone within a minute. */
    public static final RetryPolicy TRANSIENT = new RetryPolicy(4, Duration.ofSeconds(2), Duration.ofSeconds(30));
    /** The steps of the downtime window (deallocate .. start): giving up there costs a restore, so try longer. */
    public static final RetryPolicy DOWNTIME = new RetryPolicy(6, Duration.ofSeconds(2), Duration.ofSeconds(30));
    /** Guest scripts that change the guest: never re-run blindly. */
    public static final RetryPolicy ONCE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("a step is tried at least once");
        }
    }

    /** The wait before attempt {@code next} (2, 3, ...). */
    public Duration backoffBefore(int next) {
        if (firstBackoff.isZero()) {
            return Duration.ZERO;
        }
        long factor = 1L << Math.min(20, Math.max(0, next - 2));
        Duration d = firstBackoff.multipliedBy(factor);
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
