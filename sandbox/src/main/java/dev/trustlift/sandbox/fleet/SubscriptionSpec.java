package dev.trustlift.sandbox.fleet;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One subscription: its preview features (absent = does not exist), the feature a cloud that lags
 * GA still asks for before a securityType change ({@code requireFeature}, optional), throttling
 * ("azure", "none" or an object of bucket sizes, see ThrottleSpec) and the management locks on the
 * subscription and on its resource groups.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscriptionSpec(String id, String displayName, Map<String, String> features, String requireFeature,
                               JsonNode throttle, List<String> locks, Map<String, List<String>> resourceGroupLocks) {

    /** A copy with another throttle setting. */
    public SubscriptionSpec withThrottle(JsonNode newThrottle) {
        return new SubscriptionSpec(id, displayName, features, requireFeature, newThrottle, locks, resourceGroupLocks);
    }
}
