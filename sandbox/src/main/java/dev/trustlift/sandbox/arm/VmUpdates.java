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
import dev.trustlift.sandbox.state.SubscriptionRecord;
import dev.trustlift.sandbox.state.VmRecord;

/**
 * PATCH and PUT of a VM, with Azure's rules for the changes trustlift makes: security type
 * (Trusted Launch only while deallocated, on a TL size, with the preview feature registered,
 * without a Standard backup policy; sets the OS disk to V2), size, OS disk swap and tags.
 * A property absent from the body is left as it is, for PUT too.
 */
final class VmUpdates {
    /** Marks a body that sets uefiSettings but leaves securityType alone. */
    private static final String UNCHANGED = "(unchanged)";

    private final SandboxContext ctx;

    VmUpdates(SandboxContext ctx) {
        this.ctx = ctx;
    }

    /** The change a body asks for; null fields mean "unchanged". */
    private record Change(String size, boolean securityGiven, String securityType, Boolean secureBoot, Boolean vTpm,
                          String osDiskId, ObjectNode tags) {
    }

    ArmResponse patch(ArmRequest req) {
        return update(req, "PATCH");
    }

    ArmResponse put(ArmRequest req) {
        return update(req, "PUT");
    }

    private ArmResponse update(ArmRequest req, String method) {
        VmRecord vm = ctx.state().vm(req.param("s"), req.param("rg"), req.param("vm"));
        Change change = parse(req.objectBody());
        Refusals.requireNotReadOnly(vm);
        // Faults first and outside the VM's lock: a delayMs fault must not stall readers of the VM.
        Fault securityFault = securityChanges(vm, change) ? ctx.fault(vm.faults(), "set-security-type") : Fault.NONE;
        Fault updateFault = ctx.fault(vm.faults(), "update-vm");
        Fault fault = securityFault != Fault.NONE ? securityFault : updateFault;
        Operation op;
        synchronized (vm) {
            Refusals.requireIdle(vm, "update");
            String targetType = targetType(vm, change);
            boolean securityChanges = securityChanges(vm, change);
            String targetSize = change.size() != null ? change.size() : vm.size();
            if (change.size() != null && !change.size().equalsIgnoreCase(vm.size())) {
                checkSize(vm, change.size());
            }
            if (securityChanges) {
                checkSecurity(vm, targetType, targetSize);
            } else if ("TrustedLaunch".equals(vm.securityType()) && change.size() != null
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
        return fault.answer(ctx.accepted(req, op, 200, VmJson.model(vm, false), false));
    }

    private static String targetType(VmRecord vm, Change change) {
        return change.securityGiven() && !UNCHANGED.equals(change.securityType()) ? change.securityType() : vm.securityType();
    }

    private static boolean securityChanges(VmRecord vm, Change change) {
        synchronized (vm) {
            String target = targetType(vm, change);
            return change.securityGiven() && (!equal(target, vm.securityType())
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
        if (sku.restrictions() != null && !sku.restrictions().isEmpty()) {
            throw Refusals.skuNotAvailable(size, vm.location());
        }
    }

    private void checkSecurity(VmRecord vm, String targetType, String targetSize) {
        if (vm.power() != PowerState.DEALLOCATED) {
            throw Refusals.notDeallocated(vm, "securityProfile.securityType");
        }
        if ("ConfidentialVM".equals(targetType)) {
            throw new ArmException(400, "BadRequest", "Changing the security type of an existing VM to 'ConfidentialVM' "
                    + "is not supported.");
        }
        SubscriptionRecord sub = ctx.state().subscription(vm.subscription());
        if ("TrustedLaunch".equals(targetType)) {
            String feature = sub.featureState(Refusals.TL_FEATURE);
            if (feature != null && !feature.equals("Registered") && "V1".equals(vm.osDisk().hyperVGeneration())) {
                throw Refusals.featureNotRegistered(sub.id(), sub.featureName(Refusals.TL_FEATURE));
            }
            if (!SkuTable.supportsTrustedLaunch(ctx.state().skus().find(targetSize, vm.location()))) {
                throw Refusals.sizeWithoutTrustedLaunch(targetSize);
            }
            if (vm.spec().backup() != null && "Standard".equals(vm.spec().backup().policyType())) {
                throw Refusals.standardBackup(vm);
            }
        } else if (vm.securityType() != null) {
            String feature = sub.featureState("Microsoft.Compute/UseStandardSecurityType");
            if (feature != null && !feature.equals("Registered")) {
                throw Refusals.featureNotRegistered(sub.id(), sub.featureName("Microsoft.Compute/UseStandardSecurityType"));
            }
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
        if (targetType != null && !"V2".equals(disk.hyperVGeneration())) {
            throw new ArmException(400, "BadRequest", "The Hyper-V generation 'V1' of disk '" + disk.name()
                    + "' does not match the VM's security type '" + targetType + "', which needs 'V2'.");
        }
        return disk;
    }

    private static void apply(VmRecord vm, Change change, boolean securityChanges, String targetType, String targetSize,
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
            vm.setTags(VmJson.tagsOf(change.tags()));
        }
    }

    private static Change parse(ObjectNode body) {
        JsonNode props = body.path("properties");
        String size = text(props.path("hardwareProfile").path("vmSize"));
        JsonNode sec = props.path("securityProfile");
        boolean securityGiven = sec.isObject() && sec.has("securityType");
        String type = securityGiven ? text(sec.get("securityType")) : null;
        if ("Standard".equalsIgnoreCase(type)) {
            type = null;
        }
        if (type != null && !type.equals("TrustedLaunch") && !type.equals("ConfidentialVM")) {
            throw new ArmException(400, "InvalidParameter", "The value '" + type + "' of parameter "
                    + "'securityProfile.securityType' is not valid. Allowed values: TrustedLaunch, ConfidentialVM, Standard.");
        }
        JsonNode uefi = sec.path("uefiSettings");
        Boolean sb = uefi.has("secureBootEnabled") && !uefi.get("secureBootEnabled").isNull()
                ? uefi.get("secureBootEnabled").asBoolean() : null;
        Boolean tpm = uefi.has("vTpmEnabled") && !uefi.get("vTpmEnabled").isNull() ? uefi.get("vTpmEnabled").asBoolean() : null;
        if (!securityGiven && uefi.isObject()) {
            securityGiven = true;
            type = UNCHANGED;
        }
        String diskId = text(props.path("storageProfile").path("osDisk").path("managedDisk").path("id"));
        ObjectNode tags = body.get("tags") instanceof ObjectNode t ? t : null;
        return new Change(size, securityGiven, type, sb, tpm, diskId, tags);
    }

    private static String text(JsonNode n) {
        return n == null || n.isMissingNode() || n.isNull() ? null : n.asText();
    }

    private static boolean equal(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }
}
