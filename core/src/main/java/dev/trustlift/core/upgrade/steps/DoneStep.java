package dev.trustlift.core.upgrade.steps;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.CloudException;
import dev.trustlift.core.cloud.ResourceLock;
import dev.trustlift.core.upgrade.EndedOperation;
import dev.trustlift.core.upgrade.StepResult;
import dev.trustlift.core.upgrade.Step;
import dev.trustlift.core.upgrade.UpgradeNames;
import dev.trustlift.core.upgrade.VmUpgrade;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last step: the managed run command trustlift used ({@code runCommands/trustlift}) is
 * deleted. A lock that refuses the DELETE leaves it there with a WARNING naming the lock: the VM is
 * upgraded and running, and a leftover child resource is no reason to call it failed.
 */
public final class DoneStep implements Step {
    public static final String NAME = "done";
    static final String LABEL = "delete-run-command";
    /** The run command stays on the VM because a lock refused its deletion. */
    public static final String RUN_COMMAND_LEFT = "UPG013";
    /** ARM's error code for a write or delete refused by a management lock. */
    static final String SCOPE_LOCKED = "ScopeLocked";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Cloud cloud;

    public DoneStep(Cloud cloud) {
        this.cloud = cloud;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StepResult run(VmUpgrade vm) {
        Optional<EndedOperation> deleted = vm.endedOperation().filter(e -> e.is(LABEL));
        if (deleted.isPresent() && !deleted.get().succeeded()) {
            String code = deleted.get().state().errorCode();
            if (SCOPE_LOCKED.equalsIgnoreCase(code)) {
                return leftByLock(vm, deleted.get().state().errorMessage());
            }
            return StepResult.retryable(code == null ? "DeleteRunCommandFailed" : code, "deleting runCommands/"
                    + UpgradeNames.RUN_COMMAND + " failed: " + deleted.get().state().errorMessage());
        }
        if (cloud.findRunCommand(vm.ref(), UpgradeNames.RUN_COMMAND).isEmpty()) {
            ObjectNode detail = JSON.createObjectNode().put("runCommand", deleted.isPresent() ? "deleted" : "absent");
            List<String> ids = deleted.map(d -> d.handle().requestId()).stream().filter(java.util.Objects::nonNull).toList();
            return new StepResult.Done(detail, ids);
        }
        try {
            return new StepResult.Await(LABEL, cloud.beginDeleteRunCommand(vm.ref(), UpgradeNames.RUN_COMMAND));
        } catch (CloudException e) {
            if (SCOPE_LOCKED.equalsIgnoreCase(e.code())) {
                return leftByLock(vm, e.armMessage());
            }
            throw e;
        }
    }

    private StepResult leftByLock(VmUpgrade vm, String armMessage) {
        List<String> locks = lockNames(vm);
        String named = locks.isEmpty() ? "a lock" : "lock " + String.join(", ", locks);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("runCommand", vm.ref().id() + "/runCommands/" + UpgradeNames.RUN_COMMAND);
        evidence.put("locks", locks);
        evidence.put("arm", armMessage == null ? "" : armMessage);
        vm.addFinding(new Finding(RUN_COMMAND_LEFT, Severity.WARNING, "run command " + UpgradeNames.RUN_COMMAND
                + " left on the VM because of " + named, evidence, "once the lock may go, delete it: az vm run-command delete"
                + " --resource-group " + vm.ref().resourceGroup() + " --vm-name " + vm.ref().name() + " --name "
                + UpgradeNames.RUN_COMMAND + " (it holds only trustlift's last script and its output)", List.of()));
        ObjectNode detail = JSON.createObjectNode().put("runCommand", "left");
        detail.putArray("locks").addAll(locks.stream().map(JSON.getNodeFactory()::textNode).toList());
        return StepResult.done(detail);
    }

    /** The locks that refuse a DELETE of the VM's child resources; any lock does (ReadOnly too). */
    private List<String> lockNames(VmUpgrade vm) {
        try {
            return cloud.findLocks(vm.ref()).stream()
                    .sorted((a, b) -> Boolean.compare(a.level() != ResourceLock.Level.CAN_NOT_DELETE,
                            b.level() != ResourceLock.Level.CAN_NOT_DELETE))
                    .map(l -> l.name() + " (" + (l.level() == ResourceLock.Level.CAN_NOT_DELETE ? "CanNotDelete" : "ReadOnly")
                            + " on " + l.scope() + ")")
                    .toList();
        } catch (CloudException e) {
            // The finding still stands on ARM's own message, which names the locked scope.
            return List.of();
        }
    }
}
