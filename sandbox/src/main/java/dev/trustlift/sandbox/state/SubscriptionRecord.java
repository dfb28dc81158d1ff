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
    private final java.util.Set<String> awaitingProvider = ConcurrentHashMap.newKeySet();

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
        String key = name.toLowerCase(java.util.Locale.ROOT);
        String before = featureState(name);
        features.computeIfPresent(key, (k, v) -> v.substring(0, v.indexOf('=') + 1) + state);
        if ("Registered".equals(state) && !"Registered".equals(before) && features.containsKey(key)) {
            awaitingProvider.add(key);
        }
    }

    /**
     * A feature registered while the sandbox runs reaches its resource provider only when the
     * provider is registered again afterwards (Learn: re-register the provider to propagate it;
     * that Compute refuses until then is a guess). Features Registered in the fleet file have propagated.
     */
    public boolean awaitingProvider(String name) {
        return awaitingProvider.contains(name.toLowerCase(java.util.Locale.ROOT));
    }

    /** The Registered features of {@code namespace} a provider registration started now will propagate. */
    public java.util.List<String> propagatedBy(String namespace) {
        String prefix = namespace.toLowerCase(java.util.Locale.ROOT) + "/";
        return awaitingProvider.stream().filter(f -> f.startsWith(prefix)).toList();
    }

    /** The provider registration ended: these features now apply. */
    public void propagated(java.util.List<String> names) {
        names.forEach(awaitingProvider::remove);
    }

    public Map<String, String> features() {
        Map<String, String> out = new java.util.TreeMap<>();
        features.values().forEach(v -> out.put(v.substring(0, v.indexOf('=')), v.substring(v.indexOf('=') + 1)));
        return out;
    }
}
