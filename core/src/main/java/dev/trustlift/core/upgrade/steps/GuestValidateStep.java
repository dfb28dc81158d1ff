package dev.trustlift.core.upgrade.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.guest.GuestScripts;
import dev.trustlift.core.guest.MakeRoomOutput;
import dev.trustlift.core.guest.Mbr2GptExit;
import dev.trustlift.core.guest.Mbr2GptMessage;
import dev.trustlift.core.guest.Mbr2GptRun;
import dev.trustlift.core.guest.Mbr2GptValidateOutput;
import dev.trustlift.core.journal.VmState;
import dev.trustlift.core.upgrade.EndedOperation;
import dev.trustlift.core.upgrade.MakeRoom;
import dev.trustlift.core.upgrade.Step;
import dev.trustlift.core.upgrade.StepResult;
import dev.trustlift.core.upgrade.VmUpgrade;
import java.util.Map;
import java.util.Optional;

/**
 * guest-validate: {@code MBR2GPT /validate /disk:N /allowFullOS} on the OS disk guest-probe
 * numbered. It changes nothing but C:'s size: when MBR2GPT finds no room for the EFI system
 * partition, {@code --make-room shrink} (the default) runs make-room.ps1 to shrink C: by the
 * ESP's size (defragmenting first with {@code defrag}; the script also sets the Virtual Disk and
 * Optimize Drives services from Disabled to Manual, the known cause), then validates again;
 * {@code none} stops the VM BLOCKED (TL091). Any other failure fetches setupact.log and
 * setuperr.log as artifacts and stops the VM BLOCKED, untouched, with a finding naming MBR2GPT's
 * exit code. The runs follow each other inside the step, told apart by their labels.
 */
public final class GuestValidateStep implements Step {
    public static final String NAME = "guest-validate";
    /** The finding of a failed validation (upgrade ids are documented in docs/upgrade.md). */
    static final String UPG_VALIDATE_FAILED = "UPG020";
    static final String LABEL_VALIDATE = "run-command:mbr2gpt-validate";
    static final String LABEL_MAKE_ROOM = "run-command:make-room";
    static final String LABEL_VALIDATE_AGAIN = "run-command:mbr2gpt-validate-again";
    static final String LABEL_LOGS = "run-command:fetch-log";
    private static final String RUN = "validate.run";
    private static final String ROOM = "validate.madeRoom";

    private final Cloud cloud;
    private final GuestCommand command;
    private final SetupLogs logs;

    public GuestValidateStep(Cloud cloud) {
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
        Optional<ObjectNode> probe = vm.detailOf(GuestProbeStep.NAME);
        if (probe.isEmpty()) {
            return StepResult.failed("NoGuestProbe", "guest-probe has not completed for this VM");
        }
        if (GuestProbeStep.NOT_NEEDED.equals(probe.get().path(GuestProbeStep.CONVERSION).asText())) {
            ObjectNode d = Details.object();
            d.put(GuestProbeStep.CONVERSION, GuestProbeStep.NOT_NEEDED);
            return StepResult.done(d);
        }
        JsonNode disk = probe.get().get(GuestProbeStep.DISK_NUMBER);
        if (disk == null || !disk.canConvertToInt()) {
            return StepResult.failed("NoDiskNumber", "guest-probe journaled no OS disk number");
        }
        int diskNumber = disk.asInt();
        String location = Details.location(vm, cloud);
        String last = vm.endedOperation().map(EndedOperation::label).orElse(LABEL_VALIDATE);
        if (last.startsWith(LABEL_LOGS + ":")) {
            return logsFetched(vm, location);
        }
        if (last.equals(LABEL_MAKE_ROOM)) {
            return afterMakeRoom(vm, location, diskNumber, probe.get());
        }
        String label = last.equals(LABEL_VALIDATE_AGAIN) ? LABEL_VALIDATE_AGAIN : LABEL_VALIDATE;
        GuestCommand.Outcome outcome = command.run(vm, location, label, validate(diskNumber));
        if (outcome instanceof GuestCommand.Pending p) {
            return p.next();
        }
        Mbr2GptRun run = Mbr2GptValidateOutput.parse(((GuestCommand.Ran) outcome).result());
        vm.scratch().put(RUN, run);
        if (run.succeeded()) {
            ObjectNode d = Details.object();
            d.put("exitCode", run.exitCode());
            d.put(GuestProbeStep.DISK_NUMBER, diskNumber);
            var warnings = d.putArray("warnings");
            run.messages().stream().filter(m -> m == Mbr2GptMessage.REAGENT_XML_NOT_UPDATED).forEach(m -> warnings.add(m.text()));
            if (vm.scratch().get(ROOM) instanceof ObjectNode room) {
                d.set("madeRoom", room);
            }
            return StepResult.done(d);
        }
        if (run.said(Mbr2GptMessage.NO_ROOM_FOR_ESP)) {
            if (vm.options().makeRoom() == MakeRoom.NONE || label.equals(LABEL_VALIDATE_AGAIN)) {
                vm.addFinding(noRoom(vm, run, label.equals(LABEL_VALIDATE_AGAIN)));
                return new StepResult.Finish(VmState.BLOCKED, "no room for the EFI system partition (TL091): "
                        + run.summary(), detail(run));
            }
            GuestCommand.Outcome made = command.run(vm, location, LABEL_MAKE_ROOM, makeRoom(vm, probe.get()));
            return made instanceof GuestCommand.Pending p ? p.next() : afterMakeRoom(vm, location, diskNumber, probe.get());
        }
        vm.addFinding(failedFinding(run));
        return logsFetched(vm, location);
    }

