package dev.trustlift.core.upgrade;

import dev.trustlift.core.assess.gather.Target;
import dev.trustlift.core.cloud.VmRef;
import dev.trustlift.core.journal.Campaign;
import dev.trustlift.core.journal.CampaignState;
import dev.trustlift.core.journal.CampaignVm;
import dev.trustlift.core.journal.Journal;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Campaigns as the commands create and find them in a journal: an upgrade campaign from the VMs in
 * scope, the campaign {@code resume} continues, the VM {@code rollback} names, and the one-VM
 * campaign a rollback runs as (so it is journaled, shown by status and report, and resumable
 * like any other).
 */
public final class Campaigns {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Campaigns() {
    }

    /** The id a campaign started now would get, e.g. tl-20261208-033500 (plus -2, -3 when taken). */
    public static String nextId(Journal journal, Clock clock, String prefix) {
        String base = prefix + "-" + ID_TIME.format(clock.instant());
        String id = base;
        for (int n = 2; journal != null && journal.campaign(id).isPresent(); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    /**
     * Creates an upgrade campaign of the found {@code targets}, each with its own options (the VM
     * list's enableSecureBoot, else --secure-boot), and returns it. A VM named twice is added once.
     */
    public static Campaign createUpgrade(Journal journal, List<Target> targets, CampaignOptions options, Clock clock,
                                         String toolVersion) {
        if (!CampaignOptions.UPGRADE.equals(options.command())) {
            throw new IllegalArgumentException("not upgrade options: " + options.command());
        }
        Map<String, Target> unique = new LinkedHashMap<>();
        for (Target t : targets) {
            if (t.vm() == null) {
                throw new IllegalArgumentException("a campaign takes found VMs only: " + t.ref() + " (" + t.problem() + ")");
            }
            unique.putIfAbsent(t.ref().key(), t);
        }
        Campaign campaign = new Campaign(nextId(journal, clock, "tl"), clock.instant(), options.toJson(), toolVersion,
                CampaignState.RUNNING);
        List<CampaignVm> vms = new ArrayList<>();
        for (Target t : unique.values()) {
            vms.add(CampaignVm.pending(campaign.id(), t.ref().id(), options.forVm(t.enableSecureBoot()).toJson()));
        }
        journal.createCampaign(campaign, vms);
        return campaign;
    }

    /** The campaign {@code resume} continues: the latest one that is not FINISHED. */
    public static Optional<Campaign> latestOpen(Journal journal) {
        List<Campaign> all = journal.campaigns();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).state() != CampaignState.FINISHED) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * The VM {@code rollback --vm} names, by ARM id or by name, in the latest upgrade campaign that
     * holds it. Empty when no upgrade campaign holds it.
     *
     * @throws IllegalArgumentException when a name matches VMs in several resource groups
     */
    public static Optional<CampaignVm> findUpgradedVm(Journal journal, String nameOrId) {
        List<Campaign> all = journal.campaigns();
        for (int i = all.size() - 1; i >= 0; i--) {
            Campaign c = all.get(i);
            if (!CampaignOptions.UPGRADE.equals(CampaignOptions.fromJson(c.optionsJson()).command())) {
                continue;
            }
            List<CampaignVm> matches = new ArrayList<>();
            for (CampaignVm vm : journal.vms(c.id())) {
                VmRef ref = VmRef.parse(vm.vmId());
                if (ref.key().equals(nameOrId.toLowerCase(Locale.ROOT)) || ref.name().equalsIgnoreCase(nameOrId)) {
                    matches.add(vm);
                }
            }
            if (matches.size() > 1) {
                throw new IllegalArgumentException("--vm " + nameOrId + " names " + matches.size() + " VMs of campaign "
                        + c.id() + "; give the resource id: "
                        + String.join(", ", matches.stream().map(CampaignVm::vmId).toList()));
            }
            if (matches.size() == 1) {
                return Optional.of(matches.get(0));
            }
        }
        return Optional.empty();
    }

    /**
     * Creates the one-VM campaign that rolls {@code upgraded} back: the VM with its options and the
     * restore point its upgrade took, so the restore step finds it in its own row.
     */
    public static Campaign createRollback(Journal journal, CampaignVm upgraded, Clock clock, String toolVersion) {
        if (upgraded.restorePointId() == null) {
            throw new IllegalArgumentException("no restore point was taken for " + upgraded.vmId());
        }
        VmRef ref = VmRef.parse(upgraded.vmId());
        VmOptions vmOptions = VmOptions.fromJson(upgraded.optionsJson());
        CampaignOptions options = new CampaignOptions(CampaignOptions.ROLLBACK, List.of(ref.subscription()),
                ref.resourceGroup(), Map.of(), null, vmOptions.secureBoot(), vmOptions.startStopped(), vmOptions.makeRoom(),
                1, null, upgraded.campaignId());
        Campaign campaign = new Campaign(nextId(journal, clock, "rollback"), clock.instant(), options.toJson(),
                toolVersion, CampaignState.RUNNING);
        journal.createCampaign(campaign);
        journal.saveVm(CampaignVm.pending(campaign.id(), upgraded.vmId(), upgraded.optionsJson())
                .withRestorePointId(upgraded.restorePointId()));
        return campaign;
    }
}
