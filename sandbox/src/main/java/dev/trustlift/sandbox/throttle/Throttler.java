package dev.trustlift.sandbox.throttle;

import dev.trustlift.sandbox.fleet.ThrottleSpec;
import dev.trustlift.sandbox.http.RequestClass;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One subscription's buckets: ARM's (per subscription) and Compute's (per region). A call is admitted only when every bucket that applies to it has a
 * token, and then takes one from each; otherwise it is refused with the emptiest bucket named.
 * With throttle "none" the buckets still count (so the headers look real) but never refuse.
 */
public final class Throttler {
    private final ThrottleSpec spec;
    private final String scope;
    private final Map<String, TokenBucket> arm = new HashMap<>();
    private final Map<String, TokenBucket> compute = new HashMap<>();
    private final Map<String, TokenBucket> perResource = new HashMap<>();

    /** The result of one admission: refused bucket (or null) and the header values after the call. */
    public record Admission(String refusedBy, long retryAfterSeconds, long allowed, String armHeader, long armRemaining,
                            String resourceHeader) {
        public boolean admitted() {
            return refusedBy == null;
        }
    }

    public Throttler(ThrottleSpec spec) {
        this(spec, "subscription");
    }

    /** @param scope "subscription" or "tenant": the word in the x-ms-ratelimit-remaining-&lt;scope&gt;-* header */
    public Throttler(ThrottleSpec spec, String scope) {
        this.spec = spec;
        this.scope = scope;
        long now = System.nanoTime();
        for (String name : ThrottlePolicy.ARM.keySet()) {
            double[] b = ThrottlePolicy.arm(name, spec);
            arm.put(name, new TokenBucket(name, (long) b[0], b[1], now));
        }
    }

    /** Compute's buckets of one region, made on first use: Compute throttles per region. */
    private TokenBucket computeBucket(String policy, String window, String region, long now) {
        return compute.computeIfAbsent(policy + window + "|" + region, k -> {
            double[] b = ThrottlePolicy.computeShort(policy, spec);
            long size = (long) b[0];
            if (window.equals("3Min")) {
                return new TokenBucket(policy + "3Min", size, b[1], now);
            }
            long longSize = size * ThrottlePolicy.LONG_WINDOW_FACTOR;
            return new TokenBucket(policy + "30Min", longSize, longSize / 1800.0, now);
        });
    }

    public synchronized Admission admit(RequestClass rc, String resourceKey) {
        return admit(rc, resourceKey, "any");
    }

    /**
     * Admits one call. {@code region} keys Compute's buckets (the resource's location; calls
     * without one share a bucket set).
     */
    public synchronized Admission admit(RequestClass rc, String resourceKey, String region) {
        long now = System.nanoTime();
        String armName = switch (rc.arm()) {
            case READS -> "reads";
            case WRITES -> "writes";
            case DELETES -> "deletes";
        };
        List<TokenBucket> buckets = new ArrayList<>(5);
        buckets.add(arm.get(armName));
        TokenBucket short3 = null;
        TokenBucket long30 = null;
        if (rc.computePolicy() != null) {
            String r = region == null ? "any" : region;
            short3 = computeBucket(rc.computePolicy(), "3Min", r, now);
            long30 = computeBucket(rc.computePolicy(), "30Min", r, now);
            buckets.add(short3);
            buckets.add(long30);
            ThrottlePolicy.ComputeLimits limits = ThrottlePolicy.COMPUTE.get(rc.computePolicy());
            if (rc.perResource() && resourceKey != null && limits.vmSize() > 0) {
                buckets.add(perResource.computeIfAbsent(rc.computePolicy() + "|" + resourceKey,
                        k -> new TokenBucket(rc.computePolicy() + "3Min", limits.vmSize(), limits.vmRefillPerMinute() / 60.0, now)));
            }
        }
        TokenBucket refused = null;
        if (spec.enabled()) {
            for (TokenBucket b : buckets) {
                if (!b.hasToken(now) && (refused == null || b.secondsUntilToken(now) > refused.secondsUntilToken(now))) {
                    refused = b;
                }
            }
        }
        if (refused == null) {
            for (TokenBucket b : buckets) {
                b.take();
            }
        }
        String armHeader = "x-ms-ratelimit-remaining-" + scope + "-" + armName;
        long armRemaining = arm.get(armName).remaining(now);
        String resourceHeader = short3 == null ? null
                : "Microsoft.Compute/" + short3.name() + ";" + short3.remaining(now)
                        + ",Microsoft.Compute/" + long30.name() + ";" + long30.remaining(now);
        if (refused != null) {
            return new Admission(refused.name(), refused.secondsUntilToken(now), refused.size(), armHeader, armRemaining,
                    resourceHeader);
        }
        return new Admission(null, 0, 0, armHeader, armRemaining, resourceHeader);
    }

    /** Whether the refusing bucket is one of ARM's (subscription) rather than a Compute policy. */
    public static boolean isArmBucket(String name) {
        return ThrottlePolicy.ARM.containsKey(name);
    }
}
