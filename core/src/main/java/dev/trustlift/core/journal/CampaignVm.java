package dev.trustlift.core.journal;

import java.time.Instant;
import java.util.Objects;

/**
 * One VM in a campaign, as the runner last left it.
 *
 * @param vmId          the VM's ARM resource id (its name is the last segment)
 * @param optionsJson   per-VM options as a JSON object, e.g. {@code {"secureBoot": true}}
 * @param currentStep   the step it is in or last finished; null before the first
 * @param restorePointId the ARM id of the restore point the protect step took; null before it
 * @param downtimeStart when deallocate was requested; downtimeEnd when the VM ran again
 * @param findingsJson  the VM's findings as a JSON array
 * @param leaseOwner    the worker holding the VM (the multi-worker journal; SQLite leaves it null)
 */
public record CampaignVm(String campaignId, String vmId, String optionsJson, VmState state, String currentStep,
                         String restorePointId, Instant downtimeStart, Instant downtimeEnd, String findingsJson,
                         String leaseOwner, Instant leaseExpires) {
    public CampaignVm {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(vmId, "vmId");
        JsonText.requireObject(optionsJson, "optionsJson");
        Objects.requireNonNull(state, "state");
        JsonText.requireArray(findingsJson, "findingsJson");
    }

    /** A VM newly added to a campaign: PENDING, no step yet, no findings. */
    public static CampaignVm pending(String campaignId, String vmId, String optionsJson) {
        return new CampaignVm(campaignId, vmId, optionsJson, VmState.PENDING, null, null, null, null, "[]", null, null);
    }

    public CampaignVm withState(VmState newState, String step) {
        return new CampaignVm(campaignId, vmId, optionsJson, newState, step, restorePointId, downtimeStart,
                downtimeEnd, findingsJson, leaseOwner, leaseExpires);
    }

    public CampaignVm withRestorePointId(String id) {
        return new CampaignVm(campaignId, vmId, optionsJson, state, currentStep, id, downtimeStart,
                downtimeEnd, findingsJson, leaseOwner, leaseExpires);
    }

    public CampaignVm withDowntime(Instant start, Instant end) {
        return new CampaignVm(campaignId, vmId, optionsJson, state, currentStep, restorePointId, start,
                end, findingsJson, leaseOwner, leaseExpires);
    }

    public CampaignVm withFindingsJson(String findings) {
        return new CampaignVm(campaignId, vmId, optionsJson, state, currentStep, restorePointId, downtimeStart,
                downtimeEnd, findings, leaseOwner, leaseExpires);
    }
}
