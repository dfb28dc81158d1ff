package dev.trustlift.core.upgrade.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.InstanceView;
import dev.trustlift.core.cloud.OsType;
import dev.trustlift.core.cloud.PowerState;
import dev.trustlift.core.cloud.ScriptResult;
import dev.trustlift.core.cloud.Vm;
import dev.trustlift.core.guest.GuestScripts;
import dev.trustlift.core.guest.GuestVerification;
import dev.trustlift.core.guest.VerifyGuestOutput;
import dev.trustlift.core.upgrade.Step;
import dev.trustlift.core.upgrade.StepResult;
import dev.trustlift.core.upgrade.VmUpgrade;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * After start: the VM agent becomes Ready, then verify-guest.ps1 / verify-guest.sh reports what
 * the guest booted with. Firmware UEFI, Secure Boot as asked and a TPM 2.0 are the upgrade itself
 * (else FAILED); the 2023 Secure Boot certificates are advice (a WARNING with Microsoft's fix). A
 * guest whose agent never becomes Ready did not boot: FAILED with its serial console log saved.
 */
public final class VerifyGuestStep implements Step {
    public static final String NAME = "verify-guest";
    static final String LABEL = "run-command:verify-guest";
    /** The 2011 Secure Boot certificates only: they expire from June 2026 (KB5085395). */
    public static final String CERTIFICATES_2011 = "UPG010";
    private static final Set<PowerState> DOWN = Set.of(PowerState.STOPPING, PowerState.STOPPED,
            PowerState.DEALLOCATING, PowerState.DEALLOCATED);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Cloud cloud;
    private final GuestCommand guest;

    public VerifyGuestStep(Cloud cloud) {
        this.cloud = cloud;
        this.guest = new GuestCommand(cloud);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StepResult run(VmUpgrade vm) {
        boolean scriptEnded = vm.endedOperation().filter(e -> e.is(LABEL)).isPresent();
        if (!scriptEnded) {
            InstanceView view = cloud.getInstanceView(vm.ref());
            if (DOWN.contains(view.powerState())) {
                // Someone stopped it after start: its agent cannot become Ready, and this is no boot failure.
                return StepResult.failed("VmNotRunning", "the VM is " + view.powerState().name().toLowerCase(java.util.Locale.ROOT)
                        + " after start, so its guest cannot be verified");
            }
            if (!view.agentReady()) {
                Instant deadline = vm.attemptStarted().plus(vm.timing().guestTimeout());
                if (vm.now().isAfter(deadline)) {
                    return agentNeverReady(vm, view);
                }
                return new StepResult.Later(vm.timing().guestPoll(), "the VM agent is "
                        + (view.agentStatus() == null ? "not reporting" : view.agentStatus()));
            }
        }
        Vm model = cloud.getVm(vm.ref());
        GuestScripts script = model.osType() == OsType.LINUX ? GuestScripts.VERIFY_LINUX : GuestScripts.VERIFY_WINDOWS;
        GuestCommand.Outcome outcome = guest.run(vm, model.location(), LABEL, script.script());
        if (outcome instanceof GuestCommand.Pending p) {
            return p.next();
        }
        String requestId = vm.endedOperation().map(e -> e.handle().requestId()).orElse(null);
        return judge(vm, model.osType(), ((GuestCommand.Ran) outcome).result(), requestId);
    }

    private StepResult judge(VmUpgrade vm, OsType os, ScriptResult result, String requestId) {
        List<String> ids = requestId == null ? List.of() : List.of(requestId);
        GuestVerification v;
        try {
            v = os == OsType.LINUX ? VerifyGuestOutput.parseLinux(result.stdout()) : VerifyGuestOutput.parseWindows(result.stdout());
        } catch (IllegalArgumentException e) {
            return new StepResult.Failed("VerifyGuestUnanswered", e.getMessage() + " (exit " + result.exitCode() + ", stderr: "
                    + result.stderr().lines().findFirst().orElse("") + ")", true, false, null, ids);
        }
        boolean wanted = secureBootWanted(vm);
        ObjectNode detail = detail(v, wanted);
        List<String> problems = v.upgradeProblems(wanted);
        if (!problems.isEmpty()) {
            return new StepResult.Failed("GuestNotTrustedLaunch", "the guest does not run as Trusted Launch asked: "
                    + String.join("; ", problems), false, false, detail, ids);
        }
        List<String> certificates = v.certificateProblems();
        if (!certificates.isEmpty()) {
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("db2023", String.valueOf(v.db2023()));
            evidence.put("bootManagerSigned2023", String.valueOf(v.bootManagerSigned2023()));
            evidence.put("problems", certificates);
            vm.addFinding(new Finding(CERTIFICATES_2011, Severity.WARNING, "the guest lacks the 2023 Secure Boot certificates: "
                    + String.join("; ", certificates), evidence, GuestVerification.CERTIFICATE_FIX, List.of()));
        }
        return new StepResult.Done(detail, ids);
    }

    /** As assess decided (TL083 may turn it off), else as the VM list or --secure-boot asked, else on. */
    static boolean secureBootWanted(VmUpgrade vm) {
        JsonNode decided = vm.detailOf("assess").map(d -> d.get("secureBoot")).orElse(null);
        if (decided != null && decided.isBoolean()) {
            return decided.asBoolean();
        }
        return vm.options().secureBoot() == null || vm.options().secureBoot();
    }

    private static ObjectNode detail(GuestVerification v, boolean wanted) {
        ObjectNode d = JSON.createObjectNode();
        d.put("firmware", v.firmware());
        putBoolean(d, "secureBoot", v.secureBoot());
        d.put("secureBootWanted", wanted);
        putBoolean(d, "tpmPresent", v.tpmPresent());
        if (v.tpmMajorVersion() == null) {
            d.putNull("tpmVersion");
        } else {
            d.put("tpmVersion", v.tpmMajorVersion());
        }
        ObjectNode certs = d.putObject("certificates");
        putBoolean(certs, "db2023", v.db2023());
        putBoolean(certs, "bootManagerSigned2023", v.bootManagerSigned2023());
        List<String> problems = v.certificateProblems();
        certs.put("status", problems.isEmpty() ? "2023" : v.db2023() == null ? "unknown" : "2011-only");
        return d;
    }

    private static void putBoolean(ObjectNode n, String key, Boolean value) {
        if (value == null) {
            n.putNull(key);
        } else {
            n.put(key, value);
        }
    }

    private StepResult agentNeverReady(VmUpgrade vm, InstanceView view) {
        SerialLog log = SerialLog.capture(cloud, vm);
        Duration waited = Duration.between(vm.attemptStarted(), vm.now());
        ObjectNode detail = JSON.createObjectNode();
        detail.put("agentStatus", view.agentStatus());
        detail.put("waitedSeconds", waited.toSeconds());
        log.into(detail);
        return new StepResult.Failed("AgentNotReady", "the VM agent did not become Ready within " + waited.toSeconds()
                + " s after start (" + (view.agentStatus() == null ? "no status" : view.agentStatus()) + "): the guest "
                + "may not have booted; " + log.describe(), false, false, detail, List.of());
    }
}
