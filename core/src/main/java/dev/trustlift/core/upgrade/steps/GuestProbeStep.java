package dev.trustlift.core.upgrade.steps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.core.assess.Assessor;
import dev.trustlift.core.assess.DiskLayout;
import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.GuestFacts;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.VmAssessment;
import dev.trustlift.core.assess.VmFacts;
import dev.trustlift.core.assess.gather.FactsGatherer;
import dev.trustlift.core.assess.gather.GuestProbe;
import dev.trustlift.core.assess.gather.ProbeOutput;
import dev.trustlift.core.assess.rules.Tl090LayoutNotConvertible;
import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.ScriptResult;
import dev.trustlift.core.journal.VmState;
import dev.trustlift.core.upgrade.MakeRoom;
import dev.trustlift.core.upgrade.Step;
import dev.trustlift.core.upgrade.StepResult;
import dev.trustlift.core.upgrade.VmUpgrade;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * guest-probe: runs assess's read-only guest probe ({@link GuestProbe}) as the managed run command
 * and re-runs the rules with what the guest reports. A BLOCKER (BitLocker on, a layout MBR2GPT
 * cannot convert) stops the VM untouched; no room for the ESP (TL091) blocks only with
 * {@code --make-room none}, since guest-validate makes room otherwise. Journals the OS disk's
 * number (MBR2GPT is told {@code /disk:N} explicitly), its partition style, free MiB, whether it
 * has an ESP, the layout, and {@value #CONVERSION}: "needed" or "not needed" (a disk already GPT
 * with an ESP, e.g. an endorsed Linux image). A plain-MBR Linux disk is BLOCKED with TL092 until
 * the Linux conversion exists (issue 10).
 */
public final class GuestProbeStep implements Step {
    public static final String NAME = "guest-probe";
    public static final String DISK_NUMBER = "diskNumber";
    public static final String SECTOR_SIZE = "sectorSize";
    public static final String CONVERSION = "conversion";
    public static final String NOT_NEEDED = "not needed";
    static final String LABEL = "run-command:guest-probe";
    static final String TL091 = "TL091";
    static final String TL092 = "TL092";

    private final Cloud cloud;
    private final FactsGatherer gatherer;
    private final Assessor assessor;
    private final GuestCommand command;

    /** @param gatherer and {@code assessor} as for {@link AssessStep} (read again when a restart lost assess's facts) */
    public GuestProbeStep(Cloud cloud, FactsGatherer gatherer, Assessor assessor) {
        this.cloud = cloud;
        this.gatherer = gatherer;
        this.assessor = assessor;
        this.command = new GuestCommand(cloud);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StepResult run(VmUpgrade vm) {
        VmFacts facts = vm.memo().get(AssessStep.FACTS_MEMO) instanceof VmFacts f ? f
                : gatherer.gather(cloud.getVm(vm.ref()), vm.options().secureBoot());
        vm.memo().put(AssessStep.FACTS_MEMO, facts);
        GuestCommand.Outcome outcome = command.run(vm, facts.location(), LABEL, GuestProbe.script(facts.osType()));
        if (outcome instanceof GuestCommand.Pending p) {
            return p.next();
        }
        ScriptResult result = ((GuestCommand.Ran) outcome).result();
        if (!result.succeeded()) {
            return StepResult.retryable("GuestProbeFailed", "the guest probe exited with " + exitText(result) + ": "
                    + firstLine(result.stderr().isBlank() ? result.stdout() : result.stderr()));
        }
        GuestFacts guest;
        try {
            guest = ProbeOutput.parse(result.stdout());
        } catch (IllegalArgumentException e) {
            return StepResult.failed("GuestProbeUnreadable", "the guest probe's output is not understood: " + e.getMessage());
        }
        OptionalInt diskNumber = ProbeOutput.osDiskNumber(result.stdout());
        VmFacts probed = facts.withGuest(guest);
        vm.memo().put(AssessStep.FACTS_MEMO, probed);
        ObjectNode detail = detail(guest, diskNumber);
        VmAssessment assessment = assessor.assess(probed);
        List<Finding> blockers = new ArrayList<>(assessment.findings().stream()
                .filter(f -> f.severity() == Severity.BLOCKER).toList());
        DiskLayout layout = guest.layout();
        boolean gptWithEsp = layout != null && layout.style() == DiskLayout.Style.GPT && layout.esp().isPresent();
        assessment.findings().stream().filter(f -> f.rule().equals(TL091)).findFirst().ifPresent(f -> {
            if (vm.options().makeRoom() == MakeRoom.NONE || probed.linux()) {
                blockers.add(asBlocker(f));
            } else {
                vm.addFinding(f);
            }
        });
        if (probed.linux() && !gptWithEsp) {
            assessment.findings().stream().filter(f -> f.rule().equals(TL092)).findFirst()
                    .ifPresent(f -> blockers.add(asBlocker(f)));
        }
        if (!blockers.isEmpty()) {
            blockers.forEach(vm::addFinding);
            return new StepResult.Finish(VmState.BLOCKED, blockers.stream().map(f -> f.rule() + ": " + f.message())
                    .collect(Collectors.joining("; ")), detail);
        }
        if (probed.windows() && !gptWithEsp && diskNumber.isEmpty()) {
            return StepResult.failed("GuestProbeUnreadable", "the guest probe did not report the OS disk's number, "
                    + "which MBR2GPT must be given");
        }
        detail.put(CONVERSION, gptWithEsp ? NOT_NEEDED : "needed");
        return StepResult.done(detail);
    }

    private static ObjectNode detail(GuestFacts guest, OptionalInt diskNumber) {
        ObjectNode d = Details.object();
        if (diskNumber.isPresent()) {
            d.put(DISK_NUMBER, diskNumber.getAsInt());
        }
        DiskLayout layout = guest.layout();
        d.put("partitionStyle", layout == null ? null : layout.style().name());
        if (layout != null) {
            d.put(SECTOR_SIZE, layout.sectorSize());
            d.put("espPresent", layout.esp().isPresent());
            var parts = d.putArray("layout");
            Tl090LayoutNotConvertible.describe(layout).forEach(parts::add);
        }
        if (guest.freeMb() != null) {
            d.put("freeMb", guest.freeMb());
        }
        d.put("bitLocker", guest.bitLocker().name().toLowerCase(Locale.ROOT));
        return d;
    }

    /** A finding that stops the VM in the upgrade though assess counts it as fixable. */
    private static Finding asBlocker(Finding f) {
        return new Finding(f.rule(), Severity.BLOCKER, f.message(), f.evidence(), f.remediation(), f.suggestions());
    }

    private static String exitText(ScriptResult r) {
        return r.exitCode() == ScriptResult.UNKNOWN_EXIT ? "no exit code" : "code " + r.exitCode();
    }

    private static String firstLine(String s) {
        return s.strip().lines().findFirst().orElse("");
    }
}
