package dev.trustlift.core.upgrade.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.ManagedRunCommand;
import dev.trustlift.core.cloud.OsType;
import dev.trustlift.core.cloud.RunCommandView;
import dev.trustlift.core.cloud.ScriptResult;
import dev.trustlift.core.cloud.Vm;
import dev.trustlift.core.guest.GuestScripts;
import dev.trustlift.core.guest.Mbr2GptConvertOutput;
import dev.trustlift.core.guest.Mbr2GptExit;
import dev.trustlift.core.guest.Mbr2GptMessage;
import dev.trustlift.core.guest.Mbr2GptRun;
import dev.trustlift.core.upgrade.EndedOperation;
import dev.trustlift.core.upgrade.RetryPolicy;
import dev.trustlift.core.upgrade.Step;
import dev.trustlift.core.upgrade.StepResult;
import dev.trustlift.core.upgrade.UpgradeNames;
import dev.trustlift.core.upgrade.VmUpgrade;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The first step of the downtime window: {@code MBR2GPT /convert /disk:N /allowFullOS} on the OS
 * disk, named by the number guest-probe found (MBR2GPT left to choose has formatted the wrong
 * disk). Linux disks that are already GPT with an ESP need nothing. The run command is read
 * first, so a conversion ARM accepted just before a crash is waited for and read back, never
 * started twice. On failure setupact.log and setuperr.log are fetched ({@link ConvertLogs}) and
 * the failure says whether the disk may have changed, so the runner restores it from the restore
 * point; otherwise the VM is untouched and running.
 */
