package dev.trustlift.sandbox.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.sandbox.guest.ScriptResult;
import dev.trustlift.sandbox.http.ArmException;
import dev.trustlift.sandbox.http.ArmRequest;
import dev.trustlift.sandbox.http.ArmResponse;
import dev.trustlift.sandbox.http.Json;
import dev.trustlift.sandbox.lro.Operation;
import dev.trustlift.sandbox.state.ArmState;
import dev.trustlift.sandbox.state.ManagedRunCommandRecord;
import dev.trustlift.sandbox.state.VmRecord;
import java.util.List;

/**
 * Managed Run Commands ({vm}/runCommands/{name}), the way the official upgrade script runs
 * MBR2GPT: PUT creates and runs (201 + Azure-AsyncOperation), GET with $expand=instanceView
 * reports executionState, exitCode, output and error. Same preconditions as the action API.
 */
final class ManagedRunCommands {
    private final SandboxContext ctx;

    ManagedRunCommands(SandboxContext ctx) {
        this.ctx = ctx;
    }

    private static String id(VmRecord vm, String name) {
        return vm.id() + "/runCommands/" + name;
    }

    ArmResponse put(ArmRequest req) {
        VmRecord vm = ctx.state().vm(req.param("s"), req.param("rg"), req.param("vm"));
        ObjectNode body = req.objectBody();
        JsonNode props = body.path("properties");
        String script = props.path("source").path("script").asText(null);
        if (script == null) {
            throw new ArmException(400, "InvalidParameter", "The sandbox runs managed Run Commands from "
                    + "properties.source.script only (not scriptUri or commandId).");
        }
        Refusals.requireUnlocked(ctx.state().locks(), id(vm, req.param("rc")), false);
        Fault fault = ctx.fault(vm.faults(), "run-command");
        String name = req.param("rc");
        boolean existed = ctx.state().findRunCommand(id(vm, name)) != null;
        ManagedRunCommandRecord rc = new ManagedRunCommandRecord(id(vm, name), name, vm.location(),
                List.of(script.split("\r?\n", -1)), props.path("timeoutInSeconds").asInt(0),
                props.path("treatFailureAsDeploymentFailure").asBoolean(false), ArmState.now(),
                parameters(props.path("parameters"), "parameters"), parameters(props.path("protectedParameters"),
                "protectedParameters"));
        Operation op;
        synchronized (vm) {
            Refusals.requireGuestReachable(vm);
            Refusals.requireIdle(vm, "runCommands");
            vm.setPendingOperation("run-command");
            ctx.state().putRunCommand(rc);
            String commandId = vm.windows() ? "RunPowerShellScript" : "RunShellScript";
            // The script is stopped at timeoutInSeconds (absent or 0: the 90 minutes of any run command).
            double runtime = ScriptRun.seconds(rc.script());
            double limit = rc.timeoutInSeconds() > 0 ? rc.timeoutInSeconds() : ScriptRun.MAX_SECONDS;
            boolean timesOut = runtime > limit;
            long duration = ctx.operations().latency().nanos("run-command")
                    + ctx.operations().latency().nanosFor(Math.min(runtime, limit));
            op = ctx.operations().startFor(vm.subscription(), vm.location(), "run-command", duration, rc.id(), false, () -> {
                synchronized (vm) {
                    vm.setPendingOperation(null);
                    if (fault.failsBeforeChange()) {
                        ArmException e = fault.error();
                        rc.fail(e.error().path("message").asText(), ArmState.now());
                        throw e;
                    }
                    if (timesOut) {
                        rc.timeOut((int) limit, ArmState.now());
                    } else {
                        ScriptResult r = VmActions.runOnGuest(vm, commandId, rc.script(), rc.allParameters());
                        // Learn (managed Run Commands): instanceView's output and error keep only their last 4 KB
                        rc.finish(r.exitCode(), ScriptRun.lastBytes(r.stdoutText()), ScriptRun.lastBytes(r.stderrText()),
                                ArmState.now());
                    }
                }
                if (fault.failsAfterChange()) {
                    throw fault.error();
                }
                if (rc.provisioningState().equals("Failed")) {
                    throw new ArmException(409, "VMExtensionProvisioningError", "The script of run command '" + name
                            + (timesOut ? "' timed out after " + (int) limit + " seconds." : "' exited with code "
                            + rc.exitCode() + "."));
                }
                return json(rc, true);
            });
        }
        return fault.answer(ctx.accepted(req, op, existed ? 200 : 201, json(rc, false), false));
    }

