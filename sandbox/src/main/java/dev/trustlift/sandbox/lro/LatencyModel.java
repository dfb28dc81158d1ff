package dev.trustlift.sandbox.lro;

import java.util.Map;

/**
 * How long each operation takes at time scale 1, roughly what Azure shows (docs/sandbox.md),
 * multiplied by the fleet's timeScale. Poll hints (Retry-After) scale too, so the SDK's pollers
 * keep pace; Retry-After is never below 1 s because the SDK reads 0 as "use 30 s".
 */
public final class LatencyModel {
    /** Seconds at time scale 1. */
    static final Map<String, Double> SECONDS = Map.ofEntries(
            Map.entry("none", 0.0),
            Map.entry("deallocate", 60.0),
            Map.entry("start", 60.0),
            Map.entry("restart", 60.0),
            Map.entry("update-vm", 20.0),
            Map.entry("set-security-type", 30.0),
            Map.entry("run-command", 60.0),
            Map.entry("disk-update", 10.0),
            Map.entry("disk-create", 20.0),
            Map.entry("snapshot", 15.0),
            Map.entry("restore-point", 45.0),
            Map.entry("restore-point-delete", 20.0),
            Map.entry("feature-register", 120.0));
    /** Azure's usual poll hint for Compute operations. */
    static final double POLL_SECONDS = 10.0;

    private final double timeScale;

    public LatencyModel(double timeScale) {
        this.timeScale = timeScale;
    }

    public double timeScale() {
        return timeScale;
    }

    /** Scaled duration of {@code operation} in nanoseconds. */
    public long nanos(String operation) {
        double seconds = SECONDS.getOrDefault(operation, 10.0);
        return (long) (seconds * timeScale * 1e9);
    }

    /** {@code seconds} (at time scale 1) scaled, in nanoseconds: for operations whose duration depends on the request. */
    public long nanosFor(double seconds) {
        return (long) (seconds * timeScale * 1e9);
    }

    /** Retry-After in whole seconds: the scaled poll interval, at least 1. */
    public long retryAfterSeconds() {
        return Math.max(1, Math.round(POLL_SECONDS * timeScale));
    }

    /** retry-after-ms: the scaled poll interval in milliseconds, at least 10. */
    public long retryAfterMillis() {
        return Math.max(10, Math.round(POLL_SECONDS * timeScale * 1000));
    }
}
