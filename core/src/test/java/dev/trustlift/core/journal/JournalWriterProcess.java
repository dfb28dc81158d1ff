package dev.trustlift.core.journal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The child JVM of {@link JournalCrashTest}: writes attempts as fast as it can and prints a line
 * after each write has returned, until it is killed. Args: journal path, campaign id, VM id.
 */
public final class JournalWriterProcess {
    private JournalWriterProcess() {
    }

    public static void main(String[] args) {
        String campaignId = args[1];
        String vmId = args[2];
        // A detail bigger than a page, so a torn write would show as a broken JSON object.
        String detail = "{\"pad\":\"" + "x".repeat(6000) + "\"}";
        SqliteJournal journal = SqliteJournal.open(Path.of(args[0]));
        journal.createCampaign(new Campaign(campaignId, Instant.now(), "{}", "test", CampaignState.RUNNING));
        journal.saveVm(CampaignVm.pending(campaignId, vmId, "{}"));
        System.out.println("ready");
        System.out.flush();
        for (int i = 0; ; i++) {
            StepAttempt started = journal.startAttempt(campaignId, vmId, "step-" + i, Instant.now());
            System.out.println("started " + i);
            System.out.flush();
            journal.completeAttempt(started.key(), Instant.now(), List.of("req-" + i), detail);
            System.out.println("completed " + i);
            System.out.flush();
        }
    }
}
