package dev.trustlift.sandbox.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.sandbox.guest.BootJudge;
import dev.trustlift.sandbox.guest.GuestContext;
import dev.trustlift.sandbox.guest.GuestSimulator;
import dev.trustlift.sandbox.guest.ScriptResult;
import dev.trustlift.sandbox.http.ArmException;
import dev.trustlift.sandbox.http.ArmRequest;
import dev.trustlift.sandbox.http.ArmResponse;
import dev.trustlift.sandbox.http.Json;
import dev.trustlift.sandbox.lro.Operation;
import dev.trustlift.sandbox.state.PowerState;
import dev.trustlift.sandbox.state.VmRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The VM actions trustlift posts: deallocate, start and restart (which boot the simulated guest with the
 * firmware its state implies) and runCommand (answered by the simulated guest). Each is a
 * long-running operation: 202 with Azure-AsyncOperation and Location.
 */
final class VmActions {
    private final SandboxContext ctx;

    VmActions(SandboxContext ctx) {
        this.ctx = ctx;
    }

    ArmResponse deallocate(ArmRequest req) {
        VmRecord vm = ctx.state().vm(req.param("s"), req.param("rg"), req.param("vm"));
        Refusals.requireUnlocked(ctx.state().locks(), vm.id(), false);
        Fault fault = ctx.fault(vm.faults(), "deallocate");
        Operation op;
        synchronized (vm) {
            Refusals.requireIdle(vm, "deallocate");
            boolean already = vm.power() == PowerState.DEALLOCATED;
            if (!already) {
                vm.setPower(PowerState.DEALLOCATING);
                vm.setPendingOperation("deallocate");
            }
            op = ctx.operations().start(vm.subscription(), vm.location(), "deallocate", already ? "none" : "deallocate",
                    vm.id(), false, () -> {
                        synchronized (vm) {
                            vm.setPendingOperation(null);
                            if (fault.failsBeforeChange()) {
                                vm.setPower(PowerState.RUNNING);
                                throw fault.error();
                            }
                            vm.setPower(PowerState.DEALLOCATED);
                        }
                        if (fault.failsAfterChange()) {
                            throw fault.error();
                        }
                        return null;
                    });
        }
        return fault.answer(ctx.accepted(req, op, 202, null, true));
    }

    ArmResponse start(ArmRequest req) {
        VmRecord vm = ctx.state().vm(req.param("s"), req.param("rg"), req.param("vm"));
        Refusals.requireUnlocked(ctx.state().locks(), vm.id(), false);
        Fault fault = ctx.fault(vm.faults(), "start");
        Operation op;
        synchronized (vm) {
            Refusals.requireIdle(vm, "start");
            boolean already = vm.power() == PowerState.RUNNING;
            PowerState before = vm.power();
            if (!already) {
                vm.setPower(PowerState.STARTING);
                vm.setPendingOperation("start");
            }
            op = ctx.operations().start(vm.subscription(), vm.location(), "start", already ? "none" : "start", vm.id(),
                    false, () -> {
                        synchronized (vm) {
                            vm.setPendingOperation(null);
                            if (fault.failsBeforeChange()) {
                                vm.setPower(before);
                                throw fault.error();
                            }
                            if (vm.power() != PowerState.RUNNING) {
                                vm.setPower(PowerState.RUNNING);
                                boot(vm);
                            }
                        }
                        if (fault.failsAfterChange()) {
                            throw fault.error();
                        }
                        return null;
                    });
        }
        return fault.answer(ctx.accepted(req, op, 202, null, true));
    }

    /** The guest boots with the firmware the VM's state implies; a boot that reaches Windows applies pending letters. */
    private static void boot(VmRecord vm) {
        vm.setLastBoot(BootJudge.judge(vm.uefi(), vm.windows(), vm.osDisk().layout(), vm.faults().fireGuest("boot")));
        if (vm.lastBoot().booted()) {
            vm.guest().booted();
        }
    }

    /**
     * POST {vm}/restart: a running VM reboots (PowerState/starting while the operation runs, a
     * guess: Azure's instance view during a restart is not documented) and boots again, as after
     * start. Not running: 409 OperationNotAllowed (sandbox wording).
     */
    ArmResponse restart(ArmRequest req) {
        VmRecord vm = ctx.state().vm(req.param("s"), req.param("rg"), req.param("vm"));
        Refusals.requireUnlocked(ctx.state().locks(), vm.id(), false);
        Fault fault = ctx.fault(vm.faults(), "restart");
        Operation op;
        synchronized (vm) {
            Refusals.requireIdle(vm, "restart");
            if (vm.power() != PowerState.RUNNING) {
                throw new ArmException(409, "OperationNotAllowed", "The operation requires the VM to be running (or set to run).");
            }
            vm.setPower(PowerState.STARTING);
            vm.setPendingOperation("restart");
            op = ctx.operations().start(vm.subscription(), vm.location(), "restart", "restart", vm.id(), false, () -> {
                synchronized (vm) {
                    vm.setPendingOperation(null);
                    vm.setPower(PowerState.RUNNING);
                    if (fault.failsBeforeChange()) {
                        throw fault.error();
                    }
                    boot(vm);
                }
                if (fault.failsAfterChange()) {
                    throw fault.error();
                }
                return null;
            });
        }
        return fault.answer(ctx.accepted(req, op, 202, null, true));
    }

