package dev.trustlift.sandbox.http;

/**
 * How a call counts against throttling: ARM's per-subscription bucket (reads, writes, deletes)
 * and, for Compute, the policy bucket and whether the per-resource bucket applies too.
 * {@code fault} is the contract's operation name for fault injection, or null.
 */
public record RequestClass(ArmBucket arm, String computePolicy, boolean perResource, String fault) {

    /** ARM's subscription-level buckets. */
    public enum ArmBucket { READS, WRITES, DELETES }

    public static RequestClass read(String fault) {
        return new RequestClass(ArmBucket.READS, null, false, fault);
    }

    public static RequestClass write(String fault) {
        return new RequestClass(ArmBucket.WRITES, null, false, fault);
    }

    public static RequestClass delete(String fault) {
        return new RequestClass(ArmBucket.DELETES, null, false, fault);
    }

    public static RequestClass compute(ArmBucket arm, String policy, boolean perResource, String fault) {
        return new RequestClass(arm, policy, perResource, fault);
    }
}
