package dev.trustlift.core.upgrade;

import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.GuestFacts;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.Verdict;
import dev.trustlift.core.assess.VmAssessment;
import dev.trustlift.core.assess.VmFacts;
import dev.trustlift.core.cloud.ConsistencyMode;
import dev.trustlift.core.cloud.HyperVGeneration;
import dev.trustlift.core.cloud.PowerState;
import dev.trustlift.core.cloud.SecurityProfileChange;
import dev.trustlift.core.cloud.VmRef;
import dev.trustlift.core.guest.GuestScripts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@code upgrade --what-if} says a run would do to one VM, from what assess learned of it:
 * every change in step order (the restore point by its deterministic name, each guest script by
 * name, version and parameters, the exact securityProfile PATCH, deallocate and start), or why the
 * VM would be left untouched. Pure: it reads facts, sends nothing.
 */
public final class WhatIfPlanner {
    /** Findings that only say the VM is not running; --start-stopped starts it and assess reads it again. */
    private static final Set<String> NEEDS_RUNNING = Set.of("TL032", "TL040", "TL041", "TL008");
    static final String NO_ROOM = "TL091";
    static final String LINUX_PLAIN_MBR = "TL092";

    private WhatIfPlanner() {
    }

    /** One VM's preview: the outcome, the changes in order, and the findings that decide it. */
    public record VmPlan(VmRef vm, Verdict verdict, Outcome outcome, List<Change> changes, List<Finding> blockers,
                         List<Finding> warnings) {
        public VmPlan {
            changes = List.copyOf(changes);
            blockers = List.copyOf(blockers);
            warnings = List.copyOf(warnings);
        }
    }

    public enum Outcome { UPGRADE, BLOCKED, NOTHING_TO_DO }

    /** One step's change: what it sends, and the exact values (names, parameters, body). */
    public record Change(String step, String action, List<String> details) {
        public Change {
            details = List.copyOf(details);
        }
    }

    public static VmPlan plan(VmFacts facts, VmAssessment assessment, VmOptions options, String campaignId) {
        VmRef ref = assessment.vm();
        List<Finding> warnings = assessment.findings().stream().filter(f -> f.severity() == Severity.WARNING).toList();
        if (assessment.verdict() == Verdict.SKIPPED || assessment.verdict() == Verdict.ALREADY_TRUSTED_LAUNCH) {
            return new VmPlan(ref, assessment.verdict(), Outcome.NOTHING_TO_DO, List.of(), List.of(), List.of());
        }
        if (assessment.verdict() == Verdict.UNKNOWN || facts == null) {
            return new VmPlan(ref, assessment.verdict(), Outcome.BLOCKED, List.of(), assessment.findings(), List.of());
        }
        boolean stopped = facts.powerState() != PowerState.RUNNING;
        boolean startFirst = stopped && options.startStopped();
        List<Finding> blockers = new ArrayList<>(assessment.findings().stream()
                .filter(f -> f.severity() == Severity.BLOCKER && !(startFirst && NEEDS_RUNNING.contains(f.rule())))
                .toList());
        if (stopped && !options.startStopped()) {
            assessment.findings().stream().filter(f -> f.rule().equals("TL040") && !blockers.contains(f))
                    .findFirst().ifPresent(f -> blockers.add(0, f));
        }
        Finding noRoom = find(assessment, NO_ROOM);
        if (noRoom != null && options.makeRoom() == MakeRoom.NONE && facts.windows()) {
            blockers.add(noRoom);
        }
        Finding plainMbr = find(assessment, LINUX_PLAIN_MBR);
        if (plainMbr != null) {
            // The Linux conversion (BIOS boot + ESP + GRUB for both) is not part of this version's steps.
            blockers.add(plainMbr);
        }
        if (!blockers.isEmpty()) {
            return new VmPlan(ref, assessment.verdict(), Outcome.BLOCKED, List.of(), blockers, warnings);
        }
        return new VmPlan(ref, assessment.verdict(), Outcome.UPGRADE,
                changes(facts, assessment, options, campaignId, startFirst, noRoom), List.of(), warnings);
    }