    ArmResponse runCommand(ArmRequest req) {
        VmRecord vm = ctx.state().vm(req.param("s"), req.param("rg"), req.param("vm"));
        ObjectNode body = req.objectBody();
        String commandId = body.path("commandId").asText(null);
        if (commandId == null) {
            throw new ArmException(400, "InvalidParameter", "Required parameter 'commandId' is missing (null).");
        }
        List<String> script = new ArrayList<>();
        body.path("script").forEach(line -> script.add(line.asText()));
        Refusals.requireUnlocked(ctx.state().locks(), vm.id(), false);
        Fault fault = ctx.fault(vm.faults(), "run-command");
        Operation op;
        synchronized (vm) {
            Refusals.requireGuestReachable(vm);
            if ("run-command".equals(vm.pendingOperation())) {
                throw new ArmException(409, "Conflict", "Run command extension execution is in progress. Please wait "
                        + "for completion before invoking a run command.");
            }
            Refusals.requireIdle(vm, "runCommand");
            vm.setPendingOperation("run-command");
            // The script runs as long as it says, but Azure stops an action run command after 90 minutes.
            double runtime = ScriptRun.seconds(script);
            boolean overrun = runtime > ScriptRun.MAX_SECONDS;
            long duration = ctx.operations().latency().nanos("run-command")
                    + ctx.operations().latency().nanosFor(Math.min(runtime, ScriptRun.MAX_SECONDS));
            op = ctx.operations().startFor(vm.subscription(), vm.location(), "run-command", duration, vm.id(), false,
                    () -> {
                        synchronized (vm) {
                            vm.setPendingOperation(null);
                            if (fault.failsBeforeChange()) {
                                throw fault.error();
                            }
                            if (overrun) {
                                throw timedOut(vm);
                            }
                            JsonNode result = result(vm, commandId, script);
                            if (fault.failsAfterChange()) {
                                throw fault.error();
                            }
                            return result;
                        }
                    });
        }
        return fault.answer(ctx.accepted(req, op, 202, null, true));
    }

    /** Runs a script on the VM's simulated guest (caller holds the VM's lock); a conversion changes the OS disk. */
    static ScriptResult runOnGuest(VmRecord vm, String commandId, List<String> script) {
        return runOnGuest(vm, commandId, script, java.util.Map.of());
    }

    /** Runs a script with run command parameters (public and protected alike: the guest sees both). */
    static ScriptResult runOnGuest(VmRecord vm, String commandId, List<String> script, java.util.Map<String, String> parameters) {
        GuestContext gc = new GuestContext(vm.windows(), vm.spec().osName(), vm.spec().osVersion(), vm.uefi(),
                vm.secureBoot(), vm.vTpm(), vm.osDisk().layout(), vm.guest(), vm.faults()::fireGuest);
        ScriptResult r = GuestSimulator.run(commandId, script, gc, parameters);
        if (r.newLayout() != null) {
            vm.osDisk().setLayout(r.newLayout());
        }
        return r;
    }

    /**
     * Sandbox wording in the shape of Azure's extension timeout (the RunCommand extension runs the
     * script): what Azure answers after 90 minutes is not public.
     */
    private static ArmException timedOut(VmRecord vm) {
        String ext = vm.windows() ? "RunCommandWindows" : "RunCommandLinux";
        return new ArmException(409, "VMExtensionProvisioningTimeout", "Provisioning of VM extension " + ext + " has "
                + "timed out. The script ran longer than the 90 minutes an action run command may take and was stopped.");
    }

    /**
     * Runs the script on the simulated guest and shapes the answer as Azure does for the guest's
     * OS, each stream cut to its last 4,096 bytes as Azure keeps it.
     */
    private static JsonNode result(VmRecord vm, String commandId, List<String> script) {
        ScriptResult r = runOnGuest(vm, commandId, script);
        String stdout = ScriptRun.lastBytes(r.stdoutText());
        String stderr = ScriptRun.lastBytes(r.stderrText());
        ObjectNode root = Json.object();
        ArrayNode value = root.putArray("value");
        if (vm.windows()) {
            value.addObject().put("code", "ComponentStatus/StdOut/succeeded").put("level", "Info")
                    .put("displayStatus", "Provisioning succeeded").put("message", stdout);
            value.addObject().put("code", "ComponentStatus/StdErr/succeeded").put("level", "Info")
                    .put("displayStatus", "Provisioning succeeded").put("message", stderr);
        } else {
            value.addObject().put("code", "ProvisioningState/succeeded").put("level", "Info")
                    .put("displayStatus", "Provisioning succeeded")
                    .put("message", "Enable succeeded: \n[stdout]\n" + stdout + "\n[stderr]\n" + stderr);
        }
        return root;
    }
}
