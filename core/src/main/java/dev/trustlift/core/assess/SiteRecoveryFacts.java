package dev.trustlift.core.assess;

import java.util.Objects;

/**
 * What Site Recovery's own records say about one VM: a replication protected item in a Recovery
 * Services vault of its subscription, none, or that they could not be read (then nobody knows, and
 * TL070 says so instead of claiming "not replicated").
 *
 * @param item the protected item's id when replicated, null otherwise
 * @param protectionState the item's protectionState ("Protected", "EnablingProtection", ...), null when not replicated
 * @param problem why the vaults could not be read, null otherwise
 */
public record SiteRecoveryFacts(Status status, String item, String protectionState, String problem) {

    public enum Status { REPLICATED, NOT_REPLICATED, UNREADABLE }

    public SiteRecoveryFacts {
        Objects.requireNonNull(status, "status");
    }

    public static SiteRecoveryFacts replicated(String item, String protectionState) {
        return new SiteRecoveryFacts(Status.REPLICATED, item, protectionState, null);
    }

    public static SiteRecoveryFacts notReplicated() {
        return new SiteRecoveryFacts(Status.NOT_REPLICATED, null, null, null);
    }

    public static SiteRecoveryFacts unreadable(String problem) {
        return new SiteRecoveryFacts(Status.UNREADABLE, null, null, problem);
    }
}
