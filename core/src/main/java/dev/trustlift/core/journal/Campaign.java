package dev.trustlift.core.journal;

import java.time.Instant;
import java.util.Objects;

/**
 * One run of {@code trustlift upgrade}.
 *
 * @param optionsJson the command's options as a JSON object, so resume runs with the same ones
 * @param toolVersion the trustlift version that created it (reports show it; resume may warn)
 */
public record Campaign(String id, Instant created, String optionsJson, String toolVersion, CampaignState state) {
    public Campaign {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(created, "created");
        JsonText.requireObject(optionsJson, "optionsJson");
        Objects.requireNonNull(toolVersion, "toolVersion");
        Objects.requireNonNull(state, "state");
    }

    public Campaign withState(CampaignState newState) {
        return new Campaign(id, created, optionsJson, toolVersion, newState);
    }
}
