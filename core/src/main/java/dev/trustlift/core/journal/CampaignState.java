package dev.trustlift.core.journal;

/** A campaign is RUNNING until every VM is final (FINISHED) or the run stops early (INTERRUPTED, for resume). */
public enum CampaignState {
    RUNNING,
    INTERRUPTED,
    FINISHED
}
