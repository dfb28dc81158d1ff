package dev.trustlift.sandbox.arm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.sandbox.fleet.FaultSpec;
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
import java.util.UUID;

/**
 * Restore point collections (synchronous PUT) and restore points (201 + long-running operation),
 * shaped like RestorePointCollection_*.json and RestorePoint_*.json. A restore point freezes the
 * VM's model and its OS disk's layout, so a disk created from it restores the disk as it was.
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

    ArmResponse putPoint(ArmRequest req) {
        RestorePointCollectionRecord c = collection(req);
        Refusals.requireUnlocked(ctx.state().locks(), c.id(), false);
        VmRecord vm = ctx.state().findVm(c.sourceVmId());
        if (vm == null) {
            throw new ArmException(404, "NotFound", "The source VM of collection '" + c.name() + "' no longer exists.");
        }
        FaultSpec failLater = ctx.fault(vm.faults(), "restore-point");
        if (vm.spec().backup() != null && "Standard".equals(vm.spec().backup().policyType())) {
            throw new ArmException(409, "OperationNotAllowed", "Restore point creation is not allowed for VM '" + vm.name()
                    + "' because it is configured for Azure Backup using standard policy.");
        }
        if (c.point(req.param("rp")) != null) {
            return ArmResponse.ok(pointJson(c.point(req.param("rp"))));
        }
        RestorePointRecord rp;
        synchronized (vm) {
            DiskRecord d = vm.osDisk();
            rp = new RestorePointRecord(c.id() + "/restorePoints/" + req.param("rp"), req.param("rp"), vm.id(), vm.size(),
                    vm.securityType(), d.id(), d.name(), d.osType(), d.hyperVGeneration(), d.sizeGb(), d.layout(),
                    ArmState.now());
        }
        c.add(rp);
        Operation op = ctx.operations().start(vm.subscription(), vm.location(), "restore-point", "restore-point", rp.id(),
                false, () -> {
                    if (failLater != null) {
                        rp.setProvisioningState("Failed");
                        throw SandboxContext.faultError(failLater);
                    }
                    rp.setProvisioningState("Succeeded");
                    return pointJson(rp);
                });
        return ctx.accepted(req, op, 201, pointJson(rp), false);
    }

    ArmResponse getPoint(ArmRequest req) {
        RestorePointRecord rp = collection(req).point(req.param("rp"));
        if (rp == null) {
            throw ArmException.notFound("Microsoft.Compute/restorePointCollections/restorePoints", req.param("rp"),
                    req.param("rg"));
        }
        return ArmResponse.ok(pointJson(rp));
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
            c.points().forEach(rp -> points.add(pointJson(rp)));
        }
        return root;
    }

    static ObjectNode pointJson(RestorePointRecord rp) {
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
        p.put("provisioningState", rp.provisioningState());
        p.put("consistencyMode", "CrashConsistent");
        p.put("timeCreated", rp.timeCreated());
        return root;
    }
}
