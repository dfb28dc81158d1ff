package dev.trustlift.core.upgrade.steps;

import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.RestorePoint;
import dev.trustlift.core.cloud.SecurityType;
import dev.trustlift.core.cloud.Vm;
import dev.trustlift.core.cloud.VmRef;
import dev.trustlift.core.journal.AttemptState;
import dev.trustlift.core.journal.CampaignVm;
import dev.trustlift.core.journal.Journal;
import dev.trustlift.core.journal.StepAttempt;
import dev.trustlift.core.upgrade.UpgradeNames;
import dev.trustlift.core.upgrade.UpgradePlan;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code trustlift rollback --vm}: puts one VM of a campaign back on its OS disk from before the
 * campaign and starts it, as the recovery does, while Trusted Launch is not set; after it was set
 * it refuses (a V1 disk cannot go under a Trusted Launch VM: the VM must be recreated).
 *
 * <p>The rollback runs as its own one-VM campaign ({@code Campaigns.createRollback}: the VM with
 * the restore point its upgrade took on its row) with the plan {@link #plan}: restore-os-disk,
 * start-as-was, run by the ordinary {@code UpgradeRunner}. So it is journaled, resumable and
 * reported like any campaign, and it never resumes the upgrade campaign's other VMs. Its VM ends
 * UPGRADED when both steps completed ("the plan ran through").
 */
public final class Rollback {
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

    /**
     * Whether the VM of an upgrade campaign can be rolled back, and from which restore point:
     * refused once set-trusted-launch completed or ARM shows the VM is not Standard, or when the
     * campaign took no restore point.
     */
    public Decision decide(CampaignVm vm) {
        VmRef ref = VmRef.parse(vm.vmId());
        List<StepAttempt> attempts = journal.attempts(vm.campaignId(), vm.vmId());
        boolean trustedLaunchSet = attempts.stream().anyMatch(a -> a.key().step().equals(SetTrustedLaunchStep.NAME)
                && a.state() == AttemptState.COMPLETED);
        Vm model = cloud.getVm(ref);
        if (trustedLaunchSet || model.securityType() != SecurityType.STANDARD) {
            String what = model.securityType() != SecurityType.STANDARD ? ref.name() + " is " + model.securityType().armName()
                    : "Trusted Launch was set on " + ref.name();
            return new Decision.Refused(what + ": a Gen1 OS disk cannot be"
                    + " swapped back under it, so the VM must be recreated on a disk restored from its restore point"
                    + " (the Linux issue adds rollback --recreate)");
        }
        Optional<String> point = Optional.ofNullable(vm.restorePointId())
                .or(() -> cloud.findRestorePoint(ref, UpgradeNames.restorePointCollection(ref),
                        UpgradeNames.restorePoint(vm.campaignId())).map(RestorePoint::pointId));
        return point.<Decision>map(Decision.Allowed::new).orElseGet(() -> new Decision.Refused("campaign "
                + vm.campaignId() + " took no restore point of " + ref.name() + ": there is nothing to roll back to"));
    }
}
