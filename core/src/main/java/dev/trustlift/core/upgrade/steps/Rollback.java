package dev.trustlift.core.upgrade.steps;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.RestorePoint;
import dev.trustlift.core.cloud.SecurityType;
import dev.trustlift.core.cloud.Vm;
import dev.trustlift.core.cloud.VmRef;
import dev.trustlift.core.journal.AttemptState;
import dev.trustlift.core.journal.Campaign;
import dev.trustlift.core.journal.CampaignState;
import dev.trustlift.core.journal.CampaignVm;
import dev.trustlift.core.journal.Journal;
import dev.trustlift.core.journal.StepAttempt;
import dev.trustlift.core.upgrade.UpgradeNames;
import dev.trustlift.core.upgrade.UpgradePlan;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code trustlift rollback --vm}: puts one VM of a campaign back on its OS disk from before the
 * campaign and starts it, as the recovery does, while Trusted Launch is not set; after it was set
 * it refuses (a V1 disk cannot go under a Trusted Launch VM: the VM must be recreated).
 *
 * <p>The rollback runs as its own small campaign in the same journal ({@link #campaignId}), holding
 * only this VM with the restore point the upgrade took, and the plan {@link #plan}: restore-os-disk,
 * start-as-was, run by the ordinary {@code UpgradeRunner}. So it is journaled, resumable (running
 * rollback again continues it) and reported like any campaign, and it never resumes the upgrade
 * campaign's other VMs. Its VM ends UPGRADED when both steps completed: "the plan ran through".
 */
public final class Rollback {
    /** The key in a rollback campaign's options naming the campaign it undoes. */
    public static final String ROLLBACK_OF = "rollbackOf";

    private final Journal journal;
    private final Cloud cloud;

    public Rollback(Journal journal, Cloud cloud) {
        this.journal = journal;
        this.cloud = cloud;
    }

    /** Whether the VM can be rolled back, and from which restore point. */
    public sealed interface Decision {
        record Allowed(String restorePointId) implements Decision {
        }

        record Refused(String reason) implements Decision {
        }
    }

    /** The plan of a rollback campaign. */
    public static UpgradePlan plan(Cloud cloud) {
        return new UpgradePlan(List.of(new RestoreOsDiskStep(cloud), new StartAsWasStep(cloud)),
                Set.of(RestoreOsDiskStep.NAME, StartAsWasStep.NAME), Set.of(), List.of(), List.of());
    }

    /** The rollback campaign of one VM of a campaign: one per VM, so running rollback again resumes it. */
    public static String campaignId(String campaignId, VmRef vm) {
        return campaignId + "-rollback-" + vm.name().toLowerCase(Locale.ROOT);
    }

    /** The campaign's VM named by {@code --vm}: its ARM id or its name (which must then be unique in the campaign). */
    public CampaignVm find(String campaignId, String nameOrId) {
        List<CampaignVm> matches = journal.vms(campaignId).stream()
                .filter(v -> v.vmId().equalsIgnoreCase(nameOrId) || VmRef.parse(v.vmId()).name().equalsIgnoreCase(nameOrId))
                .toList();
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("campaign " + campaignId + " has no VM " + nameOrId);
        }
        if (matches.size() > 1) {
            throw new IllegalArgumentException("campaign " + campaignId + " has several VMs named " + nameOrId
                    + ": give its ARM id (" + matches.stream().map(CampaignVm::vmId).toList() + ")");
        }
        return matches.get(0);
    }

    public Decision decide(CampaignVm vm) {
        VmRef ref = VmRef.parse(vm.vmId());
        List<StepAttempt> attempts = journal.attempts(vm.campaignId(), vm.vmId());
        boolean trustedLaunchSet = attempts.stream().anyMatch(a -> a.key().step().equals(SetTrustedLaunchStep.NAME)
                && a.state() == AttemptState.COMPLETED);
        Vm model = cloud.getVm(ref);
        if (trustedLaunchSet || model.securityType() != SecurityType.STANDARD) {
            return new Decision.Refused(ref.name() + " is " + model.securityType().armName() + ": a Gen1 OS disk cannot be"
                    + " swapped back under it, so the VM must be recreated on a disk restored from its restore point"
                    + " (the Linux issue adds rollback --recreate)");
        }
        Optional<String> point = Optional.ofNullable(vm.restorePointId())
                .or(() -> cloud.findRestorePoint(ref, UpgradeNames.restorePointCollection(ref),
                        UpgradeNames.restorePoint(vm.campaignId())).map(RestorePoint::pointId));
        return point.<Decision>map(Decision.Allowed::new).orElseGet(() -> new Decision.Refused("campaign "
                + vm.campaignId() + " took no restore point of " + ref.name() + ": there is nothing to roll back to"));
    }

    /**
     * Creates (or finds again) the VM's rollback campaign and returns its id; the caller runs it with
     * {@code new UpgradeRunner(journal, cloud, Rollback.plan(cloud), ...).run(id)}.
     */
    public String prepare(CampaignVm vm, Decision.Allowed allowed, Instant now) {
        VmRef ref = VmRef.parse(vm.vmId());
        String id = campaignId(vm.campaignId(), ref);
        if (journal.campaign(id).isEmpty()) {
            Campaign of = journal.campaign(vm.campaignId())
                    .orElseThrow(() -> new IllegalArgumentException("no campaign " + vm.campaignId()));
            ObjectNode options = JsonNodeFactory.instance.objectNode();
            options.put(ROLLBACK_OF, vm.campaignId());
            options.put("vm", vm.vmId());
            journal.createCampaign(new Campaign(id, now, options.toString(), of.toolVersion(), CampaignState.RUNNING));
        }
        if (journal.vm(id, vm.vmId()).isEmpty()) {
            journal.saveVm(CampaignVm.pending(id, vm.vmId(), vm.optionsJson()).withRestorePointId(allowed.restorePointId()));
        }
        return id;
    }
}
