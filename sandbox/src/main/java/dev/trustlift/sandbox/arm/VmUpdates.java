package dev.trustlift.sandbox.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.sandbox.fleet.SkuSpec;
import dev.trustlift.sandbox.fleet.SkuTable;
import dev.trustlift.sandbox.http.ArmException;
import dev.trustlift.sandbox.http.ArmRequest;
import dev.trustlift.sandbox.http.ArmResponse;
import dev.trustlift.sandbox.lro.Operation;
import dev.trustlift.sandbox.state.DiskRecord;
import dev.trustlift.sandbox.state.PowerState;
import dev.trustlift.sandbox.state.VmRecord;

/**
 * PATCH and PUT of a VM, with Azure's rules for the changes trustlift makes: security type
 * ({@link SecurityTypeRules}), size, OS disk swap, tags and hibernation. The body is checked
 * for unknown members first; a PATCH changes what it names, a PUT replaces the model ({@link VmChange}).
 */
final class VmUpdates {
    private final SandboxContext ctx;
    private final SecurityTypeRules securityRules;

    VmUpdates(SandboxContext ctx) {
        this.ctx = ctx;
        this.securityRules = new SecurityTypeRules(ctx.state());
    }

    ArmResponse patch(ArmRequest req) {
        VmRecord vm = ctx.state().vm(req.param("s"), req.param("rg"), req.param("vm"));
        VmBodySchema.checkPatch(req.objectBody());
        return update(req, vm, VmChange.patch(req.objectBody(), vm));
    }

    ArmResponse put(ArmRequest req) {
        VmRecord vm = ctx.state().vm(req.param("s"), req.param("rg"), req.param("vm"));
        VmBodySchema.checkPut(req.objectBody());
        return update(req, vm, VmChange.put(req.objectBody(), vm));
    }

    private ArmResponse update(ArmRequest req, VmRecord vm, VmChange change) {
        Refusals.requireUnlocked(ctx.state().locks(), vm.id(), false);
        // Faults first and outside the VM's lock: a delayMs fault must not stall readers of the VM.
        Fault securityFault = securityChanges(vm, change) ? ctx.fault(vm.faults(), "set-security-type") : Fault.NONE;
        Fault updateFault = ctx.fault(vm.faults(), "update-vm");
        Fault fault = securityFault != Fault.NONE ? securityFault : updateFault;
        Operation op;
        synchronized (vm) {
            Refusals.requireIdle(vm, "update");
            String targetType = change.securityGiven() ? change.securityType() : vm.securityType();
            boolean securityChanges = securityChanges(vm, change);
            String targetSize = change.size() != null ? change.size() : vm.size();
            boolean sizeChanges = !targetSize.equalsIgnoreCase(vm.size());
            if (sizeChanges) {
                checkSize(vm, targetSize);
            }
            if (securityChanges) {
                securityRules.check(vm, targetType, targetSize);
            } else if ("TrustedLaunch".equals(vm.securityType()) && sizeChanges
                    && !SkuTable.supportsTrustedLaunch(ctx.state().skus().find(targetSize, vm.location()))) {
                throw Refusals.sizeWithoutTrustedLaunch(targetSize);
            }
            DiskRecord newDisk = change.osDiskId() == null || change.osDiskId().equalsIgnoreCase(vm.osDisk().id()) ? null
                    : checkDiskSwap(vm, change.osDiskId(), targetType);
            Runnable undo = VmModelUndo.of(vm);
            apply(vm, change, securityChanges, targetType, targetSize, newDisk);
            vm.setProvisioningState("Updating");
            vm.setPendingOperation("update");
            String latency = securityChanges ? "set-security-type" : "update-vm";
            op = ctx.operations().start(vm.subscription(), vm.location(), "update-vm", latency, vm.id(), false, () -> {
                boolean fails = fault.failsBeforeChange() || fault.failsAfterChange();
                synchronized (vm) {
                    if (fault.failsBeforeChange()) {
                        undo.run();
                    }
                    vm.setProvisioningState(fails ? "Failed" : "Succeeded");
                    vm.setPendingOperation(null);
                }
                if (fails) {
                    throw fault.error();
                }
                return null; // the SDK reads the VM itself after a PATCH/PUT; nothing to keep
            });
        }
        return fault.answer(ctx.accepted(req, op, 200, VmJson.model(vm, false, req.query("api-version")), false));
    }

    private static boolean securityChanges(VmRecord vm, VmChange change) {
        synchronized (vm) {
            return change.securityGiven() && (!equal(change.securityType(), vm.securityType())
                    || change.secureBoot() != null && change.secureBoot() != vm.secureBoot()
                    || change.vTpm() != null && change.vTpm() != vm.vTpm());
        }
    }

    private void checkSize(VmRecord vm, String size) {
        SkuSpec sku = ctx.state().skus().find(size, vm.location());
        if (sku == null) {
            throw new ArmException(400, "InvalidParameter", "The value " + size + " provided for the VM size is not valid. "
                    + "The valid sizes in the current region are listed by the resource SKUs API.");
        }
        if (!SkuTable.deployable(sku, vm.location(), vm.spec().zones())) {
            throw Refusals.skuNotAvailable(size, vm.location());
        }
    }

    private DiskRecord checkDiskSwap(VmRecord vm, String diskId, String targetType) {
        DiskRecord disk = ctx.state().findDisk(diskId);
        if (disk == null) {
            throw new ArmException(404, "NotFound", "Disk " + diskId + " was not found.");
        }
        if (vm.power() != PowerState.DEALLOCATED) {
            throw Refusals.notDeallocated(vm, "storageProfile.osDisk.managedDisk.id");
        }
        if (disk.managedBy() != null && !disk.managedBy().equalsIgnoreCase(vm.id())) {
            throw new ArmException(409, "OperationNotAllowed", "Disk '" + disk.name() + "' is already attached to VM '"
                    + disk.managedBy() + "'.");
        }
        // The VM's generation is its current OS disk's, or V2 once it has a security type: a V1
        // disk cannot go back under a Trusted Launch VM (rollback means recreating the VM).
        String vmGeneration = targetType != null || "V2".equals(vm.osDisk().hyperVGeneration()) ? "V2" : "V1";
        if (!vmGeneration.equals(disk.hyperVGeneration())) {
            throw Refusals.diskGenerationMismatch(vmGeneration);
        }
        return disk;
    }

    private static void apply(VmRecord vm, VmChange change, boolean securityChanges, String targetType, String targetSize,
                              DiskRecord newDisk) {
        if (newDisk != null) {
            vm.osDisk().setManagedBy(null);
            newDisk.setManagedBy(vm.id());
            vm.setOsDisk(newDisk);
        }
        if (!targetSize.equals(vm.size())) {
            vm.setSize(targetSize);
        }
        if (securityChanges) {
            boolean tl = targetType != null;
            boolean sb = tl && (change.secureBoot() != null ? change.secureBoot() : vm.securityType() == null || vm.secureBoot());
            boolean tpm = tl && (change.vTpm() != null ? change.vTpm() : vm.securityType() == null || vm.vTpm());
            vm.setSecurity(targetType, sb, tpm);
            DiskRecord disk = vm.osDisk();
            if (tl) {
                disk.setHyperVGeneration("V2");
            }
            disk.setSecurityType(targetType);
        }
        if (change.tags() != null) {
            vm.setTags(change.tags());
        }
        if (change.hibernation() != null && change.hibernation() != vm.hibernation()) {
            vm.setHibernation(change.hibernation());
        }
    }

    private static boolean equal(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }
}
