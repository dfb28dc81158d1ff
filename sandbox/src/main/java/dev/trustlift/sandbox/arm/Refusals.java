package dev.trustlift.sandbox.arm;

import dev.trustlift.sandbox.http.ArmException;
import dev.trustlift.sandbox.state.PowerState;
import dev.trustlift.sandbox.state.VmRecord;

/**
 * The errors Azure answers when a VM change is not allowed. Texts marked "sandbox wording" have
 * no public original (facts/arm.md); the codes follow Azure's.
 */
final class Refusals {
    static final String TL_FEATURE = "Microsoft.Compute/Gen1ToTLMigrationPreview";

    private Refusals() {
    }

    /** ARM's answer to a write under a ReadOnly lock. */
    static void requireNotReadOnly(VmRecord vm) {
        if (vm.locks().contains("ReadOnly")) {
            String scope = vm.id();
            throw new ArmException(409, "ScopeLocked", "The scope '" + scope
                    + "' cannot perform write operation because following scope(s) are locked: '" + scope
                    + "'. Please remove the lock and try again.");
        }
    }

    /** Sandbox wording: a second change while one is in flight. */
    static void requireIdle(VmRecord vm, String operation) {
        String pending = vm.pendingOperation();
        if (pending != null) {
            throw new ArmException(409, "OperationNotAllowed", "Operation '" + operation + "' is not allowed on VM '"
                    + vm.name() + "' because operation '" + pending + "' is in progress. Retry when it has completed.");
        }
    }

    static ArmException notDeallocated(VmRecord vm, String property) {
        return new ArmException(409, "OperationNotAllowed", "Changing property '" + property
                + "' is not allowed while VM '" + vm.name() + "' is " + vm.power().code()
                + ". Deallocate the VM (Stop-AzVM) and retry.");
    }

    static ArmException sizeWithoutTrustedLaunch(String size) {
        return new ArmException(400, "BadRequest", "The VM size '" + size + "' is not supported for creation of VMs "
                + "and Virtual Machine Scale Set with 'TrustedLaunch' security type. For more information, see "
                + "https://aka.ms/TrustedLaunch-FAQ");
    }

    static ArmException featureNotRegistered(String subscription, String feature) {
        return new ArmException(400, "SubscriptionNotRegisteredForFeature", "The subscription '" + subscription
                + "' is not registered for feature '" + feature + "', which upgrading a Generation 1 VM to Trusted "
                + "Launch requires. Register it (az feature register --namespace Microsoft.Compute --name "
                + feature.substring(feature.indexOf('/') + 1) + ") and retry.");
    }

    static ArmException standardBackup(VmRecord vm) {
        return new ArmException(409, "OperationNotAllowed", "Trusted Launch cannot be enabled on VM '" + vm.name()
                + "' because it is configured for Azure Backup using standard policy. Move the VM to an Enhanced "
                + "backup policy and retry.");
    }

    /** Run Command reaches the guest through the VM agent: the VM must be running and its agent Ready. */
    static void requireGuestReachable(VmRecord vm) {
        if (vm.power() != PowerState.RUNNING) {
            throw new ArmException(409, "OperationNotAllowed", "The operation requires the VM to be running (or set to run).");
        }
        if (!"Ready".equals(vm.effectiveAgent())) {
            throw agentNotReady(vm);
        }
    }

    private static ArmException agentNotReady(VmRecord vm) {
        return new ArmException(409, "VMAgentStatusCommunicationError", "VM '" + vm.name() + "' has not reported status "
                + "for VM agent or extensions. Verify that the OS is up and healthy, the VM has a running VM agent, and "
                + "that it can establish outbound connections to Azure storage. Please refer to "
                + "https://aka.ms/vmextensionwindowstroubleshoot for additional VM agent troubleshooting information.");
    }

    static ArmException skuNotAvailable(String size, String location) {
        return new ArmException(409, "SkuNotAvailable", "The requested VM size for resource 'Following SKUs have failed "
                + "for Capacity Restrictions: " + size + "' is currently not available in location '" + location
                + "'. Please try another size or deploy to a different location or different zone. See "
                + "https://aka.ms/azureskunotavailable for details.");
    }
}
