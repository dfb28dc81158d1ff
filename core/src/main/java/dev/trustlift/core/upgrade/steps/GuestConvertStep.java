package dev.trustlift.core.upgrade.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.GuestScript;
import dev.trustlift.core.cloud.ManagedRunCommand;
import dev.trustlift.core.cloud.OsType;
import dev.trustlift.core.cloud.RunCommandView;
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
 * started twice ({@link GuestCommand}). On failure setupact.log and setuperr.log are fetched
 * ({@link SetupLogs}) and
 * the failure says whether the disk may have changed, so the runner restores it from the restore
 * point; otherwise the VM is untouched and running.
 */
public final class GuestConvertStep implements Step {
    public static final String NAME = "guest-convert";
    static final String PROBE = "guest-probe";
    static final String LABEL = "run-command:mbr2gpt-convert";
    /** The prefix of the log fetches' labels (SetupLogs adds ":file@offset"). */
    static final String LABEL_LOGS = "run-command:fetch-log";
    private static final String FAILURE = "convert-failure";
    /** Past the script's own timeout ARM ends the run; a run still shown running beyond this is stuck. */
    private static final Duration MARGIN = Duration.ofMinutes(5);

    private final Cloud cloud;
    private final GuestCommand command;
    private final SetupLogs logs;

    public GuestConvertStep(Cloud cloud) {
        this.cloud = cloud;
        this.command = new GuestCommand(cloud);
        this.logs = new SetupLogs(cloud);
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
        Integer disk = diskNumber(probe.orElse(null));
        if (disk == null) {
            return StepResult.failed("DiskNumberUnknown", "guest-probe recorded no OS disk number (detail key diskNumber:"
                    + " " + probe.map(p -> p.path("diskNumber").toString()).orElse("no guest-probe detail")
                    + "); MBR2GPT is never run without one");
        }
        String last = vm.endedOperation().map(EndedOperation::label).orElse("");
        if (vm.scratch().containsKey(FAILURE) || last.startsWith(LABEL_LOGS + ":")) {
            return fetchLogs(vm, model, disk);
        }
        // Logs are fetched only after a failed conversion: a fetch of this attempt on the run command
        // (the process died while fetching) means the conversion failed and its own output is gone.
        Optional<RunCommandView> found = cloud.findRunCommand(vm.ref(), UpgradeNames.RUN_COMMAND);
        if (found.isPresent() && isFetchOfThisAttempt(found.get(), vm.attemptStarted())) {
            return fetchLogs(vm, model, disk);
        }
        GuestScript convert = GuestScripts.MBR2GPT_CONVERT.script(Map.of("DiskNumber", Integer.toString(disk)));
        if (found.isPresent() && stuck(found.get(), convert, vm)) {
            // Never a second /convert on a disk the first may be writing: restore it instead.
            return new StepResult.Failed("ConvertTimedOut", "MBR2GPT /convert is still " + found.get().executionState()
                    + " past its timeout; the disk may have changed", false, true, null, List.of());
        }
        GuestCommand.Outcome outcome;
        try {
            outcome = command.run(vm, model.location(), LABEL, convert);
        } catch (dev.trustlift.core.cloud.CloudException e) {
            // No answer, or a 5xx: ARM may have accepted the PUT and MBR2GPT may be writing the disk.
            // /convert is never sent twice, so the disk is treated as changed and restored.
            boolean mayHaveRun = e.httpStatus() == 0 || e.httpStatus() >= 500;
            return new StepResult.Failed(e.code(), "sending MBR2GPT /convert failed: " + e.getMessage()
                    + (mayHaveRun ? "; ARM may have started it, so the disk is restored from the restore point" : ""),
                    false, mayHaveRun, null, e.requestId() == null ? List.of() : List.of(e.requestId()));
        }
        if (outcome instanceof GuestCommand.Pending pending) {
            return pending.next();
        }
        return judge(vm, model, disk, Mbr2GptConvertOutput.parse(((GuestCommand.Ran) outcome).result()));
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
        vm.scratch().put(FAILURE, new StepResult.Failed("Mbr2GptConvertFailed", run.summary(), false, changed, detail,
                List.of()));
        return fetchLogs(vm, model, disk);
    }

    /**
     * Fetches setupact.log and setuperr.log, then returns the conversion's failure naming them. A log
     * that cannot be fetched never hides the failure: it is returned with {@code logError}.
     */
    private StepResult fetchLogs(VmUpgrade vm, Vm model, int disk) {
        StepResult.Failed failure = vm.scratch().get(FAILURE) instanceof StepResult.Failed f ? f : lostResult(disk);
        vm.scratch().put(FAILURE, failure);
        SetupLogs.Progress progress;
        try {
            progress = logs.next(vm, model.location(), LABEL_LOGS);
        } catch (RuntimeException e) {
            return withLogs(failure, List.of(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        if (progress instanceof SetupLogs.Next next) {
            if (next.step() instanceof StepResult.Failed f) {
                return withLogs(failure, List.of(), f.code() + ": " + f.message());
            }
            return next.step();
        }
        return withLogs(failure, ((SetupLogs.Fetched) progress).saved(), null);
    }

    private static StepResult.Failed withLogs(StepResult.Failed failure, List<String> saved, String logError) {
        ObjectNode detail = failure.detail().deepCopy();
        ArrayNode names = detail.putArray("logs");
        saved.forEach(names::add);
        if (logError != null) {
            detail.put("logError", logError);
        }
        String message = failure.message() + (saved.isEmpty() ? "" : "; logs: " + String.join(", ", saved));
        return new StepResult.Failed(failure.code(), message, failure.retryable(), failure.diskChanged(), detail,
                failure.requestIds());
    }

    /** The process died while fetching the logs: the conversion failed, but its output is gone. */
    private static StepResult.Failed lostResult(int disk) {
        ObjectNode detail = JsonNodeFactory.instance.objectNode();
        detail.put("diskNumber", disk);
        detail.put("diskChanged", true);
        return new StepResult.Failed("Mbr2GptConvertFailed", "MBR2GPT /convert failed; its output was replaced by the log"
                + " fetch before trustlift restarted, so the disk is treated as changed", false, true, detail, List.of());
    }

    /** This attempt's conversion still runs past its timeout (and a margin): ARM's view is stuck, or the guest is. */
    private static boolean stuck(RunCommandView view, GuestScript convert, VmUpgrade vm) {
        return view.ran(ManagedRunCommand.of(UpgradeNames.RUN_COMMAND, convert)) && !view.finished()
                && view.startTime() != null && !view.startTime().isBefore(vm.attemptStarted())
                && Duration.between(vm.attemptStarted(), vm.now()).compareTo(convert.timeout().plus(MARGIN)) > 0;
    }

    /** A fetch-log run on the managed run command, started since this attempt began (or not started yet). */
    static boolean isFetchOfThisAttempt(RunCommandView view, Instant since) {
        return view.ranScript(GuestScripts.FETCH_LOG.lines())
                && (view.startTime() == null || !view.startTime().isBefore(since));
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

    @Override
    public RetryPolicy retry() {
        return RetryPolicy.ONCE;
    }
}
