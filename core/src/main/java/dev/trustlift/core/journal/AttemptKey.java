package dev.trustlift.core.journal;

import java.util.Objects;

/** Names one attempt of one step on one VM; attempts of a step are numbered from 1. */
public record AttemptKey(String campaignId, String vmId, String step, int attempt) {
    public AttemptKey {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(vmId, "vmId");
        Objects.requireNonNull(step, "step");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt numbers start at 1, got " + attempt);
        }
    }
}
