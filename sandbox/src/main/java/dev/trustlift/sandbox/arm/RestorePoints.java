package dev.trustlift.sandbox.arm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.sandbox.http.ArmException;
import dev.trustlift.sandbox.http.ArmRequest;
import dev.trustlift.sandbox.http.ArmResponse;
import dev.trustlift.sandbox.http.Json;
import dev.trustlift.sandbox.lro.Operation;
import dev.trustlift.sandbox.state.ArmState;
import dev.trustlift.sandbox.state.DiskRecord;
import dev.trustlift.sandbox.state.RestorePointCollectionRecord;
import dev.trustlift.sandbox.state.RestorePointRecord;
import dev.trustlift.sandbox.state.VmRecord;
import java.util.List;
import java.util.UUID;

/**
 * Restore point collections (synchronous PUT, DELETE as a long-running operation) and restore
 * points (201 + long-running operation; DELETE the same way), shaped like RestorePointCollection_*.json
 * and RestorePoint_*.json, with their disk restore points. A restore point freezes the VM's model
 * and its OS disk's generation and layout, so a disk restored from it is the disk as it was.
 */
final class RestorePoints {
    private final SandboxContext ctx;

    RestorePoints(SandboxContext ctx) {
        this.ctx = ctx;
    }

    private static String collectionId(ArmRequest req) {
        return "/subscriptions/" + req.param("s") + "/resourceGroups/" + req.param("rg")
                + "/providers/Microsoft.Compute/restorePointCollections/" + req.param("c");
    }

    private RestorePointCollectionRecord collection(ArmRequest req) {
        ctx.state().subscription(req.param("s"));
        RestorePointCollectionRecord c = ctx.state().findCollection(collectionId(req));
        if (c == null) {
            throw ArmException.notFound("Microsoft.Compute/restorePointCollections", req.param("c"), req.param("rg"));
        }
        return c;
    }

    private RestorePointRecord point(ArmRequest req) {
        RestorePointRecord rp = collection(req).point(req.param("rp"));
        if (rp == null) {
            throw ArmException.notFound("Microsoft.Compute/restorePointCollections/restorePoints", req.param("rp"),
                    req.param("rg"));
        }
        return rp;
    }

    ArmResponse putCollection(ArmRequest req) {
        ctx.state().subscription(req.param("s"));
        Refusals.requireUnlocked(ctx.state().locks(), collectionId(req), false);
        ObjectNode body = req.objectBody();
        String sourceId = body.path("properties").path("source").path("id").asText(null);
        RestorePointCollectionRecord existing = ctx.state().findCollection(collectionId(req));
        if (existing != null) {
            return ArmResponse.ok(collectionJson(existing, false));
        }
        VmRecord vm = ctx.state().findVm(sourceId);
        if (vm == null) {
            throw new ArmException(400, "InvalidParameter", "properties.source.id must name an existing VM, not '"
                    + sourceId + "'.");
        }
        RestorePointCollectionRecord c = new RestorePointCollectionRecord(collectionId(req), req.param("c"),
                body.path("location").asText(vm.location()), vm.id(), UUID.randomUUID().toString());
        ctx.state().putCollection(c);
        return ArmResponse.of(201, collectionJson(c, false));
    }

    ArmResponse getCollection(ArmRequest req) {
        String expand = req.query("$expand");
        return ArmResponse.ok(collectionJson(collection(req), expand != null && expand.equalsIgnoreCase("restorePoints")));
    }

    /** DELETE of a collection and every point in it: 202 + operation, 204 when there is none. */
    ArmResponse deleteCollection(ArmRequest req) {
        ctx.state().subscription(req.param("s"));
        RestorePointCollectionRecord c = ctx.state().findCollection(collectionId(req));
        if (c == null) {
            return ArmResponse.of(204, null);
        }
        for (RestorePointRecord rp : c.points()) {
            refuseWhileCreating(rp);
        }
        c.points().forEach(rp -> rp.setProvisioningState("Deleting"));
        Operation op = ctx.operations().start(req.param("s"), c.location(), "restore-point-delete", "restore-point-delete",
                c.id(), false, () -> {
                    ctx.state().removeCollection(c.id());
                    return null;
                });
        return ctx.accepted(req, op, 202, null, true);
    }

    ArmResponse putPoint(ArmRequest req) {
        RestorePointCollectionRecord c = collection(req);
        Refusals.requireUnlocked(ctx.state().locks(), c.id(), false);
        VmRecord vm = ctx.state().findVm(c.sourceVmId());
        if (vm == null) {
            throw new ArmException(404, "NotFound", "The source VM of collection '" + c.name() + "' no longer exists.");
        }
        String name = req.param("rp");
        if (c.point(name) != null) {
            return ArmResponse.ok(pointJson(c.point(name), false));
        }
        ObjectNode props = req.objectBody().path("properties") instanceof ObjectNode o ? o : Json.object();
        String mode = RestorePointRules.consistencyMode(props);
        if (vm.spec().backup() != null && "Standard".equals(vm.spec().backup().policyType())) {
            throw new ArmException(409, "OperationNotAllowed", "Restore point creation is not allowed for VM '" + vm.name()
                    + "' because it is configured for Azure Backup using standard policy.");
        }
        Fault fault = ctx.fault(vm.faults(), "restore-point");
        RestorePointRecord rp;
        synchronized (vm) {
            RestorePointRules.checkVmState(vm, mode);
            List<RestorePointRecord> earlier = ctx.state().restorePointsOf(vm.id());
            RestorePointRules.checkNoneCreating(vm, name, earlier);
            RestorePointRules.checkSpacing(vm, name, mode, earlier, ctx.operations().latency().timeScale());
            DiskRecord d = vm.osDisk();
            RestorePointRecord.DiskImage disk = new RestorePointRecord.DiskImage(d.id(), d.name(), d.uniqueId(),
                    d.osType(), d.hyperVGeneration(), d.sizeGb(), d.encryption(), d.layout());
            rp = new RestorePointRecord(c.id() + "/restorePoints/" + name, name, c.location(), vm.id(), vm.size(),
                    vm.securityType(), disk, mode, ArmState.now());
            c.add(rp);
        }
        Operation op = ctx.operations().start(vm.subscription(), vm.location(), "restore-point", "restore-point", rp.id(),
                false, () -> {
                    if (fault.failsBeforeChange()) {
                        rp.setProvisioningState("Failed");
                        throw fault.error();
                    }
                    rp.setProvisioningState("Succeeded");
                    if (fault.failsAfterChange()) {
                        throw fault.error();
                    }
                    return pointJson(rp, false);
                });
        return fault.answer(ctx.accepted(req, op, 201, pointJson(rp, false), false));
    }

