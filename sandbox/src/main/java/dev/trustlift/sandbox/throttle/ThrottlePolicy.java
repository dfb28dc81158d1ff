package dev.trustlift.sandbox.throttle;

import dev.trustlift.sandbox.fleet.ThrottleSpec;
import java.util.Map;

/**
 * The bucket sizes and refill rates the sandbox uses (sources in docs/sandbox.md):
 * ARM's regional token buckets per subscription, and Compute's policies, each with a "3Min"
 * bucket (the published size and per-minute refill, which refills a full bucket in three
 * minutes) and a "30Min" bucket five times as large that refills over thirty minutes.
 */
public final class ThrottlePolicy {

    /** One Compute policy: subscription and per-resource figures (size, refill per minute); 0 = none. */
    record ComputeLimits(String policy, long subSize, double subRefillPerMinute, long vmSize, double vmRefillPerMinute) {
    }

    /** ARM subscription buckets: size and refill per second (Learn, "request limits and throttling", 2024). */
    static final Map<String, double[]> ARM = Map.of(
            "reads", new double[] {250, 25},
            "writes", new double[] {200, 10},
            "deletes", new double[] {200, 10});

    /** Compute throttling limits (Learn, "Compute throttling limits"); CreateUpdateDisks from observed headers. */
    static final Map<String, ComputeLimits> COMPUTE = Map.of(
            "PutVM", new ComputeLimits("PutVM", 1500, 500, 12, 4),
            "UpdateVM", new ComputeLimits("UpdateVM", 1500, 500, 12, 4),
            "DeleteVM", new ComputeLimits("DeleteVM", 1500, 500, 12, 4),
            "LowCostGet", new ComputeLimits("LowCostGet", 24000, 8000, 36, 12),
            "HighCostGet", new ComputeLimits("HighCostGet", 900, 300, 0, 0),
            "GetOperation", new ComputeLimits("GetOperation", 15000, 5000, 45, 15),
            "CreateUpdateDisks", new ComputeLimits("CreateUpdateDisks", 1000, 1000 / 3.0, 0, 0));

    /** Fleet override names -> policy. */
    static final Map<String, String> OVERRIDE_NAMES = Map.of(
            "putVm", "PutVM", "updateVm", "UpdateVM", "deleteVm", "DeleteVM", "lowCostGet", "LowCostGet",
            "highCostGet", "HighCostGet", "getOperation", "GetOperation", "diskWrites", "CreateUpdateDisks");

    /** The 30Min bucket is this many times the 3Min one, the ratio of Compute's own header figures (PutVM3Min 240, PutVM30Min 1200). */
    static final int LONG_WINDOW_FACTOR = 5;

    private ThrottlePolicy() {
    }

    /** ARM bucket (size, refill per second) after the fleet's overrides. */
    static double[] arm(String name, ThrottleSpec spec) {
        double[] azure = ARM.get(name);
        ThrottleSpec.Bucket o = spec.overrides().get(name);
        if (o == null) {
            return azure;
        }
        double refill = o.refillPerSecond() != null ? o.refillPerSecond() : o.size() * azure[1] / azure[0];
        return new double[] {o.size(), refill};
    }

    /** Subscription 3Min bucket (size, refill per second) of a Compute policy after overrides. */
    static double[] computeShort(String policy, ThrottleSpec spec) {
        ComputeLimits c = COMPUTE.get(policy);
        for (Map.Entry<String, String> e : OVERRIDE_NAMES.entrySet()) {
            ThrottleSpec.Bucket o = spec.overrides().get(e.getKey());
            if (o != null && e.getValue().equals(policy)) {
                double refill = o.refillPerSecond() != null ? o.refillPerSecond() : o.size() / 180.0;
                return new double[] {o.size(), refill};
            }
        }
        return new double[] {c.subSize(), c.subRefillPerMinute() / 60.0};
    }
}