    private StepResult afterMakeRoom(VmUpgrade vm, String location, int diskNumber, ObjectNode probe) {
        GuestCommand.Outcome outcome = command.run(vm, location, LABEL_MAKE_ROOM, makeRoom(vm, probe));
        if (outcome instanceof GuestCommand.Pending p) {
            return p.next();
        }
        MakeRoomOutput made;
        try {
            made = MakeRoomOutput.parse(((GuestCommand.Ran) outcome).result());
        } catch (IllegalArgumentException e) {
            return StepResult.failed("MakeRoomFailed", "make-room.ps1 failed: " + e.getMessage());
        }
        ObjectNode room = Details.object();
        room.put("mode", vm.options().makeRoom().cliName());
        room.put("shrunkMb", made.shrunkMb());
        room.put("shrinkableMb", made.shrinkableMb());
        room.put("defragmented", made.defragmented());
        var enabled = room.putArray("servicesEnabled");
        made.servicesEnabled().forEach(enabled::add);
        vm.scratch().put(ROOM, room);
        long needed = neededMb(probe);
        if (made.shrunkMb() < needed) {
            vm.addFinding(Finding.of("TL091", Severity.BLOCKER, "no room for the EFI system partition: Windows lets C: shrink by "
                            + made.shrinkableMb() + " MiB, MBR2GPT needs " + needed + " MiB")
                    .evidence("shrinkableMb", made.shrinkableMb())
                    .evidence("neededMb", needed)
                    .evidence("makeRoom", vm.options().makeRoom().cliName())
                    .remediation(vm.options().makeRoom() == MakeRoom.SHRINK
                            ? "upgrade again with --make-room defrag (Optimize-Volume -Defrag first), or free space on C:"
                            : "free space on C: or grow the OS disk and extend C:, then upgrade again")
                    .build());
            return new StepResult.Finish(VmState.BLOCKED, "C: could not be shrunk by " + needed + " MiB for the EFI system "
                    + "partition (TL091)", room);
        }
        GuestCommand.Outcome again = command.run(vm, location, LABEL_VALIDATE_AGAIN, validate(diskNumber));
        if (again instanceof GuestCommand.Pending p) {
            return p.next();
        }
        // Only reachable when a run from before a restart is read back; the next call reads it by its label.
        return new StepResult.Later(GuestCommand.RUNNING_POLL, "re-reading MBR2GPT /validate");
    }

    private StepResult logsFetched(VmUpgrade vm, String location) {
        SetupLogs.Progress progress = logs.next(vm, location, LABEL_LOGS);
        if (progress instanceof SetupLogs.Next n) {
            return n.step();
        }
        SetupLogs.Fetched fetched = (SetupLogs.Fetched) progress;
        ObjectNode d = vm.scratch().get(RUN) instanceof Mbr2GptRun run ? detail(run) : Details.object();
        var saved = d.putArray("logs");
        fetched.saved().forEach(saved::add);
        String summary = vm.scratch().get(RUN) instanceof Mbr2GptRun run ? run.summary()
                : "MBR2GPT /validate failed (see the VM's " + UPG_VALIDATE_FAILED + " finding)";
        return new StepResult.Finish(VmState.BLOCKED, summary + "; logs: " + (fetched.saved().isEmpty() ? "none"
                : String.join(", ", fetched.saved())), d);
    }

    private static Finding failedFinding(Mbr2GptRun run) {
        String meaning = run.exit().map(Mbr2GptExit::meaning).orElse(run.ran() ? "an undocumented exit code" : "not run");
        return Finding.of(UPG_VALIDATE_FAILED, Severity.BLOCKER, "MBR2GPT /validate failed: " + run.summary())
                .evidence("exitCode", run.exitCode())
                .evidence("meaning", meaning)
                .evidence("messages", run.messages().stream().map(Mbr2GptMessage::text).toList())
                .evidence("logs", SetupLogs.FILES)
                .remediation("read setupact.log and setuperr.log (saved with the journal) for the check that failed, fix it "
                        + "in the guest, and upgrade again; the VM was not changed")
                .build();
    }

    private static Finding noRoom(VmUpgrade vm, Mbr2GptRun run, boolean afterMakingRoom) {
        return Finding.of("TL091", Severity.BLOCKER, "no room for the EFI system partition: " + run.summary()
                        + (afterMakingRoom ? " (still, after C: was shrunk)" : ""))
                .evidence("exitCode", run.exitCode())
                .evidence("makeRoom", vm.options().makeRoom().cliName())
                .remediation(afterMakingRoom ? "free space on C: or grow the OS disk, then upgrade again"
                        : "upgrade with --make-room shrink (shrinks C: by the EFI system partition's size) or defrag")
                .build();
    }

    private static ObjectNode detail(Mbr2GptRun run) {
        ObjectNode d = Details.object();
        d.put("exitCode", run.exitCode());
        d.put("summary", run.summary());
        return d;
    }

    private static dev.trustlift.core.cloud.GuestScript validate(int diskNumber) {
        return GuestScripts.MBR2GPT_VALIDATE.script(Map.of("DiskNumber", Integer.toString(diskNumber)));
    }

    private static dev.trustlift.core.cloud.GuestScript makeRoom(VmUpgrade vm, ObjectNode probe) {
        String mode = vm.options().makeRoom() == MakeRoom.DEFRAG ? "defrag" : "shrink";
        return GuestScripts.MAKE_ROOM.script(Map.of("Mode", mode, "ShrinkMb", Long.toString(neededMb(probe))));
    }

    /** MBR2GPT's ESP (100 MiB, 260 MiB on 4Kn disks) and 1 MiB for alignment, as it shrinks C: itself. */
    static long neededMb(ObjectNode probe) {
        return probe.path(GuestProbeStep.SECTOR_SIZE).asInt(512) == 4096 ? 261 : 101;
    }
}
