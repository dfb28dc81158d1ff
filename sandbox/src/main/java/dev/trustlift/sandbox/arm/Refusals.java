package dev.trustlift.sandbox.arm;

import dev.trustlift.sandbox.http.ArmException;
import dev.trustlift.sandbox.state.LockBook;
import dev.trustlift.sandbox.state.ManagementLock;
import dev.trustlift.sandbox.state.PowerState;
import dev.trustlift.sandbox.state.VmRecord;
import java.util.List;

/**
 * The errors Azure answers when a VM change is not allowed. Texts marked "sandbox wording" have
 * no public original (facts/arm.md); the codes follow Azure's.
 */
final class Refusals {
    private Refusals() {
    }

    /**
     * ARM's answer to a write (PUT, PATCH, POST action) under a ReadOnly lock, or a DELETE under
     * any lock, that applies to {@code resourceId}: on it, a parent resource, its group or its subscription.
     */
    static void requireUnlocked(LockBook locks, String resourceId, boolean delete) {
        List<String> scopes = locks.covering(resourceId).stream()
                .filter(l -> delete || l.level().equals(ManagementLock.READ_ONLY))
                .map(ManagementLock::scope).distinct().toList();
        if (!scopes.isEmpty()) {
            throw new ArmException(409, "ScopeLocked", "The scope '" + resourceId + "' cannot perform "
                    + (delete ? "delete" : "write") + " operation because following scope(s) are locked: '"
                    + String.join("', '", scopes) + "'. Please remove the lock and try again.");
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

    /** Sandbox wording: no public original. */
    static ArmException featureNotRegistered(String subscription, String feature) {
        return new ArmException(400, "SubscriptionNotRegisteredForFeature", "The subscription '" + subscription
                + "' is not registered for feature '" + feature + "', which changing the security type of a VM "
                + "requires. Register it (az feature register --namespace Microsoft.Compute --name "
                + feature.substring(feature.indexOf('/') + 1) + ") and retry.");
    }

    static ArmException diskGenerationMismatch(String vmGeneration) {
        return new ArmException(409, "PropertyChangeNotAllowed", "Swapping OS Disk is not supported since HyperVisor "
                + "property on the OSDisk and VM do not match. Please make sure the HyperVisor property on the OSDisk is "
                + "HyperVisor Generation '" + vmGeneration + "'");
    }

    static ArmException unsupportedImage() {
        return new ArmException(400, "BadRequest", "Use of TrustedLaunch setting is not supported for the provided image. "
                + "Please select Trusted Launch Supported Gen2 OS Image. For more information, see "
                + "https://aka.ms/TrustedLaunch-FAQ.");
    }

    /** Sandbox wording. */
    static ArmException toConfidential() {
        return new ArmException(400, "BadRequest", "Changing the security type of an existing VM to 'ConfidentialVM' "
                + "is not supported.");
    }

    /** Sandbox wording. */
    static ArmException fromConfidential(VmRecord vm, String target) {
        return new ArmException(400, "BadRequest", "Changing the security type of VM '" + vm.name()
                + "' from 'ConfidentialVM' to '" + target + "' is not supported.");
    }

    /** Sandbox wording. */
    static ArmException scaleSetMember(VmRecord vm, String scaleSet) {
        return new ArmException(409, "OperationNotAllowed", "The security type of VM '" + vm.name() + "' cannot be "
                + "changed because it belongs to Virtual Machine Scale Set '" + scaleSet + "'; the scale set's model "
                + "sets it.");
    }

    /** Sandbox wording. */
    static ArmException unmanagedOsDisk(VmRecord vm) {
        return new ArmException(400, "BadRequest", "TrustedLaunch security type is not supported for VM '" + vm.name()
                + "' because its OS disk is an unmanaged disk (VHD in a storage account). Migrate it to managed disks "
                + "and retry.");
    }

    /** Sandbox wording. */
    static ArmException ephemeralOsDisk(VmRecord vm) {
        return new ArmException(400, "BadRequest", "Changing the security type of VM '" + vm.name() + "' to "
                + "'TrustedLaunch' is not supported because it uses an ephemeral OS disk.");
    }

    /** Sandbox wording. */
    static ArmException linuxHibernation(VmRecord vm) {
        return new ArmException(400, "BadRequest", "TrustedLaunch security type is not supported for Linux VM '"
                + vm.name() + "' while hibernation is enabled (additionalCapabilities.hibernationEnabled). Disable "
                + "hibernation and retry.");
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
