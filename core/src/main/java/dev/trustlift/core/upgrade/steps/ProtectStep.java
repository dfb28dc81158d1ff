package dev.trustlift.core.upgrade.steps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.CloudException;
import dev.trustlift.core.cloud.ConsistencyMode;
import dev.trustlift.core.cloud.RestorePoint;
import dev.trustlift.core.upgrade.EndedOperation;
import dev.trustlift.core.upgrade.Step;
import dev.trustlift.core.upgrade.StepResult;
import dev.trustlift.core.upgrade.UpgradeNames;
import dev.trustlift.core.upgrade.VmUpgrade;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * protect: a restore point of the VM before anything changes it, in the VM's own collection
 * ({@link UpgradeNames#restorePointCollection}), named from the campaign so a resumed run finds
 * it and never creates a second one (ARM refuses one within its minimum spacing anyway).
 * Application-consistent first; when the agent cannot take one (ARM refuses the request for the
 * agent's or the VM's state, or the point ends Failed), crash-consistent under a second name
 * ({@link UpgradeNames#crashConsistentRestorePoint}), because a failed point's name cannot be
 * reused. Journals the point's id, its consistency and the OS disk's disk restore point id
 * ({@value #OS_DISK_RESTORE_POINT_ID}), which the restore of the OS disk is built from.
 */
public final class ProtectStep implements Step {
    public static final String NAME = "protect";
    public static final String RESTORE_POINT_ID = "restorePointId";
    public static final String OS_DISK_RESTORE_POINT_ID = "osDiskRestorePointId";
    static final String LABEL_APP = "restore-point:application-consistent";
    static final String LABEL_CRASH = "restore-point:crash-consistent";
    /** Local restore points complete within seconds (facts/arm.md); an hour means something is wrong. */
    static final Duration CREATING_LIMIT = Duration.ofHours(1);
    static final Duration CREATING_POLL = Duration.ofSeconds(5);

    private final Cloud cloud;

    public ProtectStep(Cloud cloud) {
        this.cloud = cloud;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StepResult run(VmUpgrade vm) {
        String collection = UpgradeNames.restorePointCollection(vm.ref());
        String appName = UpgradeNames.restorePoint(vm.campaignId());
        String crashName = UpgradeNames.crashConsistentRestorePoint(vm.campaignId());
        Optional<EndedOperation> ended = vm.endedOperation();
        Optional<RestorePoint> app = cloud.findRestorePoint(vm.ref(), collection, appName);
        if (app.isPresent() && !failed(app.get())) {
            return settle(vm, app.get(), ConsistencyMode.APPLICATION_CONSISTENT, ended.isEmpty());
        }
        Optional<RestorePoint> crash = cloud.findRestorePoint(vm.ref(), collection, crashName);
        if (crash.isPresent()) {
            if (failed(crash.get())) {
                return StepResult.failed("RestorePointFailed", "the crash-consistent restore point " + crashName
                        + " failed too; the VM was not changed");
            }
            return settle(vm, crash.get(), ConsistencyMode.CRASH_CONSISTENT, ended.isEmpty());
        }
        if (ended.isPresent() && ended.get().is(LABEL_CRASH) && !ended.get().succeeded()) {
            return StepResult.failed(code(ended.get(), "RestorePointFailed"), "creating the crash-consistent restore point "
                    + "failed: " + ended.get().state().errorMessage());
        }
        String location = Details.location(vm, cloud);
        cloud.ensureRestorePointCollection(vm.ref(), location, collection);
        boolean appFailed = app.isPresent() || ended.isPresent() && ended.get().is(LABEL_APP) && !ended.get().succeeded();
        if (!appFailed) {
            try {
                return new StepResult.Await(LABEL_APP, cloud.beginCreateRestorePoint(vm.ref(), collection, appName,
                        ConsistencyMode.APPLICATION_CONSISTENT));
            } catch (CloudException e) {
                if (!agentCannotQuiesce(e)) {
                    throw e;
                }
                vm.scratch().put("appRefused", e.code() + ": " + e.armMessage());
            }
        }
        return new StepResult.Await(LABEL_CRASH, cloud.beginCreateRestorePoint(vm.ref(), collection, crashName,
                ConsistencyMode.CRASH_CONSISTENT));
    }

    private StepResult settle(VmUpgrade vm, RestorePoint point, ConsistencyMode asked, boolean foundFirst) {
        if (!point.succeeded()) {
            if (Duration.between(vm.attemptStarted(), vm.now()).compareTo(CREATING_LIMIT) > 0) {
                return StepResult.retryable("RestorePointStuck", "the restore point is still " + point.provisioningState()
                        + " after " + CREATING_LIMIT.toMinutes() + " min");
            }
            return new StepResult.Later(CREATING_POLL, "the restore point is " + point.provisioningState());
        }
        if (point.osDiskRestorePointId() == null) {
            return StepResult.failed("RestorePointIncomplete", "the restore point " + point.pointId()
                    + " names no disk restore point for the OS disk");
        }
        vm.recordRestorePoint(point.pointId());
        ObjectNode d = Details.object();
        d.put(RESTORE_POINT_ID, point.pointId());
        d.put(OS_DISK_RESTORE_POINT_ID, point.osDiskRestorePointId());
        d.put("collectionId", point.collectionId());
        d.put("consistency", (point.consistencyMode() == null ? asked : point.consistencyMode()).armName());
        d.put("reused", foundFirst);
        if (vm.scratch().get("appRefused") instanceof String why) {
            d.put("applicationConsistentRefused", why);
        }
        return StepResult.done(d);
    }

    private static boolean failed(RestorePoint point) {
        return "Failed".equalsIgnoreCase(point.provisioningState());
    }

    /**
     * ARM refuses an application-consistent point when the agent cannot quiesce the guest: the agent
     * does not report (VMAgentStatusCommunicationError) or the VM is not running (OperationNotAllowed
     * "requires the VM to be running"). Other refusals (throttling, a point still Creating, the
     * spacing) are not about consistency and go to the runner's retry.
     */
    static boolean agentCannotQuiesce(CloudException e) {
        String message = e.armMessage().toLowerCase(Locale.ROOT);
        return "VMAgentStatusCommunicationError".equalsIgnoreCase(e.code())
                || e.httpStatus() == 409 && (message.contains("agent") || message.contains("to be running"));
    }

    private static String code(EndedOperation e, String fallback) {
        return e.state().errorCode() == null ? fallback : e.state().errorCode();
    }
}
