package dev.trustlift.core.report.campaign;

import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.cloud.OperationHandle;
import dev.trustlift.core.cloud.OperationKind;
import dev.trustlift.core.journal.AttemptKey;
import dev.trustlift.core.journal.Campaign;
import dev.trustlift.core.journal.CampaignState;
import dev.trustlift.core.journal.CampaignVm;
import dev.trustlift.core.journal.Journal;
import dev.trustlift.core.journal.SqliteJournal;
import dev.trustlift.core.journal.StepAttempt;
import dev.trustlift.core.journal.VmState;
import dev.trustlift.core.upgrade.FindingsJson;
import dev.trustlift.core.upgrade.JournaledOperation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A journal as the engine writes it, through the Journal API: an older campaign with one VM, then the
 * latest campaign with six VMs in six states: upgraded after a deallocate retried on a 409, failed at
 * guest-convert with MBR2GPT's logs saved, blocked by TL030, mid-way (deallocated, start running),
 * already Trusted Launch, and pending. Times are fixed so tests compute expected figures by hand.
 */
public final class SampleCampaign {
    public static final String ID = "c-20261208-0300";
    public static final String OLD_ID = "c-20261201-1000";
    public static final String SUB = "/subscriptions/11111111-2222-3333-4444-555555555555";
    public static final String WEB = vm("rg-prod", "win2022-web");
    public static final String APP = vm("rg-prod", "win2019-app");
    public static final String LEGACY = vm("rg-test", "ws2016-legacy");
    public static final String DB = vm("rg-test", "win2022-db");
    public static final String LINUX = vm("rg-test", "linux-gpt");
    public static final String PENDING = vm("rg-test", "win11-desk");
    public static final String RESTORE_POINT = SUB + "/resourceGroups/rg-prod/providers/Microsoft.Compute/"
            + "restorePointCollections/trustlift-" + ID + "-win2022-web/restorePoints/before-upgrade";
    /** When status and report are read in the tests: 54 s after the db VM's start attempt began. */
    public static final Instant NOW = t("03:06:00");
    /** 51 lines, so the report's tail of 40 starts at line 12. */
    public static final String SETUPACT = setupact();

    private SampleCampaign() {
    }

    /** Writes the sample into a new journal at {@code file} and closes it. */
    public static void write(Path file) {
        try (Journal j = SqliteJournal.open(file)) {
            j.createCampaign(new Campaign(OLD_ID, Instant.parse("2026-12-01T10:00:00Z"), "{}", "0.8.0", CampaignState.FINISHED));
            j.saveVm(CampaignVm.pending(OLD_ID, vm("rg-old", "old-vm"), "{}").withState(VmState.SKIPPED, null));

            j.createCampaign(new Campaign(ID, t("03:00:00"), "{\"makeRoom\":\"shrink\",\"maxParallel\":5}", "0.9.0",
                    CampaignState.RUNNING));
            for (String vm : List.of(WEB, APP, LEGACY, DB, LINUX, PENDING)) {
                j.saveVm(CampaignVm.pending(ID, vm, "{\"secureBoot\":true}"));
            }
            upgraded(j);
            failed(j);
            blocked(j);
            midway(j);
            step(j, LINUX, "inspect", "03:00:01", "03:00:02", "req-linux-1");
            j.saveVm(j.vm(ID, LINUX).orElseThrow().withState(VmState.ALREADY_TRUSTED_LAUNCH, "inspect"));
        }
    }

    /** win2022-web: every step, deallocate refused once (409) then retried; down 03:02:40 -> 03:04:40 (120 s). */
    private static void upgraded(Journal j) {
        step(j, WEB, "inspect", "03:00:00", "03:00:02", "req-web-1");
        step(j, WEB, "assess", "03:00:02", "03:00:03");
        step(j, WEB, "guest-probe", "03:00:03", "03:00:20", "req-web-2");
        step(j, WEB, "guest-validate", "03:00:20", "03:00:40", "req-web-3");
        operationStep(j, WEB, "protect", "03:00:40", "03:01:30", OperationKind.CREATE_RESTORE_POINT, "restore-point", "req-web-4");
        step(j, WEB, "guest-convert", "03:01:30", "03:02:30", "req-web-5");
        StepAttempt refused = j.startAttempt(ID, WEB, "deallocate", t("03:02:30"));
        j.failAttempt(refused.key(), t("03:02:35.500"), List.of("req-web-409"), "Conflict",
                "OperationNotAllowed: the VM is being updated; retry later", "{\"httpStatus\":409}");
        operationStep(j, WEB, "deallocate", "03:02:40", "03:03:40", OperationKind.DEALLOCATE, "deallocate", "req-web-6");
        step(j, WEB, "set-trusted-launch", "03:03:40", "03:03:50", "req-web-7");
        step(j, WEB, "verify-profile", "03:03:50", "03:03:52", "req-web-8");
        operationStep(j, WEB, "start", "03:03:52", "03:04:40", OperationKind.START, "start", "req-web-9");
        step(j, WEB, "verify-guest", "03:04:40", "03:05:30", "req-web-10");
        j.saveVm(j.vm(ID, WEB).orElseThrow().withRestorePointId(RESTORE_POINT).withDowntime(t("03:02:40"), t("03:04:40"))
                .withFindingsJson(FindingsJson.write(List.of(Finding.of("TL120", Severity.WARNING,
                        "The firmware's db lacks the Windows UEFI CA 2023 certificate").evidence("db2023", false)
                        .remediation("Apply the Secure Boot certificate update (KB5085395) before June 2026").build())))
                .withState(VmState.UPGRADED, "done"));
    }

