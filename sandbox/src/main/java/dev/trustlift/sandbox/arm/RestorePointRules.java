package dev.trustlift.sandbox.arm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustlift.sandbox.http.ArmException;
import dev.trustlift.sandbox.state.RestorePointRecord;
import dev.trustlift.sandbox.state.VmRecord;
import java.util.List;

/**
 * Azure's limits on creating VM restore points (learn.microsoft.com, "Support matrix for VM
 * restore points" and "Create VM restore points"; facts/arm.md "Restore points"):
 * consistencyMode omitted means ApplicationConsistent, which needs the VM running with a Ready
 * agent (the agent quiesces the guest); one creation at a time per VM; a second point of the
 * same consistency within 3 hours (application-consistent) or 1 hour (crash-consistent) fails.
 * The spacing scales with the fleet's timeScale like every other duration (0: no spacing).
 * The error texts are sandbox wording: no public original was found.
 */
final class RestorePointRules {
    static final String APPLICATION_CONSISTENT = "ApplicationConsistent";
    static final String CRASH_CONSISTENT = "CrashConsistent";
    private static final double APPLICATION_SPACING_SECONDS = 3 * 3600;
    private static final double CRASH_SPACING_SECONDS = 3600;

    private RestorePointRules() {
    }

    /** The requested consistency mode; absent means ApplicationConsistent, as in Azure. */
    static String consistencyMode(JsonNode properties) {
        JsonNode mode = properties.path("consistencyMode");
        if (mode.isMissingNode() || mode.isNull()) {
            return APPLICATION_CONSISTENT;
        }
        for (String known : List.of(APPLICATION_CONSISTENT, CRASH_CONSISTENT)) {
            if (known.equalsIgnoreCase(mode.asText())) {
                return known;
            }
        }
        throw new ArmException(400, "InvalidParameter", "The value '" + mode.asText() + "' of parameter "
                + "'consistencyMode' is not valid for creating a restore point. Allowed values: ApplicationConsistent, "
                + "CrashConsistent.");
    }

    /** An application-consistent point needs the guest: the VM running and its agent Ready. */
    static void checkVmState(VmRecord vm, String mode) {
        if (APPLICATION_CONSISTENT.equals(mode)) {
            Refusals.requireGuestReachable(vm);
        }
    }

    /** One restore point of a VM at a time, in whatever collection. */
    static void checkNoneCreating(VmRecord vm, String name, List<RestorePointRecord> pointsOfVm) {
        for (RestorePointRecord rp : pointsOfVm) {
            if ("Creating".equals(rp.provisioningState())) {
                throw new ArmException(409, "OperationNotAllowed", "Restore point '" + name + "' cannot be created for "
                        + "VM '" + vm.name() + "' while restore point '" + rp.name() + "' of the same VM is being created. "
                        + "Retry when it has completed.");
            }
        }
    }

    /** Azure's minimum spacing between two points of the same consistency, scaled by {@code timeScale}. */
    static void checkSpacing(VmRecord vm, String name, String mode, List<RestorePointRecord> pointsOfVm, double timeScale) {
        double seconds = (APPLICATION_CONSISTENT.equals(mode) ? APPLICATION_SPACING_SECONDS : CRASH_SPACING_SECONDS)
                * timeScale;
        long now = System.nanoTime();
        for (RestorePointRecord rp : pointsOfVm) {
            if (mode.equals(rp.consistencyMode()) && !"Failed".equals(rp.provisioningState())
                    && now - rp.createdNanos() < seconds * 1e9) {
                throw new ArmException(409, "OperationNotAllowed", "Restore point '" + name + "' cannot be created for "
                        + "VM '" + vm.name() + "': " + mode + " restore point '" + rp.name() + "' was created at "
                        + rp.timeCreated() + ", and " + mode + " restore points of a VM must be at least "
                        + (APPLICATION_CONSISTENT.equals(mode) ? "3 hours" : "1 hour") + " apart"
                        + (timeScale == 1 ? "" : " (" + Math.round(seconds) + " s at the sandbox's timeScale " + timeScale + ")")
                        + ".");
            }
        }
    }
}
