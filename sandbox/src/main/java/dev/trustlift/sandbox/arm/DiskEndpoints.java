package dev.trustlift.sandbox.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.sandbox.guest.DiskLayout;
import dev.trustlift.sandbox.http.ArmException;
import dev.trustlift.sandbox.http.ArmRequest;
import dev.trustlift.sandbox.http.ArmResponse;
import dev.trustlift.sandbox.lro.Operation;
import dev.trustlift.sandbox.state.ArmState;
import dev.trustlift.sandbox.state.DiskRecord;
import dev.trustlift.sandbox.state.FaultPlan;
import dev.trustlift.sandbox.state.PowerState;
import dev.trustlift.sandbox.state.RestorePointRecord;
import dev.trustlift.sandbox.state.SnapshotRecord;
import dev.trustlift.sandbox.state.VmRecord;
import java.util.UUID;

/**
 * Disks and snapshots (DiskRP): get, update (resize, generation) as a 202 operation, create by
 * Copy of a snapshot or disk or by Restore of a disk restore point, and incremental snapshots. Faults are looked up on the
 * VM the disk belongs to.
 */
final class DiskEndpoints {
    private final SandboxContext ctx;

    DiskEndpoints(SandboxContext ctx) {
        this.ctx = ctx;
    }

    ArmResponse get(ArmRequest req) {
        DiskRecord d = ctx.state().disk(req.param("s"), req.param("rg"), req.param("d"));
        return ArmResponse.ok(DiskJson.disk(d, ctx.state(), null));
    }

    private FaultPlan faultsOf(DiskRecord d) {
        VmRecord vm = ctx.state().findVm(d == null ? null : d.managedBy());
        return vm == null ? FaultPlan.of(null) : vm.faults();
    }

    ArmResponse patch(ArmRequest req) {
        DiskRecord d = ctx.state().disk(req.param("s"), req.param("rg"), req.param("d"));
        return update(req, d, req.objectBody().path("properties"), tags(req.objectBody()));
    }