    ArmResponse getPoint(ArmRequest req) {
        String expand = req.query("$expand");
        return ArmResponse.ok(pointJson(point(req), expand != null && expand.equalsIgnoreCase("instanceView")));
    }

    /** DELETE of one point: 202 + operation, 204 when there is none. */
    ArmResponse deletePoint(ArmRequest req) {
        RestorePointCollectionRecord c = collection(req);
        RestorePointRecord rp = c.point(req.param("rp"));
        if (rp == null) {
            return ArmResponse.of(204, null);
        }
        refuseWhileCreating(rp);
        rp.setProvisioningState("Deleting");
        Operation op = ctx.operations().start(req.param("s"), c.location(), "restore-point-delete", "restore-point-delete",
                rp.id(), false, () -> {
                    c.remove(rp.name());
                    return null;
                });
        return ctx.accepted(req, op, 202, null, true);
    }

    ArmResponse listDiskRestorePoints(ArmRequest req) {
        ObjectNode root = Json.object();
        root.putArray("value").add(DiskRestorePointJson.of(point(req)));
        return ArmResponse.ok(root);
    }

    ArmResponse getDiskRestorePoint(ArmRequest req) {
        RestorePointRecord rp = point(req);
        if (!rp.diskRestorePointName().equalsIgnoreCase(req.param("drp"))) {
            throw ArmException.notFound(DiskCreationRules.DRP_TYPE, req.param("drp"), req.param("rg"));
        }
        return ArmResponse.ok(DiskRestorePointJson.of(rp));
    }

    /** Sandbox wording: Azure's text for deleting a point still being created is not public. */
    private static void refuseWhileCreating(RestorePointRecord rp) {
        if ("Creating".equals(rp.provisioningState())) {
            throw new ArmException(409, "OperationNotAllowed", "Restore point '" + rp.name() + "' is being created and "
                    + "cannot be deleted until its creation has completed.");
        }
    }

    private ObjectNode collectionJson(RestorePointCollectionRecord c, boolean withPoints) {
        ObjectNode root = Json.object();
        root.put("name", c.name());
        root.put("id", c.id());
        root.put("type", "Microsoft.Compute/restorePointCollections");
        root.put("location", c.location());
        root.putObject("tags");
        ObjectNode p = root.putObject("properties");
        p.putObject("source").put("id", c.sourceVmId()).put("location", c.location());
        p.put("restorePointCollectionId", c.collectionId());
        p.put("provisioningState", "Succeeded");
        if (withPoints) {
            ArrayNode points = p.putArray("restorePoints");
            c.points().forEach(rp -> points.add(pointJson(rp, false)));
        }
        return root;
    }

    static ObjectNode pointJson(RestorePointRecord rp, boolean withInstanceView) {
        ObjectNode root = Json.object();
        root.put("name", rp.name());
        root.put("id", rp.id());
        root.put("type", "Microsoft.Compute/restorePointCollections/restorePoints");
        ObjectNode p = root.putObject("properties");
        p.putArray("excludeDisks");
        ObjectNode meta = p.putObject("sourceMetadata");
        meta.putObject("hardwareProfile").put("vmSize", rp.vmSize());
        ObjectNode storage = meta.putObject("storageProfile");
        ObjectNode os = storage.putObject("osDisk");
        os.put("osType", rp.osType());
        os.put("name", rp.osDiskName());
        os.put("caching", "ReadWrite");
        os.putObject("managedDisk").put("id", rp.osDiskId()).put("storageAccountType", "Premium_LRS");
        os.putObject("diskRestorePoint").put("id", rp.diskRestorePointId());
        os.put("diskSizeGB", rp.sizeGb());
        storage.putArray("dataDisks");
        if (rp.securityType() != null) {
            meta.putObject("securityProfile").put("securityType", rp.securityType());
        }
        meta.put("vmId", rp.vmId());
        meta.put("hyperVGeneration", rp.hyperVGeneration());
        meta.put("location", rp.location());
        p.put("provisioningState", rp.provisioningState());
        p.put("consistencyMode", rp.consistencyMode());
        p.put("timeCreated", rp.timeCreated());
        if (withInstanceView) {
            p.set("instanceView", DiskRestorePointJson.instanceView(rp));
        }
        return root;
    }
}
