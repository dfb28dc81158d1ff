package dev.trustlift.core.cloud;

import java.util.List;
import java.util.Map;

/**
 * Which VMs a command works on. Tag filters match exactly (name and value), all of them, as the
 * official guidance suggests tagging candidate VMs.
 *
 * @param resourceGroup null for whole subscriptions
 */
public record CloudScope(List<String> subscriptions, String resourceGroup, Map<String, String> tags) {

    public CloudScope {
        if (subscriptions == null || subscriptions.isEmpty()) {
            throw new IllegalArgumentException("a scope needs at least one subscription");
        }
        subscriptions = List.copyOf(subscriptions);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public static CloudScope of(List<String> subscriptions, String resourceGroup) {
        return new CloudScope(subscriptions, resourceGroup, Map.of());
    }

    public boolean matchesTags(Map<String, String> vmTags) {
        return tags.entrySet().stream().allMatch(e -> e.getValue().equals(vmTags.get(e.getKey())));
    }
}
