package dev.trustlift.core.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.cloud.VmRef;
import dev.trustlift.core.journal.Artifact;
import dev.trustlift.core.journal.AttemptState;
import dev.trustlift.core.journal.CampaignVm;
import dev.trustlift.core.journal.Journal;
import dev.trustlift.core.journal.StepAttempt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One VM's upgrade as its steps see it: which VM, its options, what earlier steps recorded, and
 * the operation the current step last started. Everything a step must know after a crash comes
 * from the journal ({@link #detailOf}, {@link #endedOperation}); {@link #scratch} is only memory
 * and starts empty in a resumed process. Written by one thread at a time (the runner never runs
 * two calls for one VM at once).
 */
public final class VmUpgrade {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Journal journal;
    private final VmRef ref;
    private final VmOptions options;
    private final Clock clock;
    private final Timing timing;
    private CampaignVm row;
    private StepAttempt attempt;
    private EndedOperation ended;
    private final Map<String, Object> scratch = new HashMap<>();
    private final Map<String, Object> memo = new HashMap<>();

    public VmUpgrade(Journal journal, CampaignVm row, Clock clock, Timing timing) {
        this.journal = journal;
        this.row = row;
        this.ref = VmRef.parse(row.vmId());
        this.options = VmOptions.fromJson(row.optionsJson());
        this.clock = clock;
        this.timing = timing;
    }

    public VmRef ref() {
        return ref;
    }

    public String campaignId() {
        return row.campaignId();
    }

    public VmOptions options() {
        return options;
    }

    public Instant now() {
        return clock.instant();
    }

    public Timing timing() {
        return timing;
    }

    /** The operation the current attempt started last, once it ended; empty before the step started one. */
    public Optional<EndedOperation> endedOperation() {
        return Optional.ofNullable(ended);
    }

    /** When the current attempt of the current step was journaled STARTED. */
    public Instant attemptStarted() {
        return attempt == null ? now() : attempt.started();
    }

    public int attemptNumber() {
        return attempt == null ? 1 : attempt.key().attempt();
    }

    /** What the last COMPLETED attempt of {@code step} journaled as its detail; empty if none or no detail. */
    public Optional<ObjectNode> detailOf(String step) {
        List<StepAttempt> all = journal.attempts(row.campaignId(), row.vmId());
        for (int i = all.size() - 1; i >= 0; i--) {
            StepAttempt a = all.get(i);
            if (a.key().step().equals(step) && a.state() == AttemptState.COMPLETED) {
                return Optional.ofNullable(a.detailJson()).map(VmUpgrade::parseObject);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code step} has a COMPLETED attempt in the journal. */
    public boolean completed(String step) {
        return journal.attempts(row.campaignId(), row.vmId()).stream()
                .anyMatch(a -> a.key().step().equals(step) && a.state() == AttemptState.COMPLETED);
    }

    public void addFinding(Finding finding) {
        List<Finding> all = new ArrayList<>(findings());
        all.removeIf(f -> f.rule().equals(finding.rule()) && f.message().equals(finding.message()));
        all.add(finding);
        save(row.withFindingsJson(FindingsJson.write(all)));
    }

    public List<Finding> findings() {
        return FindingsJson.read(row.findingsJson());
    }

    public Artifact saveArtifact(String name, byte[] content) {
        return journal.saveArtifact(row.campaignId(), row.vmId(), name, content, now());
    }

    public void recordRestorePoint(String restorePointId) {
        save(row.withRestorePointId(restorePointId));
    }

    public Optional<String> restorePointId() {
        return Optional.ofNullable(row.restorePointId());
    }

    /** Deallocate was requested: the downtime the report shows starts (kept if already set). */
    public void downtimeStarted() {
        if (row.downtimeStart() == null || row.downtimeEnd() != null) {
            save(row.withDowntime(now(), null));
        }
    }

    /** The VM runs again: the downtime ends. */
    public void downtimeEnded() {
        if (row.downtimeStart() != null && row.downtimeEnd() == null) {
            save(row.withDowntime(row.downtimeStart(), now()));
        }
    }

    /** Memory for the current step's calls in this process (lost on a crash, cleared at each new step). */
    public Map<String, Object> scratch() {
        return scratch;
    }

    /**
     * Memory shared by this VM's steps in this process (e.g. the facts assess read, for guest-probe),
     * kept across steps but lost on a crash: a step that finds it empty reads again.
     */
    public Map<String, Object> memo() {
        return memo;
    }

    // ---- for the runner ----

    CampaignVm row() {
        return row;
    }

    void save(CampaignVm updated) {
        row = updated;
        journal.saveVm(updated);
    }

    void beginAttempt(StepAttempt started) {
        attempt = started;
        ended = null;
    }

    StepAttempt attempt() {
        return attempt;
    }

    void operationEnded(EndedOperation operation) {
        ended = operation;
    }

    void stepFinished() {
        attempt = null;
        ended = null;
        scratch.clear();
    }

    static ObjectNode parseObject(String json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            return n instanceof ObjectNode o ? o : MAPPER.createObjectNode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }
}
