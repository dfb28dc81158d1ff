package dev.trustlift.sandbox.state;

import dev.trustlift.sandbox.fleet.FaultSpec;
import dev.trustlift.sandbox.throttle.Throttler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A subscription: its preview features (name -> state; absent = the feature does not exist), the
 * feature a securityType change still needs (optional), its
 * throttling buckets, its VMs in fleet order (for paging) and the faults of subscription-wide
 * operations that its VMs list.
 */
public final class SubscriptionRecord {
    private final String id;
    private final String displayName;
    private final Map<String, String> features = new ConcurrentHashMap<>();
    private final Throttler throttler;
    private final List<VmRecord> vms = new ArrayList<>();
    private final FaultPlan subscriptionFaults;
    private final String requiredFeature;

    public SubscriptionRecord(String id, String displayName, Map<String, String> features, String requiredFeature,
                              Throttler throttler, List<FaultSpec> subscriptionFaults) {
        this.id = id;
        this.requiredFeature = requiredFeature;
        this.displayName = displayName;
        if (features != null) {
            features.forEach((k, v) -> this.features.put(k.toLowerCase(java.util.Locale.ROOT), k + "=" + v));
        }
        this.throttler = throttler;
        this.subscriptionFaults = FaultPlan.of(subscriptionFaults);
    }

    public String id() { return id; }
    public String displayName() { return displayName; }
    public Throttler throttler() { return throttler; }
    public List<VmRecord> vms() { return vms; }
    public FaultPlan subscriptionFaults() { return subscriptionFaults; }

    /**
     * The feature that must be Registered before a securityType change (a cloud that lags GA),
     * or null: since GA no feature gates Trusted Launch.
     */
    public String requiredFeature() { return requiredFeature; }

    /** Feature state by name (case-insensitive), or null when the feature does not exist. */
    public String featureState(String name) {
        String v = features.get(name.toLowerCase(java.util.Locale.ROOT));
        return v == null ? null : v.substring(v.indexOf('=') + 1);
    }

    /** The feature's name as the fleet spells it. */
    public String featureName(String name) {
        String v = features.get(name.toLowerCase(java.util.Locale.ROOT));
        return v == null ? name : v.substring(0, v.indexOf('='));
    }

    public void setFeatureState(String name, String state) {
        features.computeIfPresent(name.toLowerCase(java.util.Locale.ROOT), (k, v) -> v.substring(0, v.indexOf('=') + 1) + state);
    }

    public Map<String, String> features() {
        Map<String, String> out = new java.util.TreeMap<>();
        features.values().forEach(v -> out.put(v.substring(0, v.indexOf('=')), v.substring(v.indexOf('=') + 1)));
        return out;
    }
}
