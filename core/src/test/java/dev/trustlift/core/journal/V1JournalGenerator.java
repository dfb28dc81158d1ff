package dev.trustlift.core.journal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Wrote {@code core/src/test/resources/journals/v1-campaign.db} (and its {@code .d} artifact
 * folder) once, with the schema V1 code; {@link CommittedJournalTest} reads it. Never regenerate
 * it with later code: the point is that later versions keep reading what this version wrote.
 * A later schema adds its own generator and file (v2-campaign.db) beside this one. Run by hand:
 * <pre>
 * mvn -pl core -am test-compile
 * java -cp core/target/test-classes:core/target/classes:&lt;sqlite-jdbc, jackson jars&gt; \
 *     dev.trustlift.core.journal.V1JournalGenerator core/src/test/resources/journals/v1-campaign.db
 * </pre>
 */
public final class V1JournalGenerator {
    static final String CAMPAIGN = "c-v1";
    static final String RG = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-v1/providers/Microsoft.Compute/virtualMachines/";
    static final String DONE = RG + "win2022-done";
    static final String MID = RG + "win2019-mid";
    static final String BLOCKED = RG + "ws2016-blocked";
    static final Instant T = Instant.parse("2026-12-08T02:00:00Z");

    private V1JournalGenerator() {
    }

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        if (Files.exists(db)) {
            throw new IllegalStateException(db + " exists; the committed journal is never rewritten");
        }
        try (SqliteJournal journal = SqliteJournal.open(db)) {
            journal.createCampaign(new Campaign(CAMPAIGN, T, "{\"secureBoot\":\"on\",\"maxParallel\":5,\"makeRoom\":\"shrink\"}",
                    "0.1.0-SNAPSHOT", CampaignState.INTERRUPTED));
            journal.saveVm(CampaignVm.pending(CAMPAIGN, DONE, "{\"secureBoot\":true}"));
            journal.saveVm(CampaignVm.pending(CAMPAIGN, MID, "{\"secureBoot\":false}"));
            journal.saveVm(CampaignVm.pending(CAMPAIGN, BLOCKED, "{\"secureBoot\":true}")
                    .withState(VmState.BLOCKED, "assess")
                    .withFindingsJson("[{\"ruleId\":\"TL030\",\"severity\":\"BLOCKER\"}]"));

            Instant t = T;
            for (String step : List.of("inspect", "protect", "deallocate", "set-trusted-launch", "start")) {
                StepAttempt a = journal.startAttempt(CAMPAIGN, DONE, step, t);
                journal.completeAttempt(a.key(), t.plusSeconds(10), List.of("req-" + step), "{\"ok\":true}");
                t = t.plusSeconds(10);
            }
            journal.saveVm(journal.vm(CAMPAIGN, DONE).orElseThrow().withState(VmState.UPGRADED, "done")
                    .withRestorePointId(DONE + "/restorePointCollections/trustlift-c-v1/restorePoints/before-upgrade")
                    .withDowntime(T.plusSeconds(20), T.plusSeconds(50)));

            StepAttempt failed = journal.startAttempt(CAMPAIGN, MID, "guest-convert", T);
            journal.failAttempt(failed.key(), T.plusSeconds(30), List.of("req-gc-1"), "MBR2GPT_EXIT_7",
                    "Cannot find room for the EFI system partition", "{\"exitCode\":7}");
            journal.saveArtifact(CAMPAIGN, MID, "setupact.log",
                    "MBR2GPT: Cannot find room for the EFI system partition\n".getBytes(StandardCharsets.UTF_8),
                    T.plusSeconds(31));
            journal.completeAttempt(journal.startAttempt(CAMPAIGN, MID, "guest-convert", T.plusSeconds(40)).key(),
                    T.plusSeconds(90), List.of("req-gc-2"), null);
            StepAttempt open = journal.startAttempt(CAMPAIGN, MID, "deallocate", T.plusSeconds(91));
            journal.recordOperation(open.key(), "https://management.azure.com/subscriptions/00000000-0000-0000-0000-000000000001"
                    + "/providers/Microsoft.Compute/locations/westeurope/operations/op-1?api-version=2024-11-01",
                    "deallocate", List.of("req-dealloc"));
            journal.saveVm(journal.vm(CAMPAIGN, MID).orElseThrow().withState(VmState.IN_PROGRESS, "deallocate")
                    .withDowntime(T.plusSeconds(91), null));
        }
    }
}
