package dev.trustlift.core.upgrade.steps;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.CloudException;
import dev.trustlift.core.cloud.GuestScript;
import dev.trustlift.core.cloud.InstanceView;
import dev.trustlift.core.guest.DriveLetterOutput;
import dev.trustlift.core.guest.GuestScripts;
import dev.trustlift.core.upgrade.EndedOperation;
import dev.trustlift.core.upgrade.StepResult;
import dev.trustlift.core.upgrade.VmUpgrade;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * post-fixes' drive-letter fix: after MBR2GPT the old System Reserved partition may take D:, and the
 * temporary disk (with the page file Azure puts there) loses it. Whether it happened is known only
 * in the guest after the conversion and the start, so drive-letter-fix.ps1 first runs with
 * {@code Mode detect} (it changes nothing: a VM whose temporary disk the owner moved elsewhere keeps
 * it there). When D: is on the OS disk, on a partition small enough to be System Reserved, the
 * script runs with {@code Mode fix}, one phase per run, and
 * the VM is restarted through ARM after each phase that needs it (page file moved to C:, letter
 * removed), until the temporary disk holds D: again.
 */
final class DriveLetterFix {
    /** A run command label prefix: detect, then fix runs and restarts numbered 1, 2, ... */
    static final String PREFIX_DETECT = "run-command:drive-letters-detect";
    static final String PREFIX_FIX = "run-command:drive-letter-fix:";
    static final String PREFIX_RESTART = "restart:drive-letter-fix:";
    /** Page file, letter, temporary disk, and one more look: more runs mean the guest undoes the fix. */
    static final int MAX_FIX_RUNS = 4;
    /** D: could not be checked or given back to the temporary disk. */
    static final String DRIVE_LETTERS = "UPG012";
    static final String FIX = "in the guest: move the page file from D: to C: (System Properties > Advanced > Performance >"
            + " Virtual memory) and reboot, remove D: from the System Reserved partition (diskmgmt.msc) and reboot, then give"
            + " the Temporary Storage volume the letter D:";

    private enum Stage { DETECT, FIX, RESTART }

    private final Cloud cloud;
    private final GuestCommand guest;

    DriveLetterFix(Cloud cloud, GuestCommand guest) {
        this.cloud = cloud;
        this.guest = guest;
    }

    /** Empty when this fix is over (its result is in {@code results}), else what to return to the runner now. */
    Optional<StepResult> advance(VmUpgrade vm, String location, ObjectNode results) {
        ObjectNode r = results.has("driveLetters") ? (ObjectNode) results.get("driveLetters") : results.putObject("driveLetters");
        Optional<Integer> osDisk = PostFixesStep.osDiskNumber(vm);
        if (osDisk.isEmpty()) {
            r.put("checked", false).put("result", "not checked: no OS disk number in guest-convert's or guest-probe's detail");
            return Optional.empty();
        }
        r.put("osDiskNumber", osDisk.get());
        String last = vm.endedOperation().map(EndedOperation::label).orElse("");
        Stage stage = Stage.DETECT;
        int n = 1;
        if (last.startsWith(PREFIX_FIX)) {
            stage = Stage.FIX;
            n = Integer.parseInt(last.substring(PREFIX_FIX.length()));
        } else if (last.startsWith(PREFIX_RESTART)) {
            stage = Stage.RESTART;
            n = Integer.parseInt(last.substring(PREFIX_RESTART.length()));
        }
        try {
            while (true) {
                if (stage == Stage.DETECT) {
                    GuestCommand.Outcome o = guest.run(vm, location, PREFIX_DETECT, script(osDisk.get(), "detect"));
                    if (!(o instanceof GuestCommand.Ran e)) {
                        return pending(vm, r, o, "the drive letters could not be checked");
                    }
                    DriveLetterOutput out = parse(e, osDisk.get());
                    if (out == null) {
                        return warn(vm, r, "the drive letters could not be checked: " + firstLine(e), e);
                    }
                    r.put("checked", true).put("systemReservedTookD", out.systemReservedHoldsD(osDisk.get()))
                            .put("tempDiskLetter", out.tempDiskLetter());
                    if (out.dBeforeDisk() != null) {
                        r.put("dDisk", out.dBeforeDisk());
                    }
                    if (!out.dOnOsDisk(osDisk.get())) {
                        r.put("result", "not needed");
                        return Optional.empty();
                    }
                    if (!out.systemReservedHoldsD(osDisk.get())) {
                        r.put("systemReservedTookD", false).put("result", "not needed: D: is a partition of "
                                + out.dBeforeBytes() / (1024 * 1024) + " MiB on the OS disk, too large for System Reserved: left alone");
                        return Optional.empty();
                    }
                    stage = Stage.FIX;
                    n = 1;
                } else if (stage == Stage.FIX) {
                    if (n > MAX_FIX_RUNS) {
                        return warn(vm, r, "D: was not back on the temporary disk after " + MAX_FIX_RUNS + " runs of the fix", null);
                    }
                    GuestCommand.Outcome o = guest.run(vm, location, PREFIX_FIX + n, script(osDisk.get(), "fix"));
                    if (!(o instanceof GuestCommand.Ran e)) {
                        return pending(vm, r, o, "the drive-letter fix could not run");
                    }
                    DriveLetterOutput out = parse(e, osDisk.get());
                    if (out == null) {
                        return warn(vm, r, "the drive-letter fix stopped: " + firstLine(e), e);
                    }
                    phases(r).add(out.phase().name());
                    r.put("tempDiskLetter", out.tempDiskLetter());
                    if (out.phase() == DriveLetterOutput.Phase.TEMP_DISK_IS_D) {
                        r.put("result", "fixed");
                        return Optional.empty();
                    }
                    if (!out.phase().rebootNeeded()) {
                        return warn(vm, r, "System Reserved gave up D: but the temporary disk did not take it (its letter: "
                                + out.tempDiskLetter() + ")", e);
                    }
                    stage = Stage.RESTART;
                } else {
                    String label = PREFIX_RESTART + n;
                    Optional<EndedOperation> restarted = vm.endedOperation().filter(op -> op.is(label));
                    if (restarted.isEmpty()) {
                        return Optional.of(new StepResult.Await(label, cloud.beginRestart(vm.ref())));
                    }
                    if (!restarted.get().succeeded()) {
                        return warn(vm, r, "the restart after phase " + n + " failed (" + restarted.get().state().errorCode() + ": "
                                + restarted.get().state().errorMessage() + "); the change takes effect at the VM's next reboot", null);
                    }
                    Optional<StepResult> waiting = agentBack(vm, restarted.get(), r);
                    if (waiting.isPresent()) {
                        return waiting;
                    }
                    r.put("restarts", n);
                    stage = Stage.FIX;
                    n++;
                }
            }
        } catch (CloudException ex) {
            if (PostFixesStep.retryLater(vm, ex)) {
                throw ex;
            }
            return warn(vm, r, "the drive-letter fix stopped on a cloud error: " + ex.getMessage(), null);
        }
    }