    /** win2019-app: MBR2GPT found no room for the ESP; its logs are saved; the VM never went down. */
    private static void failed(Journal j) {
        step(j, APP, "inspect", "03:00:00", "03:00:01", "req-app-1");
        step(j, APP, "assess", "03:00:01", "03:00:02");
        step(j, APP, "guest-probe", "03:00:02", "03:00:30", "req-app-2");
        step(j, APP, "guest-validate", "03:00:30", "03:01:00", "req-app-3");
        step(j, APP, "protect", "03:01:00", "03:02:00", "req-app-4");
        StepAttempt convert = j.startAttempt(ID, APP, "guest-convert", t("03:02:00"));
        j.recordOperation(convert.key(), "https://management.azure.com" + SUB + "/providers/Microsoft.Compute/locations/"
                + "westeurope/operations/op-app-convert?api-version=2024-11-01", operation(APP, OperationKind.RUN_COMMAND,
                "run-command:mbr2gpt-convert", "03:02:01"), List.of("req-app-5"));
        j.failAttempt(convert.key(), t("03:03:10"), List.of("req-app-6"), "MBR2GPT_EXIT_7",
                "Cannot find room for the EFI system partition", "{\"exitCode\":7}");
        j.saveArtifact(ID, APP, "setupact.log", SETUPACT.getBytes(StandardCharsets.UTF_8), t("03:03:11"));
        j.saveArtifact(ID, APP, "setuperr.log", "Cannot find room for the EFI system partition.\n"
                .getBytes(StandardCharsets.UTF_8), t("03:03:12"));
        j.saveVm(j.vm(ID, APP).orElseThrow().withRestorePointId(RESTORE_POINT.replace("win2022-web", "win2019-app"))
                .withState(VmState.FAILED, "guest-convert"));
    }

    private static void blocked(Journal j) {
        step(j, LEGACY, "inspect", "03:00:00", "03:00:01", "req-legacy-1");
        step(j, LEGACY, "assess", "03:00:01", "03:00:02");
        j.saveVm(j.vm(ID, LEGACY).orElseThrow().withFindingsJson(FindingsJson.write(List.of(Finding.of("TL030",
                        Severity.BLOCKER, "Windows Server 2016 has no MBR2GPT in the full OS").evidence("os", "Windows Server 2016")
                        .remediation("Upgrade the OS to Windows Server 2019 or later first").build())))
                .withState(VmState.BLOCKED, "assess"));
    }

    /** win2022-db: deallocated at 03:04:00, start accepted and still running when the journal is read. */
    private static void midway(Journal j) {
        step(j, DB, "inspect", "03:00:05", "03:00:07", "req-db-1");
        operationStep(j, DB, "deallocate", "03:04:00", "03:04:55", OperationKind.DEALLOCATE, "deallocate", "req-db-2");
        step(j, DB, "set-trusted-launch", "03:04:55", "03:05:05", "req-db-3");
        step(j, DB, "verify-profile", "03:05:05", "03:05:06", "req-db-4");
        StepAttempt start = j.startAttempt(ID, DB, "start", t("03:05:06"));
        j.recordOperation(start.key(), opUrl("op-db-start"), operation(DB, OperationKind.START, "start", "03:05:06"),
                List.of("req-db-5"));
        j.saveVm(j.vm(ID, DB).orElseThrow().withDowntime(t("03:04:00"), null).withState(VmState.IN_PROGRESS, "start"));
    }

    private static void step(Journal j, String vm, String step, String from, String to, String... requestIds) {
        StepAttempt a = j.startAttempt(ID, vm, step, t(from));
        j.completeAttempt(a.key(), t(to), List.of(requestIds), null);
    }

    private static void operationStep(Journal j, String vm, String step, String from, String to, OperationKind kind,
                                      String label, String requestId) {
        StepAttempt a = j.startAttempt(ID, vm, step, t(from));
        AttemptKey key = a.key();
        j.recordOperation(key, opUrl("op-" + step + "-" + requestId), operation(vm, kind, label, from), List.of(requestId));
        j.completeAttempt(key, t(to), List.of(requestId + "-poll"), "{\"operation\":\"Succeeded\"}");
    }

    private static String operation(String vm, OperationKind kind, String label, String at) {
        return new JournaledOperation(label, new OperationHandle(kind, vm, OperationHandle.Polling.ASYNC_OPERATION,
                opUrl("op-" + label), "req-accept", t(at))).kindJson();
    }

    private static String opUrl(String name) {
        return "https://management.azure.com" + SUB + "/providers/Microsoft.Compute/locations/westeurope/operations/"
                + name + "?api-version=2024-11-01";
    }

    public static String vm(String rg, String name) {
        return SUB + "/resourceGroups/" + rg + "/providers/Microsoft.Compute/virtualMachines/" + name;
    }

    public static Instant t(String time) {
        return Instant.parse("2026-12-08T" + time + "Z");
    }

    private static String setupact() {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= 50; i++) {
            b.append(String.format("2026-12-08 03:02:%02d, Info MBR2GPT: line %d%n", i % 60, i).replace("\r\n", "\n"));
        }
        b.append("2026-12-08 03:03:09, Error MBR2GPT: Cannot find room for the EFI system partition\n");
        return b.toString();
    }
}
