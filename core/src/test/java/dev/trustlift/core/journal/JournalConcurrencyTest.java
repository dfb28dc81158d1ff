package dev.trustlift.core.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalConcurrencyTest {
    @TempDir
    Path dir;

    @Test
    void severalThreadsWritingAttemptsLoseNothingAndNumberEachVmsAttemptsInOrder() throws Exception {
        int threads = 8;
        int perThread = 40;
        Path db = dir.resolve("j.db");
        try (SqliteJournal journal = SqliteJournal.open(db)) {
            journal.createCampaign(new Campaign("c", Instant.EPOCH, "{}", "test", CampaignState.RUNNING));
            for (int t = 0; t < threads; t++) {
                journal.saveVm(CampaignVm.pending("c", "vm-" + t, "{}"));
            }
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String vm = "vm-" + t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        // Two threads per step name would race on attempt numbers; one VM per thread
                        // is the runner's shape. All threads share the one connection.
                        StepAttempt a = journal.startAttempt("c", vm, "poll", Instant.now());
                        journal.completeAttempt(a.key(), Instant.now(), List.of(vm + "-" + i), null);
                        journal.saveVm(journal.vm("c", vm).orElseThrow().withState(VmState.IN_PROGRESS, "poll"));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
        }
        try (SqliteJournal journal = SqliteJournal.open(db)) {
            for (int t = 0; t < threads; t++) {
                List<StepAttempt> attempts = journal.attempts("c", "vm-" + t);
                assertEquals(LongStream.rangeClosed(1, perThread).boxed().toList(),
                        attempts.stream().map(StepAttempt::sequence).toList());
                assertEquals(attempts.stream().map(a -> (long) a.key().attempt()).toList(),
                        attempts.stream().map(StepAttempt::sequence).toList());
                for (int i = 0; i < perThread; i++) {
                    assertEquals(List.of("vm-" + t + "-" + i), attempts.get(i).requestIds());
                }
            }
            assertEquals(threads, journal.countsByState("c").get(VmState.IN_PROGRESS));
        }
    }
}
