package dev.trustlift.core.upgrade.steps;

import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.PowerState;
import dev.trustlift.core.upgrade.EndedOperation;
import dev.trustlift.core.upgrade.StepResult;
import dev.trustlift.core.upgrade.VmUpgrade;
import java.time.Duration;
import java.util.Optional;

/**
 * Brings a VM to deallocated or to running, one call at a time, for the window and recovery
 * steps (deallocate, start, restore-os-disk, start-as-was). The power state is read first: a
 * request ARM accepted just before a crash shows as deallocating or starting, so it is waited
 * for, never sent twice.
 */
final class VmPower {
    static final String DEALLOCATE = "deallocate";
    static final String START = "start";
    /** How long a VM may stay in a transition (deallocating, starting, stopping) before the step gives up. */
    static final Duration TRANSITION_LIMIT = Duration.ofMinutes(20);

    private final Cloud cloud;

    VmPower(Cloud cloud) {
        this.cloud = cloud;
    }

    /** Empty once the VM is deallocated; otherwise what the step returns now. */
    Optional<StepResult> deallocated(VmUpgrade vm) {
        PowerState power = cloud.getInstanceView(vm.ref()).powerState();
        if (power == PowerState.DEALLOCATED) {
            return Optional.empty();
        }
        if (power == PowerState.DEALLOCATING) {
            vm.downtimeStarted();
            return Optional.of(waitOrGiveUp(vm, "deallocating"));
        }
        if (power == PowerState.STOPPING || power == PowerState.STARTING) {
            return Optional.of(waitOrGiveUp(vm, power.name().toLowerCase(java.util.Locale.ROOT)));
        }
        Optional<EndedOperation> ended = vm.endedOperation().filter(op -> op.is(DEALLOCATE));
        if (ended.isPresent() && !ended.get().succeeded()) {
            return Optional.of(ArmCodes.failed(ended.get(), "deallocate", null));
        }
        var handle = cloud.beginDeallocate(vm.ref());
        vm.downtimeStarted();
        return Optional.of(new StepResult.Await(DEALLOCATE, handle));
    }

    /** Empty once the VM is running (the downtime ends); otherwise what the step returns now. */
    Optional<StepResult> running(VmUpgrade vm) {
        PowerState power = cloud.getInstanceView(vm.ref()).powerState();
        if (power == PowerState.RUNNING) {
            vm.downtimeEnded();
            return Optional.empty();
        }
        if (power == PowerState.STARTING || power == PowerState.DEALLOCATING || power == PowerState.STOPPING) {
            return Optional.of(waitOrGiveUp(vm, power.name().toLowerCase(java.util.Locale.ROOT)));
        }
        Optional<EndedOperation> ended = vm.endedOperation().filter(op -> op.is(START));
        if (ended.isPresent() && !ended.get().succeeded()) {
            return Optional.of(ArmCodes.failed(ended.get(), "start", null));
        }
        return Optional.of(new StepResult.Await(START, cloud.beginStart(vm.ref())));
    }

    private static StepResult waitOrGiveUp(VmUpgrade vm, String state) {
        if (Duration.between(vm.attemptStarted(), vm.now()).compareTo(TRANSITION_LIMIT) > 0) {
            return StepResult.retryable("PowerStateStuck", "the VM is still " + state + " after " + TRANSITION_LIMIT.toMinutes()
                    + " minutes");
        }
        return new StepResult.Later(vm.timing().downtimePoll(), "the VM is " + state);
    }
}
