package dev.trustlift.core.assess.gather;

import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.ResourceLock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The locks of each resource group, listed once however many of its VMs are assessed, also when
 * they ask at the same time. One listing covers the group's own locks and those on its VMs and
 * disks, so a VM's locks cost no call of their own. A failed listing is remembered too: every VM
 * of that group is UNKNOWN for the same reason, without asking again.
 */
final class ResourceGroupLocks {
    private final Cloud cloud;
    private final Map<String, CompletableFuture<List<ResourceLock>>> cache = new ConcurrentHashMap<>();

    ResourceGroupLocks(Cloud cloud) {
        this.cloud = cloud;
    }

    List<ResourceLock> of(String subscription, String resourceGroup) {
        String key = (subscription + "/" + resourceGroup).toLowerCase(Locale.ROOT);
        CompletableFuture<List<ResourceLock>> mine = new CompletableFuture<>();
        CompletableFuture<List<ResourceLock>> existing = cache.putIfAbsent(key, mine);
        if (existing == null) {
            try {
                mine.complete(cloud.listResourceGroupLocks(subscription, resourceGroup));
            } catch (RuntimeException e) {
                mine.completeExceptionally(e);
            }
            existing = mine;
        }
        try {
            return existing.join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }
}
