package dev.trustlift.core.report.campaign;

import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.journal.Campaign;
import dev.trustlift.core.journal.CampaignVm;
import dev.trustlift.core.journal.Journal;
import dev.trustlift.core.journal.JournalException;
import dev.trustlift.core.upgrade.FindingsJson;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads one campaign of a journal into a {@link CampaignView}; only reads. */
public final class CampaignViews {
    private CampaignViews() {
    }

    /**
     * The campaign {@code campaignId}, or the latest one when it is null.
     *
     * @throws JournalException when the journal holds no campaign, or none of that id
     */
    public static CampaignView read(Journal journal, Path journalFile, String campaignId, Instant now) {
        Campaign campaign = choose(journal, journalFile, campaignId);
        List<VmRun> vms = new ArrayList<>();
        for (CampaignVm vm : journal.vms(campaign.id())) {
            List<Finding> findings = List.of();
            boolean unreadable = false;
            try {
                findings = FindingsJson.read(vm.findingsJson());
                unreadable = findings.stream().anyMatch(f -> f.rule().isBlank());
            } catch (RuntimeException e) {
                unreadable = true;
            }
            vms.add(new VmRun(vm, journal.attempts(campaign.id(), vm.vmId()), journal.artifacts(campaign.id(), vm.vmId()),
                    unreadable ? List.of() : findings, unreadable));
        }
        return new CampaignView(journalFile, journal.artifactFolder(), campaign, vms,
                journal.countsByState(campaign.id()), now);
    }

    private static Campaign choose(Journal journal, Path journalFile, String campaignId) {
        List<Campaign> campaigns = journal.campaigns();
        if (campaigns.isEmpty()) {
            throw new JournalException("the journal " + journalFile + " holds no campaign yet: trustlift upgrade "
                    + "writes one when it starts");
        }
        if (campaignId == null) {
            return campaigns.get(campaigns.size() - 1);
        }
        return campaigns.stream().filter(c -> c.id().equals(campaignId)).findFirst()
                .orElseThrow(() -> new JournalException("the journal " + journalFile + " holds no campaign " + campaignId
                        + "; it holds " + String.join(", ", campaigns.stream().map(Campaign::id).toList())));
    }
}