    /** The body's {@code tags}, or null when it names none (then the disk keeps its own). */
    private static java.util.Map<String, String> tags(JsonNode body) {
        JsonNode t = body.path("tags");
        if (!t.isObject()) {
            return null;
        }
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        t.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private ArmResponse update(ArmRequest req, DiskRecord d, JsonNode props, java.util.Map<String, String> tags) {
        // The disk's own locks, its group's and its subscription's: a lock on the VM does not cover its disk.
        Refusals.requireUnlocked(ctx.state().locks(), d.id(), false);
        VmRecord vm = ctx.state().findVm(d.managedBy());
        Fault fault = ctx.fault(faultsOf(d), "disk-update");
        Integer newSize = props.hasNonNull("diskSizeGB") ? props.get("diskSizeGB").asInt() : null;
        String newGen = props.hasNonNull("hyperVGeneration") ? props.get("hyperVGeneration").asText() : null;
        boolean attachedRunning = vm != null && vm.power() != PowerState.DEALLOCATED;
        if (newSize != null && newSize != d.sizeGb()) {
            if (newSize < d.sizeGb()) {
                throw new ArmException(400, "BadRequest", "Disk '" + d.name() + "' cannot be shrunk: its size is "
                        + d.sizeGb() + " GB and " + newSize + " GB was requested. Only increases are allowed.");
            }
            if (attachedRunning) {
                throw new ArmException(409, "OperationNotAllowed", "Disk '" + d.name() + "' cannot be resized while it "
                        + "is attached to running VM '" + vm.name() + "'. Deallocate the VM or detach the disk and retry.");
            }
        }
        if (newGen != null && !newGen.equals(d.hyperVGeneration())) {
            if (!newGen.equals("V1") && !newGen.equals("V2")) {
                throw new ArmException(400, "InvalidParameter", "hyperVGeneration must be V1 or V2, not '" + newGen + "'.");
            }
            if (attachedRunning) {
                throw new ArmException(409, "OperationNotAllowed", "Changing property 'hyperVGeneration' of disk '"
                        + d.name() + "' is not allowed while it is attached to running VM '" + vm.name() + "'.");
            }
            if (newGen.equals("V1") && d.securityType() != null) {
                throw new ArmException(400, "BadRequest", "Disk '" + d.name() + "' has security type '"
                        + d.securityType() + "', which needs hyperVGeneration V2.");
            }
        }
        Operation op = ctx.operations().start(d.subscription(), d.location(), "disk-update", "disk-update", d.id(), true, () -> {
            if (fault.failsBeforeChange()) {
                throw fault.error();
            }
            if (newSize != null && newSize > d.sizeGb()) {
                d.setSizeGb(newSize);
            }
            if (newGen != null) {
                d.setHyperVGeneration(newGen);
            }
            if (tags != null) {
                d.setTags(tags);
            }
            if (fault.failsAfterChange()) {
                throw fault.error();
            }
            return DiskJson.disk(d, ctx.state(), null);
        });
        return fault.answer(ctx.accepted(req, op, 202, DiskJson.disk(d, ctx.state(), "Updating"), true));
    }

    ArmResponse put(ArmRequest req) {
        String s = req.param("s");
        String rg = req.param("rg");
        String name = req.param("d");
        ctx.state().subscription(s);
        ObjectNode body = req.objectBody();
        DiskRecord existing = ctx.state().findDisk(ArmState.diskId(s, rg, name));
        if (existing != null) {
            return update(req, existing, body.path("properties"), tags(body));
        }
        Refusals.requireUnlocked(ctx.state().locks(), ArmState.diskId(s, rg, name), false);
        JsonNode props = body.path("properties");
        JsonNode creation = props.path("creationData");
        String option = creation.path("createOption").asText("");
        String sourceId = creation.path("sourceResourceId").asText(null);
        if (sourceId == null || !(option.equalsIgnoreCase("Copy") || option.equalsIgnoreCase("Restore"))) {
            throw new ArmException(400, "InvalidParameter", "The sandbox creates disks only with createOption Copy or "
                    + "Restore and a creationData.sourceResourceId (snapshot, disk or disk restore point).");
        }
        Source src = source(sourceId);
        boolean restore = option.equalsIgnoreCase("Restore");
        DiskCreationRules.checkOption(restore, src.diskRestorePoint(), sourceId);
        if (restore) {
            DiskCreationRules.checkRestorable(src.point(), props);
        }
        Fault fault = ctx.fault(src.faults(), "disk-create");
        String location = body.path("location").asText(src.location());
        int size = props.hasNonNull("diskSizeGB") ? Math.max(props.get("diskSizeGB").asInt(), src.sizeGb()) : src.sizeGb();
        // A restored disk is the source disk as it was: its generation and layout come with it.
        String gen = restore ? src.hyperVGeneration() : props.path("hyperVGeneration").asText(src.hyperVGeneration());
        String osType = props.path("osType").asText(src.osType());
        DiskLayout layout = src.layout();
        if (size > src.sizeGb()) {
            layout = layout.withSectors((long) size * 1024 * 1024 * 1024 / layout.sectorSize());
        }
        DiskRecord disk = new DiskRecord(s, rg, name, location, null, osType, "none", null,
                restore ? "Restore" : "Copy", sourceId, size, gen,
                layout, UUID.randomUUID().toString(), ArmState.now());
        // A disk restored from a Trusted Launch VM's point is a Trusted Launch disk, as its source was.
        String secType = restore && src.point().securityType() != null ? src.point().securityType()
                : props.path("securityProfile").path("securityType").asText(null);
        if (secType != null) {
            disk.setSecurityType(secType);
        }
        java.util.Map<String, String> tags = tags(body);
        if (tags != null) {
            disk.setTags(tags);
        }
        Operation op = ctx.operations().start(s, location, "disk-create", "disk-create", disk.id(), true, () -> {
            if (fault.failsBeforeChange()) {
                throw fault.error();
            }
            ctx.state().putDisk(disk);
            if (fault.failsAfterChange()) {
                throw fault.error();
            }
            return DiskJson.disk(disk, ctx.state(), null);
        });
        return fault.answer(ctx.accepted(req, op, 202, DiskJson.disk(disk, ctx.state(), "Updating"), true));
    }

    /** What a new disk or snapshot copies from; {@code point} is set when it is a disk restore point. */
    private record Source(String location, String osType, String hyperVGeneration, int sizeGb, DiskLayout layout,
                          String uniqueId, FaultPlan faults, RestorePointRecord point) {
        boolean diskRestorePoint() {
            return point != null;
        }
    }

    private Source source(String id) {
        SnapshotRecord snap = ctx.state().findSnapshot(id);
        if (snap != null) {
            VmRecord vm = null;
            DiskRecord from = ctx.state().findDisk(snap.sourceDiskId());
            if (from != null) {
                vm = ctx.state().findVm(from.managedBy());
            }
            return new Source(snap.location(), snap.osType(), snap.hyperVGeneration(), snap.sizeGb(), snap.layout(),
                    snap.uniqueId(), vm == null ? FaultPlan.of(null) : vm.faults(), null);
        }
        DiskRecord disk = ctx.state().findDisk(id);
        if (disk != null) {
            return new Source(disk.location(), disk.osType(), disk.hyperVGeneration(), disk.sizeGb(), disk.layout(),
                    disk.uniqueId(), faultsOf(disk), null);
        }
        RestorePointRecord rp = ctx.state().findByDiskRestorePoint(id);
        if (rp != null) {
            VmRecord vm = ctx.state().findVm(rp.vmId());
            return new Source(rp.location(), rp.osType(), rp.hyperVGeneration(), rp.sizeGb(), rp.layout(),
                    rp.osDiskUniqueId(), vm == null ? FaultPlan.of(null) : vm.faults(), rp);
        }
        throw new ArmException(404, "NotFound", "Source resource '" + id + "' was not found.");
    }

    ArmResponse getSnapshot(ArmRequest req) {
        String id = ArmState.diskId(req.param("s"), req.param("rg"), req.param("snap")).replace("/disks/", "/snapshots/");
        SnapshotRecord snap = ctx.state().findSnapshot(id);
        if (snap == null) {
            throw ArmException.notFound("Microsoft.Compute/snapshots", req.param("snap"), req.param("rg"));
        }
        return ArmResponse.ok(DiskJson.snapshot(snap, null));
    }

    ArmResponse putSnapshot(ArmRequest req) {
        String s = req.param("s");
        ctx.state().subscription(s);
        ObjectNode body = req.objectBody();
        Refusals.requireUnlocked(ctx.state().locks(),
                ArmState.diskId(s, req.param("rg"), req.param("snap")).replace("/disks/", "/snapshots/"), false);
        JsonNode props = body.path("properties");
        String sourceId = props.path("creationData").path("sourceResourceId").asText(null);
        DiskRecord disk = ctx.state().findDisk(sourceId);
        if (disk == null) {
            throw new ArmException(404, "NotFound", "Source disk '" + sourceId + "' was not found.");
        }
        Fault fault = ctx.fault(faultsOf(disk), "snapshot");
        String id = ArmState.diskId(s, req.param("rg"), req.param("snap")).replace("/disks/", "/snapshots/");
        SnapshotRecord snap = new SnapshotRecord(id, req.param("snap"), s, req.param("rg"),
                body.path("location").asText(disk.location()), disk.id(), disk.uniqueId(), disk.osType(),
                disk.hyperVGeneration(), disk.sizeGb(), props.path("incremental").asBoolean(false), disk.layout(),
                UUID.randomUUID().toString(), ArmState.now());
        Operation op = ctx.operations().start(s, snap.location(), "snapshot", "snapshot", id, true, () -> {
            if (fault.failsBeforeChange()) {
                throw fault.error();
            }
            ctx.state().putSnapshot(snap);
            if (fault.failsAfterChange()) {
                throw fault.error();
            }
            return DiskJson.snapshot(snap, null);
        });
        return fault.answer(ctx.accepted(req, op, 202, DiskJson.snapshot(snap, "Updating"), true));
    }
}