    /**
     * RunCommandInputParameter[] ({name, value}, both strings in the spec). A missing name is 400:
     * Linux takes nameless arguments positionally, which trustlift's scripts never use (sandbox wording).
     */
    private static java.util.Map<String, String> parameters(JsonNode array, String field) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        if (array.isMissingNode() || array.isNull()) {
            return out;
        }
        if (!array.isArray()) {
            throw new ArmException(400, "InvalidParameter", "properties." + field + " must be an array of {name, value}.");
        }
        for (JsonNode p : array) {
            String name = p.path("name").asText("");
            if (name.isEmpty() || !p.path("value").isValueNode()) {
                throw new ArmException(400, "InvalidParameter", "Each entry of properties." + field
                        + " needs a name and a value (the sandbox does not run nameless arguments).");
            }
            out.put(name, p.path("value").asText());
        }
        return out;
    }

    ArmResponse get(ArmRequest req) {
        VmRecord vm = ctx.state().vm(req.param("s"), req.param("rg"), req.param("vm"));
        ManagedRunCommandRecord rc = ctx.state().findRunCommand(id(vm, req.param("rc")));
        if (rc == null) {
            throw ArmException.notFound("Microsoft.Compute/virtualMachines/runCommands", req.param("rc"), req.param("rg"));
        }
        String expand = req.query("$expand");
        return ArmResponse.ok(json(rc, expand != null && expand.equalsIgnoreCase("instanceView")));
    }

    ArmResponse list(ArmRequest req) {
        VmRecord vm = ctx.state().vm(req.param("s"), req.param("rg"), req.param("vm"));
        ObjectNode root = Json.object();
        ArrayNode value = root.putArray("value");
        for (ManagedRunCommandRecord rc : ctx.state().runCommandsOf(vm.id())) {
            value.add(json(rc, false));
        }
        return ArmResponse.ok(root);
    }

    ArmResponse delete(ArmRequest req) {
        VmRecord vm = ctx.state().vm(req.param("s"), req.param("rg"), req.param("vm"));
        Refusals.requireUnlocked(ctx.state().locks(), id(vm, req.param("rc")), true);
        boolean removed = ctx.state().removeRunCommand(id(vm, req.param("rc")));
        return ArmResponse.of(removed ? 200 : 204, null);
    }

    static ObjectNode json(ManagedRunCommandRecord rc, boolean withInstanceView) {
        ObjectNode root = Json.object();
        root.put("name", rc.name());
        root.put("id", rc.id());
        root.put("type", "Microsoft.Compute/virtualMachines/runCommands");
        root.put("location", rc.location());
        ObjectNode p = root.putObject("properties");
        p.putObject("source").put("script", String.join("\n", rc.script()));
        ArrayNode params = p.putArray("parameters");
        rc.parameters().forEach((k, v) -> params.addObject().put("name", k).put("value", v));
        // Azure never returns protectedParameters' values (they are secrets); the property is left out
        p.put("asyncExecution", false);
        p.put("treatFailureAsDeploymentFailure", rc.treatFailureAsDeploymentFailure());
        p.put("timeoutInSeconds", rc.timeoutInSeconds());
        p.put("provisioningState", rc.provisioningState());
        if (withInstanceView) {
            ObjectNode iv = p.putObject("instanceView");
            iv.put("executionState", rc.executionState());
            iv.put("executionMessage", rc.executionMessage());
            if (rc.exitCode() != null) {
                iv.put("exitCode", rc.exitCode());
            }
            iv.put("output", rc.output());
            iv.put("error", rc.error());
            iv.put("startTime", rc.startTime());
            if (rc.endTime() != null) {
                iv.put("endTime", rc.endTime());
            }
            iv.set("statuses", Json.array());
        }
        return root;
    }
}
