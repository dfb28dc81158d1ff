package dev.trustlift.core.upgrade.steps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.rules.Tl040NotRunning;
import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.InstanceView;
import dev.trustlift.core.cloud.PowerState;
import dev.trustlift.core.cloud.SecurityType;
import dev.trustlift.core.cloud.Vm;
import dev.trustlift.core.journal.VmState;
import dev.trustlift.core.upgrade.EndedOperation;
import dev.trustlift.core.upgrade.Step;
import dev.trustlift.core.upgrade.StepResult;
import dev.trustlift.core.upgrade.VmUpgrade;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * inspect: reads the VM and its instance view. A VM already on Trusted Launch (or confidential)
 * ends here. A deallocated or stopped VM is started for the guest steps with --start-stopped
 * (and waited for until its agent is Ready, so assess does not find it "agent not ready"), and is
 * BLOCKED with TL040 without it. Journals the VM's power state, OS type, location, OS disk and size.
 */
public final class InspectStep implements Step {
    public static final String NAME = "inspect";
    static final String LABEL_START = "start";
    static final String LOCATION = "location";

    private final Cloud cloud;

    public InspectStep(Cloud cloud) {
        this.cloud = cloud;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StepResult run(VmUpgrade vm) {
        Vm model = cloud.getVm(vm.ref());
        if (model.securityType() == SecurityType.TRUSTED_LAUNCH || model.securityType() == SecurityType.CONFIDENTIAL_VM) {
            ObjectNode detail = detail(model, null);
            detail.put("securityType", model.securityType().armName());
            return new StepResult.Finish(VmState.ALREADY_TRUSTED_LAUNCH, "the VM already uses "
                    + model.securityType().armName(), detail);
        }
        InstanceView view = cloud.getInstanceView(vm.ref());
        PowerState power = view.powerState() == null ? PowerState.UNKNOWN : view.powerState();
        vm.scratch().putIfAbsent("firstPowerState", power);
        Optional<EndedOperation> start = vm.endedOperation().filter(e -> e.is(LABEL_START));
        boolean startedByUs = start.isPresent();
        if (power == PowerState.RUNNING) {
            if (startedByUs && !view.agentReady()) {
                return waitFor(vm, "the VM agent to become Ready after start (" + view.agentStatus() + ")");
            }
            ObjectNode detail = detail(model, (PowerState) vm.scratch().get("firstPowerState"));
            if (startedByUs) {
                detail.put("startedByTrustlift", true);
            }
            return StepResult.done(detail);
        }
        if (start.isPresent() && !start.get().succeeded()) {
            return new StepResult.Failed(start.get().state().errorCode() == null ? "StartFailed" : start.get().state().errorCode(),
                    "starting the stopped VM for the guest steps failed: " + start.get().state().errorMessage(), true, false,
                    null, start.get().handle().requestId() == null ? List.of() : List.of(start.get().handle().requestId()));
        }
        if (power == PowerState.STARTING || startedByUs) {
            // Sent already (by this attempt, or by a process that died before journaling it): do not send again.
            return waitFor(vm, "the VM to run (" + lower(power) + ")");
        }
        if (!vm.options().startStopped()) {
            vm.addFinding(Tl040NotRunning.finding(vm.ref(), power, Severity.BLOCKER));
            return new StepResult.Finish(VmState.BLOCKED, "the VM is " + lower(power)
                    + " and --start-stopped was not given (TL040)", detail(model, power));
        }
        if (power == PowerState.DEALLOCATED || power == PowerState.STOPPED) {
            return new StepResult.Await(LABEL_START, cloud.beginStart(vm.ref()));
        }
        // stopping, deallocating, unknown: a start now would be refused or undone; look again.
        return waitFor(vm, "the VM to settle before it is started (" + lower(power) + ")");
    }

    private StepResult waitFor(VmUpgrade vm, String what) {
        if (Duration.between(vm.attemptStarted(), vm.now()).compareTo(vm.timing().guestTimeout()) > 0) {
            return StepResult.retryable("VmNotRunning", "gave up waiting for " + what + " after "
                    + vm.timing().guestTimeout().toMinutes() + " min");
        }
        return new StepResult.Later(vm.timing().guestPoll(), "waiting for " + what);
    }

    private static ObjectNode detail(Vm model, PowerState power) {
        ObjectNode d = Details.object();
        if (power != null) {
            d.put("powerState", lower(power));
        }
        d.put("osType", model.osType() == null ? null : model.osType().name().toLowerCase(Locale.ROOT));
        d.put(LOCATION, model.location());
        d.put("osDiskId", model.osDisk() == null ? null : model.osDisk().id());
        d.put("size", model.size());
        return d;
    }

    private static String lower(PowerState power) {
        return power.name().toLowerCase(Locale.ROOT);
    }
}
