package dev.trustlift.sandbox.throttle;

/**
 * A token bucket as ARM and Compute describe theirs: starts full, refills continuously at a fixed
 * rate up to its size, and a call takes one token. Not thread-safe: the Throttler locks.
 */
final class TokenBucket {
    private static final double NANOS_PER_SECOND = 1e9;

    private final String name;
    private final long size;
    private final double refillPerNano;
    private double tokens;
    private long lastNanos;

    TokenBucket(String name, long size, double refillPerSecond, long nowNanos) {
        this.name = name;
        this.size = size;
        this.refillPerNano = refillPerSecond / NANOS_PER_SECOND;
        this.tokens = size;
        this.lastNanos = nowNanos;
    }

    String name() {
        return name;
    }

    long size() {
        return size;
    }

    private void refill(long nowNanos) {
        if (nowNanos > lastNanos) {
            tokens = Math.min(size, tokens + (nowNanos - lastNanos) * refillPerNano);
            lastNanos = nowNanos;
        }
    }

    boolean hasToken(long nowNanos) {
        refill(nowNanos);
        return tokens >= 1;
    }

    /** Takes one token; never goes below zero (an unenforced bucket just reports 0). */
    void take() {
        tokens = Math.max(0, tokens - 1);
    }

    long remaining(long nowNanos) {
        refill(nowNanos);
        return (long) Math.floor(tokens);
    }

    /** Whole seconds until one token is back (at least 1, as ARM never says Retry-After: 0). */
    long secondsUntilToken(long nowNanos) {
        refill(nowNanos);
        double missing = Math.max(0, 1 - tokens);
        return Math.max(1, (long) Math.ceil(missing / refillPerNano / NANOS_PER_SECOND));
    }
}