    private static GuestScript script(int osDisk, String mode) {
        return GuestScripts.DRIVE_LETTER_FIX.script(Map.of("DiskNumber", Integer.toString(osDisk), "Mode", mode));
    }

    private static DriveLetterOutput parse(GuestCommand.Ran e, int osDisk) {
        try {
            return DriveLetterOutput.parse(e.result(), osDisk);
        } catch (IllegalArgumentException notAnswered) {
            return null;
        }
    }

    private static String firstLine(GuestCommand.Ran e) {
        String err = e.result().stderr().strip();
        return "exit " + e.result().exitCode() + (err.isEmpty() ? "" : ", " + err.lines().findFirst().orElse(""));
    }

    private static ArrayNode phases(ObjectNode r) {
        return r.has("phases") ? (ArrayNode) r.get("phases") : r.putArray("phases");
    }

    /**
     * A run that has not ended yet goes back to the runner, and so does one ARM could not run while
     * attempts are left (a new attempt goes on from the guest's state); the last such failure is a WARNING.
     */
    private static Optional<StepResult> pending(VmUpgrade vm, ObjectNode r, GuestCommand.Outcome o, String what) {
        StepResult next = ((GuestCommand.Pending) o).next();
        if (next instanceof StepResult.Failed f && !PostFixesStep.retryLater(vm, f)) {
            return warn(vm, r, what + ": " + f.code() + " " + f.message(), null);
        }
        return Optional.of(next);
    }

    private static Optional<StepResult> warn(VmUpgrade vm, ObjectNode r, String why, GuestCommand.Ran e) {
        r.put("result", "failed").put("why", why);
        Map<String, Object> evidence = new LinkedHashMap<>();
        if (r.has("dDisk")) {
            evidence.put("dDisk", r.get("dDisk").asInt());
        }
        evidence.put("osDiskNumber", r.path("osDiskNumber").asInt());
        if (r.has("phases")) {
            evidence.put("phases", phaseList(r));
        }
        if (e != null) {
            evidence.put("exitCode", e.result().exitCode());
        }
        vm.addFinding(new Finding(DRIVE_LETTERS, Severity.WARNING, "D: after the conversion: " + why, evidence, FIX, List.of()));
        return Optional.empty();
    }

    private static List<String> phaseList(ObjectNode r) {
        List<String> out = new java.util.ArrayList<>();
        r.get("phases").forEach(p -> out.add(p.asText()));
        return out;
    }

    /**
     * After a restart the guest must come back: a guest that a fix's reboot left without a Ready
     * agent is broken, the one case post-fixes fails the VM (with its serial console log).
     */
    private Optional<StepResult> agentBack(VmUpgrade vm, EndedOperation restart, ObjectNode r) {
        InstanceView view = cloud.getInstanceView(vm.ref());
        if (view.agentReady()) {
            return Optional.empty();
        }
        Instant deadline = restart.handle().startedAt().plus(vm.timing().guestTimeout());
        if (!vm.now().isAfter(deadline)) {
            return Optional.of(new StepResult.Later(vm.timing().guestPoll(), "the VM agent is "
                    + (view.agentStatus() == null ? "not reporting" : view.agentStatus()) + " after the restart"));
        }
        SerialLog log = SerialLog.capture(cloud, vm);
        ObjectNode detail = r.deepCopy();
        detail.put("agentStatus", view.agentStatus());
        log.into(detail);
        return Optional.of(new StepResult.Failed("AgentNotReadyAfterRestart", "the VM agent did not become Ready within "
                + vm.timing().guestTimeout().toMinutes() + " min after the drive-letter fix restarted the VM; "
                + log.describe(), false, false, detail, restart.handle().requestId() == null ? List.of()
                : List.of(restart.handle().requestId())));
    }
}
