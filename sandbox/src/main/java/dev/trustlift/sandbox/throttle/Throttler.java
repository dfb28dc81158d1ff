package dev.trustlift.sandbox.throttle;

import dev.trustlift.sandbox.fleet.ThrottleSpec;
import dev.trustlift.sandbox.http.RequestClass;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One subscription's buckets (or the tenant's): ARM's per principal, plus for a subscription its
 * global buckets across all principals (15 times a principal's), and Compute's per region
 * whatever the principal (facts/arm.md "ARM request limits", "Throttling"). A call is admitted
 * only when every bucket that applies to it has a token, and then takes one from each; otherwise
 * it is refused with the emptiest bucket named. With throttle "none" the buckets still count (so
 * the headers look real) but never refuse.
 */
public final class Throttler {
    /** The subscription's global limit is this many times one principal's (Learn, 2024 token buckets). */
    static final int GLOBAL_FACTOR = 15;
    /** Names of the global buckets: "global" + the ARM bucket's name with a capital. */
    private static final String GLOBAL = "global";

    private final ThrottleSpec spec;
    private final String scope;
    private final Map<String, Map<String, TokenBucket>> perPrincipal = new HashMap<>();
    private final Map<String, TokenBucket> global = new HashMap<>();
    private final Map<String, TokenBucket> compute = new HashMap<>();
    private final Map<String, TokenBucket> perResource = new HashMap<>();

    /**
     * The result of one admission: refused bucket (or null), the header values after the call
     * ({@code globalHeader} null for the tenant) and the principal it was metered for.
     */
    public record Admission(String refusedBy, long retryAfterSeconds, long allowed, String armHeader, long armRemaining,
                            String globalHeader, long globalRemaining, String resourceHeader, String principal) {
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
        if (scope.equals("subscription")) {
            for (String name : ThrottlePolicy.ARM.keySet()) {
                double[] b = ThrottlePolicy.arm(name, spec);
                global.put(name, new TokenBucket(globalName(name), (long) b[0] * GLOBAL_FACTOR, b[1] * GLOBAL_FACTOR, now));
            }
        }
    }

    private static String globalName(String armName) {
        return GLOBAL + Character.toUpperCase(armName.charAt(0)) + armName.substring(1);
    }

    /** One principal's ARM buckets, made on its first call. */
    private TokenBucket principalBucket(String principal, String armName, long now) {
        return perPrincipal.computeIfAbsent(principal, p -> new HashMap<>()).computeIfAbsent(armName, n -> {
            double[] b = ThrottlePolicy.arm(n, spec);
            return new TokenBucket(n, (long) b[0], b[1], now);
        });
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
        return admit(rc, resourceKey, "any", ANONYMOUS);
    }

    /** The principal of calls that carry no verified token (plain HTTP): all of them are one principal. */
    public static final String ANONYMOUS = "anonymous";

    /**
     * Admits one call of {@code principal}. {@code region} keys Compute's buckets (the resource's
     * location; calls without one share a bucket set).
     */
    public synchronized Admission admit(RequestClass rc, String resourceKey, String region, String principal) {
        long now = System.nanoTime();
        String armName = switch (rc.arm()) {
            case READS -> "reads";
            case WRITES -> "writes";
            case DELETES -> "deletes";
        };
        List<TokenBucket> buckets = new ArrayList<>(6);
        TokenBucket own = principalBucket(principal == null ? ANONYMOUS : principal, armName, now);
        buckets.add(own);
        TokenBucket all = global.get(armName);
        if (all != null) {
            buckets.add(all);
        }
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
        String globalHeader = all == null ? null : "x-ms-ratelimit-remaining-" + scope + "-global-" + armName;
        String resourceHeader = short3 == null ? null
                : "Microsoft.Compute/" + short3.name() + ";" + short3.remaining(now)
                        + ",Microsoft.Compute/" + long30.name() + ";" + long30.remaining(now);
        return new Admission(refused == null ? null : refused.name(), refused == null ? 0 : refused.secondsUntilToken(now),
                refused == null ? 0 : refused.size(), armHeader, own.remaining(now), globalHeader,
                all == null ? 0 : all.remaining(now), resourceHeader, principal == null ? ANONYMOUS : principal);
    }

    /** Whether the refusing bucket is one of ARM's (a principal's or the subscription's global) rather than a Compute policy. */
    public static boolean isArmBucket(String name) {
        return ThrottlePolicy.ARM.containsKey(name) || isGlobalBucket(name);
    }

    /** Whether the refusing bucket is the subscription's global one, shared by all principals. */
    public static boolean isGlobalBucket(String name) {
        return name.startsWith(GLOBAL) && ThrottlePolicy.ARM.keySet().stream().anyMatch(n -> name.equals(globalName(n)));
    }
}
