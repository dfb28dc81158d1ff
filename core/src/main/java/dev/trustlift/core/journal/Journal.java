package dev.trustlift.core.journal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The write-ahead record of campaigns: what the runner did to each VM, step by step, so that
 * {@code status}, {@code report} and {@code resume} can read it back after any stop or crash.
 *
 * <p>Every write is committed durably before its method returns: once
 * {@link #startAttempt} has returned, the STARTED row survives a crash of the process, so a
 * step may act. Records only; the journal never calls the cloud. Implementations are safe to use
 * from several threads.
 */
public interface Journal extends AutoCloseable {

    /** The default journal file of the CLI, relative to the working directory. */
    Path DEFAULT_PATH = Path.of("trustlift-journal.db");

    void createCampaign(Campaign campaign);

    /**
     * Creates the campaign with its VMs in one transaction: a process killed while it creates a
     * campaign leaves either all of it or nothing, never a campaign missing VMs that resume would
     * silently skip.
     */
    void createCampaign(Campaign campaign, List<CampaignVm> vms);

    void setCampaignState(String campaignId, CampaignState state);

    Optional<Campaign> campaign(String campaignId);

    /** All campaigns, oldest first. */
    List<Campaign> campaigns();

    /** Adds the VM to its campaign, or replaces what the journal holds for it. */
    void saveVm(CampaignVm vm);

    Optional<CampaignVm> vm(String campaignId, String vmId);

    /** The campaign's VMs in the order they were added. */
    List<CampaignVm> vms(String campaignId);

    List<CampaignVm> vmsIn(String campaignId, VmState state);

    /** How many of the campaign's VMs are in each state; every state is a key, 0 when none. */
    Map<VmState, Integer> countsByState(String campaignId);

    /**
     * Writes a STARTED attempt of the step before it acts, numbered one past the step's last
     * attempt on this VM, and returns it once it is durable.
     */
    StepAttempt startAttempt(String campaignId, String vmId, String step, Instant started);

    /**
     * Records, on a STARTED attempt, the long-running operation it started and the request ids so
     * far; written as soon as ARM accepts the operation, so resume re-attaches to it.
     */
    void recordOperation(AttemptKey key, String operationUrl, String operationKind, List<String> requestIds);

    /** Ends a STARTED attempt COMPLETED; the request ids are added to those already recorded. */
    void completeAttempt(AttemptKey key, Instant ended, List<String> requestIds, String detailJson);

    /** Ends a STARTED attempt FAILED with an error code and message (both shown to the user). */
    void failAttempt(AttemptKey key, Instant ended, List<String> requestIds, String errorCode,
                     String errorMessage, String detailJson);

    Optional<StepAttempt> attempt(AttemptKey key);

    /** The VM's attempts in the order they were started. */
    List<StepAttempt> attempts(String campaignId, String vmId);

    /** The campaign's attempts that were STARTED and never ended, for resume to re-check. */
    List<StepAttempt> openAttempts(String campaignId);

    /** Each VM's most recently started attempt, by VM id; VMs with no attempt are absent. */
    Map<String, StepAttempt> lastAttempts(String campaignId);

    /**
     * Saves a file for the VM into the artifact folder and records it; saving a name again
     * replaces the file. Names are plain file names such as {@code setupact.log}.
     */
    Artifact saveArtifact(String campaignId, String vmId, String name, byte[] content, Instant saved);

    List<Artifact> artifacts(String campaignId, String vmId);

    /** The folder artifacts are saved under; {@link Artifact#relativePath()} is relative to it. */
    Path artifactFolder();

    @Override
    void close();
}