    private static List<Change> changes(VmFacts facts, VmAssessment assessment, VmOptions options, String campaignId,
                                        boolean startFirst, Finding noRoom) {
        VmRef ref = facts.ref();
        List<Change> out = new ArrayList<>();
        if (startFirst) {
            out.add(new Change("inspect", "start the deallocated VM for the guest steps (--start-stopped); it ends running",
                    List.of("POST " + ref.id() + "/start", "then assess and the guest probe run again on the running VM")));
        }
        boolean convert = facts.windows() && facts.osDisk().generation() != HyperVGeneration.V2;
        String disk = diskNumber(facts.guest());
        String runCommand = ref.id() + "/runCommands/" + UpgradeNames.RUN_COMMAND;
        if (convert) {
            List<String> validate = new ArrayList<>(List.of(script(GuestScripts.MBR2GPT_VALIDATE, Map.of("DiskNumber", disk))));
            if (noRoom != null) {
                validate.add("if MBR2GPT finds no room for the EFI system partition (" + noRoom.rule() + " expects so): "
                        + script(GuestScripts.MAKE_ROOM, Map.of("Mode", options.makeRoom().cliName(),
                        "ShrinkMb", String.valueOf(noRoom.evidence().getOrDefault("espMb", "the needed MiB"))))
                        + " (--make-room " + options.makeRoom().cliName() + "), then validate again");
            }
            out.add(new Change("guest-validate", "PUT " + runCommand, validate));
        }
        String collection = UpgradeNames.restorePointCollection(ref);
        String collectionId = "/subscriptions/" + ref.subscription() + "/resourceGroups/" + ref.resourceGroup()
                + "/providers/Microsoft.Compute/restorePointCollections/" + collection;
        out.add(new Change("protect", "create restore point " + UpgradeNames.restorePoint(campaignId),
                List.of("collection " + collectionId + " (source: the VM, in " + facts.location() + ")",
                        "point " + collectionId + "/restorePoints/" + UpgradeNames.restorePoint(campaignId),
                        "consistency " + ConsistencyMode.APPLICATION_CONSISTENT.armName() + " ("
                                + ConsistencyMode.CRASH_CONSISTENT.armName() + " if the agent cannot take one)",
                        "reused, never taken twice, when the run is resumed")));
        if (convert) {
            out.add(new Change("guest-convert", "PUT " + runCommand,
                    List.of(script(GuestScripts.MBR2GPT_CONVERT, Map.of("DiskNumber", disk)),
                            "the disk then boots only under UEFI: deallocate .. start follow without pause")));
        }
        out.add(new Change("deallocate", "POST " + ref.id() + "/deallocate", List.of("the downtime starts")));
        boolean secureBoot = options.secureBootFor(assessment.findings());
        out.add(new Change("set-trusted-launch", "PATCH " + ref.id(),
                List.of(SecurityProfileChange.trustedLaunch(secureBoot).patchBody(), "Secure Boot " + (secureBoot ? "on" : "off")
                        + " (" + secureBootReason(options, assessment) + ")")));
        out.add(new Change("verify-profile", "GET " + ref.id(), List.of("reads securityProfile back (no change)")));
        out.add(new Change("start", "POST " + ref.id() + "/start", List.of("the downtime ends when the VM runs")));
        GuestScripts verify = facts.windows() ? GuestScripts.VERIFY_WINDOWS : GuestScripts.VERIFY_LINUX;
        out.add(new Change("verify-guest", "PUT " + runCommand,
                List.of("waits for the VM agent to be Ready", script(verify, Map.of())
                        + ": UEFI firmware, Secure Boot " + (secureBoot ? "on" : "off") + ", TPM 2.0, the 2023 Secure Boot certificates")));
        if (convert) {
            out.add(new Change("post-fixes", "PUT " + runCommand + " (only when needed)",
                    List.of(script(GuestScripts.WINRE_RESYNC, Map.of()) + " when MBR2GPT warned about ReAgent.xml",
                            script(GuestScripts.DRIVE_LETTER_FIX, Map.of("DiskNumber", disk))
                                    + " when System Reserved took D:")));
        }
        out.add(new Change("done", "DELETE " + runCommand, List.of("the managed run command is removed")));
        return out;
    }

    /** "mbr2gpt-convert.ps1 version 1 (DiskNumber=0)": the script as the journal records it. */
    static String script(GuestScripts script, Map<String, String> parameters) {
        String file = script.resource().substring(script.resource().lastIndexOf('/') + 1);
        String params = parameters.isEmpty() ? "" : " (" + new java.util.TreeMap<>(parameters).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")) + ")";
        return file + " version " + script.version() + params;
    }

    private static String diskNumber(GuestFacts guest) {
        if (guest != null && guest.osDiskNumber() != null) {
            return String.valueOf(guest.osDiskNumber());
        }
        return "<the disk holding C:, read by guest-probe>";
    }

    private static String secureBootReason(VmOptions options, VmAssessment assessment) {
        if (options.secureBoot() != null) {
            return "as the VM list or --secure-boot asks";
        }
        return find(assessment, VmOptions.SECURE_BOOT_OFF_RULE) != null
                ? VmOptions.SECURE_BOOT_OFF_RULE + ": the guest usually needs it off"
                : "the default, as Microsoft recommends";
    }

    private static Finding find(VmAssessment assessment, String rule) {
        return assessment.findings().stream().filter(f -> f.rule().equals(rule)).findFirst().orElse(null);
    }
}
