package dev.trustlift.core.upgrade.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.CloudException;
import dev.trustlift.core.cloud.OsType;
import dev.trustlift.core.cloud.Vm;
import dev.trustlift.core.guest.GuestScripts;
import dev.trustlift.core.guest.WinReOutput;
import dev.trustlift.core.upgrade.EndedOperation;
import dev.trustlift.core.upgrade.RetryPolicy;
import dev.trustlift.core.upgrade.Step;
import dev.trustlift.core.upgrade.StepResult;
import dev.trustlift.core.upgrade.VmUpgrade;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The known issues of a Windows conversion, fixed after the VM runs as Trusted Launch: WinRE
 * resynced when MBR2GPT warned about ReAgent.xml, and D: given back to the temporary disk when the
 * old System Reserved partition took it ({@link DriveLetterFix}). The VM is upgraded and running
 * by now, so a fix that fails is a WARNING finding, not a failed VM; only a guest that a fix's
 * reboot left without a Ready agent fails it. Linux needs none of this.
 *
 * <p>The sub-fixes run one after another within one attempt, each operation labelled
 * ({@code run-command:winre-resync}, {@code run-command:drive-letters-detect},
 * {@code run-command:drive-letter-fix:N}, {@code restart:drive-letter-fix:N}); the label of the
 * operation that ended last says where the step stands, also after a crash. Every script is safe to
 * run again, so a new attempt starts over and each script acts on the guest as it finds it.
 */
public final class PostFixesStep implements Step {
    public static final String NAME = "post-fixes";
    /** WinRE is not in sync with the boot configuration after the resync (or it could not run). */
    public static final String WINRE_NOT_IN_SYNC = "UPG011";
    static final String WINRE_LABEL = "run-command:winre-resync";
    static final String FIXES = "post-fixes.results";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Cloud cloud;
    private final GuestCommand guest;
    private final DriveLetterFix driveLetters;

