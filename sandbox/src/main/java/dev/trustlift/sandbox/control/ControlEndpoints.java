package dev.trustlift.sandbox.control;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.sandbox.boot.BootDiagnostics;
import dev.trustlift.sandbox.fleet.FaultSpec;
import dev.trustlift.sandbox.fleet.Fleet;
import dev.trustlift.sandbox.fleet.FleetException;
import dev.trustlift.sandbox.http.ArmException;
import dev.trustlift.sandbox.http.ArmRequest;
import dev.trustlift.sandbox.http.ArmResponse;
import dev.trustlift.sandbox.http.Json;
import dev.trustlift.sandbox.state.ArmState;
import dev.trustlift.sandbox.state.CallLog;
import dev.trustlift.sandbox.state.VmRecord;
import java.util.List;
import java.util.function.Supplier;

/**
 * The sandbox's own test API under /_sandbox/: {@code GET state} (200 once ready; the true state
 * of every VM), {@code GET calls} (the call log), {@code POST faults} (arm faults on a VM now),
 * {@code POST reset} (fresh state from the fleet) and {@code GET blobs/...} (boot diagnostics).
 */
public final class ControlEndpoints {
    private final Supplier<ArmState> state;
    private final Supplier<CallLog> calls;
    private final Runnable reset;
    private final double timeScale;

    public ControlEndpoints(Supplier<ArmState> state, Supplier<CallLog> calls, Runnable reset, double timeScale) {
        this.state = state;
        this.calls = calls;
        this.reset = reset;
        this.timeScale = timeScale;
    }

    public ArmResponse handle(ArmRequest req) {
        String path = req.path();
        try {
            if (req.method().equals("GET") && path.equals("/_sandbox/state")) {
                ObjectNode root = StateReport.render(state.get(), req.query("vm"));
                root.put("ready", true);
                root.put("timeScale", timeScale);
                return ArmResponse.ok(root);
            }
            if (req.method().equals("GET") && path.equals("/_sandbox/calls")) {
                return ArmResponse.ok(callLog(calls.get()));
            }
            if (req.method().equals("GET") && path.startsWith(BootDiagnostics.BLOB_ROOT)) {
                return BootDiagnostics.blob(state.get(), path, req::query);
            }
            if (req.method().equals("POST") && path.equals("/_sandbox/faults")) {
                return armFaults(req);
            }
            if (req.method().equals("POST") && path.equals("/_sandbox/reset")) {
                reset.run();
                return ArmResponse.ok(Json.object().put("reset", true));
            }
            throw new ArmException(404, "SandboxUnsupported", req.method() + " " + path + " is not a sandbox endpoint "
                    + "(GET /_sandbox/state, GET /_sandbox/calls, POST /_sandbox/faults, POST /_sandbox/reset)");
        } catch (ArmException e) {
            return ArmResponse.of(e.status(), e.body());
        }
    }

    /** POST /_sandbox/faults {"vm": "<VM resource id>", "faults": [<fleet fault objects>]}: arms them now. */
    private ArmResponse armFaults(ArmRequest req) {
        ObjectNode body = req.objectBody();
        String id = body.path("vm").asText(null);
        VmRecord vm = id == null ? null : state.get().findVm(id);
        if (vm == null) {
            throw new ArmException(404, "NotFound", "POST /_sandbox/faults: no VM with id '" + id + "' (give \"vm\": "
                    + "the VM's resource id)");
        }
        List<FaultSpec> faults;
        try {
            faults = Fleet.parseFaults(body.get("faults"), "POST /_sandbox/faults");
        } catch (FleetException e) {
            throw new ArmException(400, "InvalidFault", e.getMessage());
        }
        state.get().armFaults(vm, faults);
        return ArmResponse.ok(Json.object().put("vm", vm.id()).put("armed", faults.size()));
    }

    private static ObjectNode callLog(CallLog log) {
        ObjectNode root = Json.object();
        root.put("total", log.total());
        ArrayNode arr = root.putArray("calls");
        for (CallLog.Call c : log.recent()) {
            ObjectNode n = arr.addObject();
            n.put("time", c.time());
            n.put("method", c.method());
            n.put("path", c.path());
            n.put("query", c.query());
            n.put("status", c.status());
            n.put("authorization", c.authorization());
            n.put("requestId", c.requestId());
            if (c.signIn() != null) {
                n.put("signIn", c.signIn());
            }
        }
        return root;
    }
}
