package dev.trustlift.core.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Temporal's replay idea for the journal: {@code journals/v1-campaign.db} was written once by the
 * schema V1 code ({@link V1JournalGenerator}, run by hand) and is committed; every later version
 * must open it, climb its schema and read what a resume needs. Do not regenerate the file.
 */
class CommittedJournalTest {
    private static final String RG = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-v1/providers/Microsoft.Compute/virtualMachines/";

    @TempDir
    Path dir;
    private Path db;

    @BeforeEach
    void copyTheCommittedJournal() throws Exception {
        // Opened in place it would change (WAL files, migrations): read a copy.
        Path source = Path.of(CommittedJournalTest.class.getResource("/journals/v1-campaign.db").toURI());
        db = dir.resolve("v1-campaign.db");
        Path sourceFolder = source.resolveSibling("v1-campaign.db.d");
        try (Stream<Path> files = Files.walk(sourceFolder)) {
            for (Path file : files.toList()) {
                Path target = dir.resolve("v1-campaign.db.d").resolve(sourceFolder.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        Files.copy(source, db);
    }

    @Test
    void theCampaignAndItsVmsReadBack() {
        try (SqliteJournal journal = SqliteJournal.open(db)) {
            Campaign campaign = journal.campaign("c-v1").orElseThrow();
            assertEquals(CampaignState.INTERRUPTED, campaign.state());
            assertEquals(Instant.parse("2026-12-08T02:00:00Z"), campaign.created());
            assertTrue(campaign.optionsJson().contains("\"makeRoom\":\"shrink\""));
            assertEquals(List.of(RG + "win2022-done", RG + "win2019-mid", RG + "ws2016-blocked"),
                    journal.vms("c-v1").stream().map(CampaignVm::vmId).toList());
            Map<VmState, Integer> counts = journal.countsByState("c-v1");
            assertEquals(1, counts.get(VmState.UPGRADED));
            assertEquals(1, counts.get(VmState.IN_PROGRESS));
            assertEquals(1, counts.get(VmState.BLOCKED));
            CampaignVm done = journal.vm("c-v1", RG + "win2022-done").orElseThrow();
            assertEquals(Instant.parse("2026-12-08T02:00:20Z"), done.downtimeStart());
            assertEquals(Instant.parse("2026-12-08T02:00:50Z"), done.downtimeEnd());
            assertTrue(done.restorePointId().endsWith("/restorePoints/before-upgrade"));
            assertEquals("[{\"ruleId\":\"TL030\",\"severity\":\"BLOCKER\"}]",
                    journal.vmsIn("c-v1", VmState.BLOCKED).get(0).findingsJson());
        }
    }

    @Test
    void whatAResumeNeedsReadsBack() {
        try (SqliteJournal journal = SqliteJournal.open(db)) {
            List<StepAttempt> open = journal.openAttempts("c-v1");
            assertEquals(1, open.size());
            StepAttempt deallocate = open.get(0);
            assertEquals(new AttemptKey("c-v1", RG + "win2019-mid", "deallocate", 1), deallocate.key());
            assertEquals("deallocate", deallocate.operationKind());
            assertTrue(deallocate.operationUrl().contains("/operations/op-1?api-version=2024-11-01"));
            assertEquals(List.of("req-dealloc"), deallocate.requestIds());

            Map<String, StepAttempt> last = journal.lastAttempts("c-v1");
            assertEquals("start", last.get(RG + "win2022-done").key().step());
            assertEquals(deallocate, last.get(RG + "win2019-mid"));
            assertEquals(2, last.size(), "the blocked VM never started a step");

            List<StepAttempt> mid = journal.attempts("c-v1", RG + "win2019-mid");
            assertEquals(List.of("guest-convert/1/FAILED", "guest-convert/2/COMPLETED", "deallocate/1/STARTED"),
                    mid.stream().map(a -> a.key().step() + "/" + a.key().attempt() + "/" + a.state()).toList());
            assertEquals("MBR2GPT_EXIT_7", mid.get(0).errorCode());
            assertEquals("Cannot find room for the EFI system partition", mid.get(0).errorMessage());
            assertEquals("{\"exitCode\":7}", mid.get(0).detailJson());
        }
    }

    @Test
    void itsArtifactReadsBackFromTheFolderBesideIt() throws Exception {
        try (SqliteJournal journal = SqliteJournal.open(db)) {
            Artifact log = journal.artifacts("c-v1", RG + "win2019-mid").get(0);
            assertEquals("setupact.log", log.name());
            String text = Files.readString(journal.artifactFolder().resolve(log.relativePath()), StandardCharsets.UTF_8);
            assertEquals("MBR2GPT: Cannot find room for the EFI system partition\n", text);
            assertEquals(ArtifactFiles.sha256(text.getBytes(StandardCharsets.UTF_8)), log.sha256());
        }
    }

    @Test
    void resumingItKeepsNumberingAttempts() {
        try (SqliteJournal journal = SqliteJournal.open(db)) {
            StepAttempt open = journal.openAttempts("c-v1").get(0);
            journal.completeAttempt(open.key(), Instant.parse("2026-12-08T03:00:00Z"), List.of("req-resumed"), null);
            StepAttempt next = journal.startAttempt("c-v1", RG + "win2019-mid", "set-trusted-launch",
                    Instant.parse("2026-12-08T03:00:01Z"));
            assertEquals(4, next.sequence());
            assertEquals(List.of("req-dealloc", "req-resumed"), journal.attempt(open.key()).orElseThrow().requestIds());
        }
    }
}
