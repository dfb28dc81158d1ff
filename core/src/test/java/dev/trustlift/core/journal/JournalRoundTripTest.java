package dev.trustlift.core.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalRoundTripTest {
    private static final String VM1 = "/subscriptions/s1/resourceGroups/rg-a/providers/Microsoft.Compute/virtualMachines/web-1";
    private static final String VM2 = "/subscriptions/s1/resourceGroups/rg-b/providers/Microsoft.Compute/virtualMachines/web-1";
    private static final Instant T0 = Instant.parse("2026-12-08T01:02:03.123456789Z");

    @TempDir
    Path dir;

    private Path db() {
        return dir.resolve("trustlift-journal.db");
    }

    private static Campaign campaign() {
        return new Campaign("c-20261208-a", T0, "{\"secureBoot\":\"on\",\"maxParallel\":5}", "0.1.0", CampaignState.RUNNING);
    }

    @Test
    void aCampaignAndItsStateChangeRoundTrip() {
        try (SqliteJournal journal = SqliteJournal.open(db())) {
            journal.createCampaign(campaign());
            journal.setCampaignState("c-20261208-a", CampaignState.INTERRUPTED);
        }
        try (SqliteJournal journal = SqliteJournal.open(db())) {
            assertEquals(campaign().withState(CampaignState.INTERRUPTED), journal.campaign("c-20261208-a").orElseThrow());
            assertEquals(List.of(campaign().withState(CampaignState.INTERRUPTED)), journal.campaigns());
            assertTrue(journal.campaign("other").isEmpty());
            assertThrows(JournalException.class, () -> journal.createCampaign(campaign()));
            assertThrows(JournalException.class, () -> journal.setCampaignState("other", CampaignState.FINISHED));
        }
    }

    @Test
    void aCampaignIsCreatedWithItsVmsAllOrNothing() {
        try (SqliteJournal journal = SqliteJournal.open(db())) {
            journal.createCampaign(campaign(), List.of(CampaignVm.pending("c-20261208-a", VM2, "{}"),
                    CampaignVm.pending("c-20261208-a", VM1, "{}")));
            assertEquals(List.of(VM2, VM1), journal.vms("c-20261208-a").stream().map(CampaignVm::vmId).toList(),
                    "in the order given");
            Campaign other = new Campaign("c-20261208-b", T0, "{}", "0.1.0", CampaignState.RUNNING);
            assertThrows(IllegalArgumentException.class, () -> journal.createCampaign(other,
                    List.of(CampaignVm.pending("c-20261208-a", VM1, "{}"))), "a VM of another campaign");
            assertThrows(JournalException.class, () -> journal.createCampaign(campaign(),
                    List.of(CampaignVm.pending("c-20261208-a", "/subscriptions/s1/resourceGroups/rg-c/providers/"
                            + "Microsoft.Compute/virtualMachines/late", "{}"))), "the campaign exists");
            assertEquals(2, journal.vms("c-20261208-a").size(), "the failed creation added no VM");
            assertTrue(journal.campaign("c-20261208-b").isEmpty());
        }
    }

    @Test
    void aVmWithEveryFieldSetRoundTripsAndASecondSaveReplacesIt() {
        CampaignVm full = new CampaignVm("c-20261208-a", VM1, "{\"secureBoot\":false}", VmState.IN_PROGRESS, "deallocate",
                VM1 + "/restorePointCollections/x/restorePoints/y", T0, T0.plusSeconds(91),
                "[{\"ruleId\":\"TL083\",\"severity\":\"WARNING\"}]", "worker-7", T0.plusSeconds(300));
        try (SqliteJournal journal = SqliteJournal.open(db())) {
            journal.createCampaign(campaign());
            journal.saveVm(CampaignVm.pending("c-20261208-a", VM2, "{}"));
            journal.saveVm(CampaignVm.pending("c-20261208-a", VM1, "{}"));
            journal.saveVm(full);
        }
        try (SqliteJournal journal = SqliteJournal.open(db())) {
            assertEquals(full, journal.vm("c-20261208-a", VM1).orElseThrow());
            assertEquals(List.of(VM2, VM1), journal.vms("c-20261208-a").stream().map(CampaignVm::vmId).toList(),
                    "the order VMs were added in, kept across a replace");
            assertEquals(List.of(full), journal.vmsIn("c-20261208-a", VmState.IN_PROGRESS));
            Map<VmState, Integer> counts = journal.countsByState("c-20261208-a");
            assertEquals(1, counts.get(VmState.PENDING));
            assertEquals(1, counts.get(VmState.IN_PROGRESS));
            assertEquals(0, counts.get(VmState.UPGRADED));
            assertEquals(VmState.values().length, counts.size());
        }
    }

    @Test
    void aVmOfAnUnknownCampaignIsRefusedByTheForeignKey() {
        try (SqliteJournal journal = SqliteJournal.open(db())) {
            assertThrows(JournalException.class, () -> journal.saveVm(CampaignVm.pending("nope", VM1, "{}")));
        }
    }

    @Test
    void attemptsRoundTripThroughStartOperationCompleteAndFail() {
        try (SqliteJournal journal = SqliteJournal.open(db())) {
            journal.createCampaign(campaign());
            journal.saveVm(CampaignVm.pending("c-20261208-a", VM1, "{}"));
            StepAttempt first = journal.startAttempt("c-20261208-a", VM1, "deallocate", T0);
            journal.recordOperation(first.key(), "https://management.azure.com/op/1?api-version=2024-11-01",
                    "deallocate", List.of("req-a"));
            journal.failAttempt(first.key(), T0.plusSeconds(5), List.of("req-a", "req-b"), "Conflict",
                    "The operation is not allowed", "{\"httpStatus\":409}");
            StepAttempt second = journal.startAttempt("c-20261208-a", VM1, "deallocate", T0.plusSeconds(6));
            journal.completeAttempt(second.key(), T0.plusSeconds(40), List.of("req-c"), null);
        }
        try (SqliteJournal journal = SqliteJournal.open(db())) {
            List<StepAttempt> attempts = journal.attempts("c-20261208-a", VM1);
            assertEquals(List.of(
                    new StepAttempt(new AttemptKey("c-20261208-a", VM1, "deallocate", 1), 1, AttemptState.FAILED, T0,
                            T0.plusSeconds(5), List.of("req-a", "req-b"),
                            "https://management.azure.com/op/1?api-version=2024-11-01", "deallocate",
                            "{\"httpStatus\":409}", "Conflict", "The operation is not allowed"),
                    new StepAttempt(new AttemptKey("c-20261208-a", VM1, "deallocate", 2), 2, AttemptState.COMPLETED,
                            T0.plusSeconds(6), T0.plusSeconds(40), List.of("req-c"), null, null, null, null, null)),
                    attempts);
            assertEquals(attempts.get(1), journal.attempt(new AttemptKey("c-20261208-a", VM1, "deallocate", 2)).orElseThrow());
            assertTrue(journal.openAttempts("c-20261208-a").isEmpty());
        }
    }

    @Test
    void aStartedAttemptWithoutAnEndSurvivesReopenAndIsReportedOpen() {
        AttemptKey key;
        try (SqliteJournal journal = SqliteJournal.open(db())) {
            journal.createCampaign(campaign());
            journal.saveVm(CampaignVm.pending("c-20261208-a", VM1, "{}"));
            journal.saveVm(CampaignVm.pending("c-20261208-a", VM2, "{}"));
            journal.completeAttempt(journal.startAttempt("c-20261208-a", VM1, "inspect", T0).key(), T0, List.of(), null);
            key = journal.startAttempt("c-20261208-a", VM1, "set-trusted-launch", T0.plusSeconds(1)).key();
            journal.recordOperation(key, "https://arm/op/7", "set-trusted-launch", List.of("req-7"));
            journal.completeAttempt(journal.startAttempt("c-20261208-a", VM2, "inspect", T0).key(), T0, List.of(), null);
        }
        try (SqliteJournal journal = SqliteJournal.open(db())) {
            List<StepAttempt> open = journal.openAttempts("c-20261208-a");
            assertEquals(1, open.size());
            StepAttempt attempt = open.get(0);
            assertEquals(key, attempt.key());
            assertTrue(attempt.isOpen());
            assertNull(attempt.ended());
            assertEquals("https://arm/op/7", attempt.operationUrl());
            assertEquals(List.of("req-7"), attempt.requestIds());

            Map<String, StepAttempt> last = journal.lastAttempts("c-20261208-a");
            assertEquals("set-trusted-launch", last.get(VM1).key().step());
            assertEquals("inspect", last.get(VM2).key().step());
            assertFalse(last.get(VM2).isOpen());
        }
    }

    @Test
    void anOpenAttemptMustBeEndedBeforeTheStepIsStartedAgainAndEndsOnlyOnce() {
        try (SqliteJournal journal = SqliteJournal.open(db())) {
            journal.createCampaign(campaign());
            journal.saveVm(CampaignVm.pending("c-20261208-a", VM1, "{}"));
            StepAttempt started = journal.startAttempt("c-20261208-a", VM1, "protect", T0);
            JournalException refused = assertThrows(JournalException.class,
                    () -> journal.startAttempt("c-20261208-a", VM1, "protect", T0));
            assertTrue(refused.getMessage().contains("open attempt 1"), refused.getMessage());
            journal.completeAttempt(started.key(), T0, List.of(), null);
            assertThrows(JournalException.class, () -> journal.failAttempt(started.key(), T0, List.of(), "x", "y", null));
            assertThrows(JournalException.class, () -> journal.recordOperation(started.key(), "u", "k", List.of()));
            assertEquals(AttemptState.COMPLETED, journal.attempt(started.key()).orElseThrow().state());
        }
    }

    @Test
    void malformedJsonIsRefusedWhenTheRecordIsMade() {
        assertThrows(IllegalArgumentException.class,
                () -> new Campaign("c", T0, "{not json", "0.1.0", CampaignState.RUNNING));
        assertThrows(IllegalArgumentException.class,
                () -> CampaignVm.pending("c", VM1, "{}").withFindingsJson("{}"));
    }

    @Test
    void anArtifactIsSavedBesideTheJournalAndItsRowRoundTrips() throws Exception {
        byte[] log = "MBR2GPT: Attempting to validate disk 0\nCannot find room for the EFI system partition\n"
                .getBytes(StandardCharsets.UTF_8);
        Artifact saved;
        try (SqliteJournal journal = SqliteJournal.open(db())) {
            journal.createCampaign(campaign());
            journal.saveVm(CampaignVm.pending("c-20261208-a", VM1, "{}"));
            journal.saveVm(CampaignVm.pending("c-20261208-a", VM2, "{}"));
            journal.saveArtifact("c-20261208-a", VM1, "setupact.log", "old".getBytes(StandardCharsets.UTF_8), T0);
            saved = journal.saveArtifact("c-20261208-a", VM1, "setupact.log", log, T0.plusSeconds(1));
            journal.saveArtifact("c-20261208-a", VM2, "setupact.log", "other".getBytes(StandardCharsets.UTF_8), T0);
            assertThrows(IllegalArgumentException.class,
                    () -> journal.saveArtifact("c-20261208-a", VM1, "../escape.log", log, T0));
            assertThrows(JournalException.class,
                    () -> journal.saveArtifact("c-20261208-a", "unknown-vm", "setupact.log", log, T0));
        }
        try (SqliteJournal journal = SqliteJournal.open(db())) {
            assertEquals(dir.resolve("trustlift-journal.db.d").toAbsolutePath(), journal.artifactFolder());
            assertEquals(List.of(saved), journal.artifacts("c-20261208-a", VM1));
            assertEquals(log.length, saved.sizeBytes());
            Path file = journal.artifactFolder().resolve(saved.relativePath());
            assertArrayEquals(log, Files.readAllBytes(file));
            assertTrue(saved.relativePath().matches("c-20261208-a-[0-9a-f]{8}/web-1-[0-9a-f]{8}/setupact.log"),
                    saved.relativePath());
            Artifact other = journal.artifacts("c-20261208-a", VM2).get(0);
            assertFalse(other.relativePath().equals(saved.relativePath()), "two VMs named web-1 keep their own files");
            assertEquals(java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(log)), saved.sha256());
        }
    }

    @Test
    void theFileIsInWalMode() throws Exception {
        SqliteJournal.open(db()).close();
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db());
             ResultSet rs = raw.createStatement().executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertEquals("wal", rs.getString(1));
        }
    }

    @Test
    void aFileThatIsNotAJournalIsRefusedWithAClearMessage() throws Exception {
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db())) {
            raw.createStatement().executeUpdate("CREATE TABLE photos (id INTEGER)");
        }
        JournalException e = assertThrows(JournalException.class, () -> SqliteJournal.open(db()));
        assertTrue(e.getMessage().contains("not a trustlift journal"), e.getMessage());

        Path text = dir.resolve("notes.db");
        Files.writeString(text, "this is not a database at all, just some words that fill a page".repeat(20));
        assertThrows(JournalException.class, () -> SqliteJournal.open(text));
    }
}
