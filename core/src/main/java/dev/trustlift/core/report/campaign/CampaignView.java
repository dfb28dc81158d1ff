package dev.trustlift.core.report.campaign;

import dev.trustlift.core.journal.Campaign;
import dev.trustlift.core.journal.StepAttempt;
import dev.trustlift.core.journal.VmState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What status and report show of one campaign, read from the journal once: the campaign, its VMs
 * in the order they were added, the count of VMs per state (every state a key), and the figures of
 * the summary, computed here so that every format shows the same numbers.
 *
 * @param journalFile    the journal it was read from, as the user named it
 * @param artifactFolder the folder artifact paths are relative to
 * @param generatedAt    when it was read (a running step's "since" is measured against it)
 */
public record CampaignView(Path journalFile, Path artifactFolder, Campaign campaign, List<VmRun> vms,
                           Map<VmState, Integer> counts, Instant generatedAt) {
    public CampaignView {
        Objects.requireNonNull(journalFile, "journalFile");
        Objects.requireNonNull(campaign, "campaign");
        vms = List.copyOf(vms);
        counts = Map.copyOf(counts);
    }

    /** The start of the first attempt of any VM. */
    public Optional<Instant> firstStart() {
        return attempts().map(StepAttempt::started).min(Comparator.naturalOrder());
    }

    /** The end of the last attempt that ended. */
    public Optional<Instant> lastEnd() {
        return attempts().map(StepAttempt::ended).filter(Objects::nonNull).max(Comparator.naturalOrder());
    }

    /** First attempt start -> last attempt end; empty before any attempt ended. */
    public Optional<Duration> wallTime() {
        return firstStart().flatMap(start -> lastEnd().map(end -> Duration.between(start, end)));
    }

    /** The sum of the VMs' ended downtimes (an ongoing one is not counted: see {@link #ongoingDowntimes}). */
    public Duration totalDowntime() {
        return vms.stream().map(VmRun::downtime).flatMap(Optional::stream).reduce(Duration.ZERO, Duration::plus);
    }

    /** The longest ended downtime of any VM, with the VM. */
    public Optional<VmRun> longestDowntime() {
        return vms.stream().filter(vm -> vm.downtime().isPresent())
                .max(Comparator.comparing(vm -> vm.downtime().orElseThrow()));
    }

    /** VMs that were deallocated and not yet seen running again. */
    public long ongoingDowntimes() {
        return vms.stream().filter(VmRun::downtimeOngoing).count();
    }

    private java.util.stream.Stream<StepAttempt> attempts() {
        return vms.stream().flatMap(vm -> vm.attempts().stream());
    }
}
