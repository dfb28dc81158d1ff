package dev.trustlift.core.upgrade.steps;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.CloudException;
import dev.trustlift.core.cloud.OsDisk;
import dev.trustlift.core.cloud.Vm;
import dev.trustlift.core.upgrade.EndedOperation;
import dev.trustlift.core.upgrade.RetryPolicy;
import dev.trustlift.core.upgrade.Step;
import dev.trustlift.core.upgrade.StepResult;
import dev.trustlift.core.upgrade.UpgradeNames;
import dev.trustlift.core.upgrade.VmUpgrade;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Recovery (and {@code rollback --vm}): puts the VM back on its OS disk as it was before the
 * campaign, while it is still Gen1. One operation per call, each decided by the real state:
 * deallocate the VM; create the disk {@link UpgradeNames#restoredDisk} from the OS disk's restore
 * point ({@code createOption: Restore}, so it is the MBR disk, V1); tag the converted disk for
 * inspection (it is kept, never deleted; tagged while still attached, so a restart after the swap
 * need not find it again); swap the restored disk in. Done when the VM's OS disk is the restored
 * one. Once Trusted Launch is set a V1 disk cannot be swapped in, and this step says so.
 */
public final class RestoreOsDiskStep implements Step {
    public static final String NAME = "restore-os-disk";
    static final String RESTORE = "restore-disk";
    static final String TAG = "tag-converted-disk";
    static final String SWAP = "swap-os-disk";
    static final String TRUSTED_LAUNCH_SET = "Trusted Launch is set: rollback needs the VM recreated (issue 10 adds"
            + " rollback --recreate)";

    private final Cloud cloud;
    private final VmPower power;

    public RestoreOsDiskStep(Cloud cloud) {
        this.cloud = cloud;
        this.power = new VmPower(cloud);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StepResult run(VmUpgrade vm) {
        String restoredName = UpgradeNames.restoredDisk(vm.ref(), vm.campaignId());
        String restoredId = "/subscriptions/" + vm.ref().subscription() + "/resourceGroups/" + vm.ref().resourceGroup()
                + "/providers/Microsoft.Compute/disks/" + restoredName;
        Vm model = cloud.getVm(vm.ref());
        if (restoredName.equalsIgnoreCase(model.osDisk().name())) {
            ObjectNode detail = JsonNodeFactory.instance.objectNode();
            detail.put("restoredDisk", model.osDisk().id());
            return StepResult.done(detail);
        }
        if (WantedProfile.isTrustedLaunch(model)) {
            return StepResult.failed("TrustedLaunchSet", TRUSTED_LAUNCH_SET);
        }
        Optional<EndedOperation> failedOp = vm.endedOperation().filter(op -> !op.succeeded());
        if (failedOp.isPresent() && !failedOp.get().is(VmPower.DEALLOCATE)) {
            return ArmCodes.failed(failedOp.get(), failedOp.get().label(), null);
        }
        Optional<StepResult> down = power.deallocated(vm);
        if (down.isPresent()) {
            return down.get();
        }
        if (findDisk(restoredId).isEmpty()) {
            Optional<String> source = OsDiskRestorePoint.find(cloud, vm);
            if (source.isEmpty() || source.get().isBlank()) {
                return StepResult.failed("RestorePointNotFound", "no restore point of this campaign holds the VM's OS disk;"
                        + " the OS disk cannot be restored");
            }
            return new StepResult.Await(RESTORE, cloud.beginRestoreDisk(vm.ref(), model.location(), source.get(),
                    restoredName, Map.of(UpgradeNames.TAG_CAMPAIGN, vm.campaignId())));
        }
        String converted = model.osDisk().id();
        Optional<OsDisk> current = findDisk(converted);
        if (current.isPresent() && !current.get().tags().containsKey(UpgradeNames.TAG_CONVERTED)) {
            return new StepResult.Await(TAG, cloud.beginTagDisk(converted, UpgradeNames.convertedDiskTags(vm.campaignId())));
        }
        if (vm.endedOperation().filter(op -> op.is(SWAP) && op.succeeded()).isPresent()) {
            return StepResult.retryable("SwapNotApplied", "ARM reported the OS disk swap done but the VM's OS disk is "
                    + model.osDisk().id());
        }
        return new StepResult.Await(SWAP, cloud.beginSwapOsDisk(vm.ref(), restoredId));
    }

    private Optional<OsDisk> findDisk(String id) {
        try {
            return Optional.of(cloud.getDisk(id));
        } catch (CloudException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public RetryPolicy retry() {
        return RetryPolicy.DOWNTIME;
    }
}