public final class GuestConvertStep implements Step {
    public static final String NAME = "guest-convert";
    static final String PROBE = "guest-probe";
    static final String LABEL = "run-command:mbr2gpt-convert";
    private static final String SCRATCH_LOGS = "convert-logs";
    /** Past the script's own timeout ARM ends the run; beyond this something else is wrong. */
    private static final Duration MARGIN = Duration.ofMinutes(5);
    /** How far ARM's clock (a run's startTime) may be behind ours. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private final Cloud cloud;

    public GuestConvertStep(Cloud cloud) {
        this.cloud = cloud;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StepResult run(VmUpgrade vm) {
        Optional<ObjectNode> probe = vm.detailOf(PROBE);
        if (probe.map(p -> "not needed".equalsIgnoreCase(p.path("conversion").asText())).orElse(false)) {
            ObjectNode detail = JsonNodeFactory.instance.objectNode();
            detail.put("conversion", "not needed");
            return StepResult.done(detail);
        }
        Vm model = cloud.getVm(vm.ref());
        if (model.osType() != OsType.WINDOWS) {
            return StepResult.failed("ConversionNotSupported", "guest-probe did not find the disk GPT with an ESP, and this"
                    + " version converts only Windows disks in the guest");
        }
        if (vm.scratch().get(SCRATCH_LOGS) instanceof ConvertLogs logs) {
            return logs.next(cloud, vm, model.location());
        }
        Integer disk = diskNumber(probe.orElse(null));
        if (disk == null) {
            return StepResult.failed("DiskNumberUnknown", "guest-probe recorded no OS disk number (detail key diskNumber:"
                    + " " + probe.map(p -> p.path("diskNumber").toString()).orElse("no guest-probe detail")
                    + "); MBR2GPT is never run without one");
        }
        ManagedRunCommand convert = ManagedRunCommand.of(UpgradeNames.RUN_COMMAND,
                GuestScripts.MBR2GPT_CONVERT.script(Map.of("DiskNumber", Integer.toString(disk))));
        Optional<EndedOperation> ours = vm.endedOperation().filter(op -> op.is(LABEL));
        Optional<RunCommandView> found = cloud.findRunCommand(vm.ref(), UpgradeNames.RUN_COMMAND);
        boolean sent = ours.map(EndedOperation::succeeded).orElse(false);
        if (found.isPresent() && ConvertLogs.isFetchRun(found.get(), vm.attemptStarted())) {
            if (!found.get().finished()) {
                return new StepResult.Later(vm.timing().guestPoll(), "a log fetch of this attempt still runs in the guest");
            }
            return fetchLogs(vm, model, lostResult(disk));
        }
        if (found.isPresent() && (sent || startedSince(found.get(), convert, vm.attemptStarted()))) {
            RunCommandView view = found.get();
            if (!view.finished()) {
                if (Duration.between(vm.attemptStarted(), vm.now()).compareTo(GuestScripts.MBR2GPT_CONVERT.script().timeout()
                        .plus(MARGIN)) > 0) {
                    return new StepResult.Failed("ConvertTimedOut", "MBR2GPT /convert is still " + view.executionState()
                            + " past its timeout; the disk may have changed", false, true, null, List.of());
                }
                return new StepResult.Later(vm.timing().guestPoll(), "MBR2GPT /convert runs in the guest");
            }
            return judge(vm, model, disk, Mbr2GptConvertOutput.parse(result(view)));
        }
        if (ours.isPresent()) {
            EndedOperation op = ours.get();
            return new StepResult.Failed(op.state().errorCode() == null ? "RunCommandFailed" : op.state().errorCode(),
                    "the run command for MBR2GPT /convert ended " + op.state().status() + " and the guest shows no run: "
                    + op.state().errorMessage(), false, false, null,
                    op.state().requestId() == null ? List.of() : List.of(op.state().requestId()));
        }
        return new StepResult.Await(LABEL, cloud.beginRunCommand(vm.ref(), model.location(), convert));
    }

    private StepResult judge(VmUpgrade vm, Vm model, int disk, Mbr2GptRun run) {
        ObjectNode detail = JsonNodeFactory.instance.objectNode();
        detail.put("diskNumber", disk);
        if (run.exitCode() != null) {
            detail.put("exitCode", run.exitCode());
        }
        ArrayNode messages = detail.putArray("messages");
        run.messages().forEach(m -> messages.add(m.text()));
        if (run.succeeded()) {
            if (run.said(Mbr2GptMessage.REAGENT_XML_NOT_UPDATED)) {
                // post-fixes resyncs WinRE (reagentc /disable, /enable) when this is set.
                detail.put("reagentWarning", true);
            }
            return StepResult.done(detail);
        }
        detail.put("summary", run.summary());
        if (!run.ran()) {
            return new StepResult.Failed("Mbr2GptNotRun", run.summary(), false, false, detail, List.of());
        }
        boolean changed = run.exit().map(Mbr2GptExit::diskMayHaveChanged).orElse(true);
        detail.put("diskChanged", changed);
        return fetchLogs(vm, model, new StepResult.Failed("Mbr2GptConvertFailed", run.summary(), false, changed, detail,
                List.of()));
    }

    private StepResult fetchLogs(VmUpgrade vm, Vm model, StepResult.Failed failure) {
        ConvertLogs logs = new ConvertLogs(failure);
        vm.scratch().put(SCRATCH_LOGS, logs);
        return logs.next(cloud, vm, model.location());
    }

    /** The process died while fetching the logs: the conversion failed, but its output is gone. */
    private static StepResult.Failed lostResult(int disk) {
        ObjectNode detail = JsonNodeFactory.instance.objectNode();
        detail.put("diskNumber", disk);
        detail.put("diskChanged", true);
        return new StepResult.Failed("Mbr2GptConvertFailed", "MBR2GPT /convert failed; its output was replaced by the log"
                + " fetch before trustlift restarted, so the disk is treated as changed", false, true, detail, List.of());
    }

    /**
     * Whether the run command's current run is this attempt's conversion (ARM accepted the PUT but
     * the process died before the journal held it): the same script text, started since the attempt
     * began (give or take {@link #CLOCK_SKEW} between this machine and ARM) or not started yet. A
     * conversion of an earlier campaign is hours older.
     */
    static boolean startedSince(RunCommandView view, ManagedRunCommand command, Instant since) {
        return view.ranScript(command.script())
                && (view.startTime() == null || !view.startTime().isBefore(since.minus(CLOCK_SKEW)));
    }

    static Integer diskNumber(JsonNode probe) {
        JsonNode n = probe == null ? null : probe.get("diskNumber");
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.canConvertToInt() && n.isIntegralNumber() && n.intValue() >= 0) {
            return n.intValue();
        }
        if (n.isTextual() && n.asText().strip().matches("\\d{1,3}")) {
            return Integer.parseInt(n.asText().strip());
        }
        return null;
    }

    /** A run command's instance view as the guest parsers read it. */
    static ScriptResult result(RunCommandView view) {
        return new ScriptResult(view.exitCode() == null ? ScriptResult.UNKNOWN_EXIT : view.exitCode(),
                view.output() == null ? "" : view.output(), view.error() == null ? "" : view.error());
    }

    @Override
    public RetryPolicy retry() {
        return RetryPolicy.ONCE;
    }
}
