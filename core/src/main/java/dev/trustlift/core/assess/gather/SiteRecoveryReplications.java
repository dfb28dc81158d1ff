package dev.trustlift.core.assess.gather;

import dev.trustlift.core.assess.SiteRecoveryFacts;
import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.CloudException;
import dev.trustlift.core.cloud.ReplicationProtectedItem;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Site Recovery's replication protected items, listed once per subscription (every vault) however
 * many of its VMs are assessed, and matched to a VM by its ARM id. A listing that fails (no read
 * right on the vaults, a vault that errors) leaves every VM of that subscription "unreadable" with
 * the cause: not knowing is not the same as "not replicated".
 */
final class SiteRecoveryReplications {
    private final Cloud cloud;
    private final Map<String, CompletableFuture<Index>> cache = new ConcurrentHashMap<>();

    SiteRecoveryReplications(Cloud cloud) {
        this.cloud = cloud;
    }

    SiteRecoveryFacts of(String subscription, String vmId) {
        String key = subscription.toLowerCase(Locale.ROOT);
        CompletableFuture<Index> mine = new CompletableFuture<>();
        CompletableFuture<Index> existing = cache.putIfAbsent(key, mine);
        if (existing == null) {
            mine.complete(read(subscription));
            existing = mine;
        }
        return existing.join().lookup(vmId);
    }

    private Index read(String subscription) {
        try {
            Map<String, ReplicationProtectedItem> byVm = new HashMap<>();
            for (ReplicationProtectedItem item : cloud.listReplicationProtectedItems(subscription)) {
                if (item.protectedVmId() != null) {
                    byVm.putIfAbsent(item.protectedVmId().toLowerCase(Locale.ROOT), item);
                }
            }
            return new Index(byVm, null);
        } catch (CloudException e) {
            String why = (e.httpStatus() > 0 ? "HTTP " + e.httpStatus() + " " : "") + e.code()
                    + (e.armMessage() == null || e.armMessage().isBlank() ? "" : ": " + firstLine(e.armMessage()));
            return new Index(Map.of(), "the Recovery Services vaults of subscription " + subscription
                    + " could not be read (" + why + ")");
        }
    }

    private static String firstLine(String message) {
        String first = message.lines().findFirst().orElse("");
        return first.length() <= 160 ? first : first.substring(0, 157) + "...";
    }

    private record Index(Map<String, ReplicationProtectedItem> byVm, String problem) {
        SiteRecoveryFacts lookup(String vmId) {
            if (problem != null) {
                return SiteRecoveryFacts.unreadable(problem);
            }
            ReplicationProtectedItem item = byVm.get(vmId.toLowerCase(Locale.ROOT));
            return item == null ? SiteRecoveryFacts.notReplicated()
                    : SiteRecoveryFacts.replicated(item.id(), item.protectionState());
        }
    }
}