    public PostFixesStep(Cloud cloud) {
        this.cloud = cloud;
        this.guest = new GuestCommand(cloud);
        this.driveLetters = new DriveLetterFix(cloud, guest);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** {@link #retryLater} counts on this policy's attempts. */
    @Override
    public RetryPolicy retry() {
        return RetryPolicy.TRANSIENT;
    }

    @Override
    public StepResult run(VmUpgrade vm) {
        Vm model = cloud.getVm(vm.ref());
        if (model.osType() != OsType.WINDOWS) {
            return StepResult.done(JSON.createObjectNode().put("os", "Linux").put("fixes", "none needed"));
        }
        ObjectNode results = results(vm);
        String last = vm.endedOperation().map(EndedOperation::label).orElse("");
        boolean winReDone = last.startsWith(DriveLetterFix.PREFIX_DETECT) || last.startsWith(DriveLetterFix.PREFIX_FIX)
                || last.startsWith(DriveLetterFix.PREFIX_RESTART);
        if (!winReDone && reagentWarning(vm)) {
            Optional<StepResult> pending = winRe(vm, model.location(), results);
            if (pending.isPresent()) {
                return pending.get();
            }
        } else if (!results.has("winre")) {
            results.putObject("winre").put("needed", reagentWarning(vm)).put("result", reagentWarning(vm)
                    ? "done earlier in this attempt (before a restart of trustlift)" : "not needed");
        }
        Optional<StepResult> pending = driveLetters.advance(vm, model.location(), results);
        return pending.orElseGet(() -> StepResult.done(results.deepCopy()));
    }

    /** Empty when the resync is over (its result recorded), else what to return to the runner now. */
    private Optional<StepResult> winRe(VmUpgrade vm, String location, ObjectNode results) {
        GuestCommand.Outcome outcome;
        try {
            outcome = guest.run(vm, location, WINRE_LABEL, GuestScripts.WINRE_RESYNC.script());
        } catch (CloudException e) {
            if (retryLater(vm, e)) {
                throw e;
            }
            winReWarning(vm, results, "the WinRE resync could not be started: " + e.getMessage(), Map.of());
            return Optional.empty();
        }
        if (outcome instanceof GuestCommand.Pending p) {
            if (p.next() instanceof StepResult.Failed f && !retryLater(vm, f)) {
                winReWarning(vm, results, "winre-resync could not run in the guest: " + f.code() + " " + f.message(), Map.of());
                return Optional.empty();
            }
            return Optional.of(p.next());
        }
        GuestCommand.Ran ended = (GuestCommand.Ran) outcome;
        WinReOutput w;
        try {
            w = WinReOutput.parse(ended.result());
        } catch (IllegalArgumentException e) {
            winReWarning(vm, results, e.getMessage(), Map.of("exitCode", ended.result().exitCode()));
            return Optional.empty();
        }
        ObjectNode r = results.putObject("winre");
        r.put("needed", true).put("resynced", w.resynced()).put("inSync", w.inSync()).put("enabled", w.enabled())
                .put("bcdId", w.bcdId()).put("reAgentXmlId", w.reAgentXmlId());
        if (!w.inSync()) {
            r.put("result", "not in sync");
            vm.addFinding(new Finding(WINRE_NOT_IN_SYNC, Severity.WARNING, "WinRE is not in sync after reagentc /disable and "
                    + "/enable (enabled: " + w.enabled() + ", reagentc BCD id " + w.bcdId() + ", ReAgent.xml id "
                    + w.reAgentXmlId() + ")", Map.of("enabled", w.enabled(), "bcdId", String.valueOf(w.bcdId()),
                    "reAgentXmlId", String.valueOf(w.reAgentXmlId())), WINRE_FIX, List.of()));
        } else {
            r.put("result", w.resynced() ? "resynced" : "already in sync");
        }
        return Optional.empty();
    }

    static final String WINRE_FIX = "in the guest as administrator: reagentc /disable, then reagentc /enable, then reagentc /info;"
            + " its BCD identifier must equal WinreBCD id in %windir%\\System32\\Recovery\\ReAgent.xml";

    private static void winReWarning(VmUpgrade vm, ObjectNode results, String why, Map<String, Object> evidence) {
        results.putObject("winre").put("needed", true).put("result", "failed").put("why", why);
        vm.addFinding(new Finding(WINRE_NOT_IN_SYNC, Severity.WARNING, "WinRE was not resynced after MBR2GPT's ReAgent.xml "
                + "warning: " + why, evidence, WINRE_FIX, List.of()));
    }

    /** MBR2GPT warned "Failed to update ReAgent.xml" (guest-convert's detail). */
    private static boolean reagentWarning(VmUpgrade vm) {
        return vm.detailOf("guest-convert").map(d -> d.path("reagentWarning").asBoolean(false)).orElse(false);
    }

    /**
     * A cloud error the runner should retry (it throws it on): a lost connection, 409, 429 or 5xx
     * while attempts are left. Otherwise the fix is given up with a WARNING, never the VM.
     */
    static boolean retryLater(VmUpgrade vm, CloudException e) {
        int s = e.httpStatus();
        boolean transientError = s == 0 || s == 409 || s == 429 || s >= 500;
        return transientError && vm.attemptNumber() < RetryPolicy.TRANSIENT.maxAttempts();
    }

    /** The same for a run command ARM could not run (GuestCommand's retryable failure). */
    static boolean retryLater(VmUpgrade vm, StepResult.Failed f) {
        return f.retryable() && vm.attemptNumber() < RetryPolicy.TRANSIENT.maxAttempts();
    }

    /** The results so far in this process: the step's detail when it is done. */
    private static ObjectNode results(VmUpgrade vm) {
        Object r = vm.scratch().get(FIXES);
        if (r instanceof ObjectNode o) {
            return o;
        }
        ObjectNode fresh = JSON.createObjectNode().put("os", "Windows");
        vm.scratch().put(FIXES, fresh);
        return fresh;
    }

    /** The OS disk's number in the guest, as guest-convert (or else guest-probe) journaled it. */
    static Optional<Integer> osDiskNumber(VmUpgrade vm) {
        for (String step : List.of("guest-convert", "guest-probe")) {
            JsonNode n = vm.detailOf(step).map(d -> d.get("diskNumber")).orElse(null);
            if (n != null && n.canConvertToInt()) {
                return Optional.of(n.asInt());
            }
        }
        return Optional.empty();
    }
}
