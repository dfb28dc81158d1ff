package dev.trustlift.core.journal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The journal in one SQLite file (xerial sqlite-jdbc), used through java.sql only.
 *
 * <p>WAL mode with {@code synchronous=FULL}: each commit is fsynced before it returns, so a
 * STARTED row survives a crash of the process and a loss of power alike (NORMAL would be faster
 * but may lose the last commits on power loss, which is exactly the row a resume needs). One
 * connection, guarded by a lock, serves all threads; every write is its own transaction, begun
 * IMMEDIATE (the write lock is taken at BEGIN, so another process on the same file waits its
 * busy timeout rather than failing half way).
 */
public final class SqliteJournal implements Journal {
    private static final int BUSY_TIMEOUT_MILLIS = 10_000;

    private final Path file;
    private final JournalConnection db;
    private final ArtifactFiles artifactFiles;
    private final Runnable afterClose;

    /**
     * A journal on {@code connection} whose artifacts lie beside {@code artifactsOf}: the reader of an
     * older schema reads a migrated copy of the file and the original's artifacts; {@code afterClose}
     * deletes that copy.
     */
    SqliteJournal(Path file, Connection connection, Path artifactsOf, Runnable afterClose) {
        this.file = file;
        this.db = new JournalConnection(file, connection);
        this.artifactFiles = new ArtifactFiles(artifactsOf);
        this.afterClose = afterClose;
    }

    /** Opens the journal, creating it if missing, and brings its schema to this trustlift's version. */
    public static SqliteJournal open(Path file) {
        return open(file, SchemaMigration.known(), Clock.systemUTC());
    }

    /** Opens with the given migrations: tests use it to climb a ladder longer than the released one. */
    static SqliteJournal open(Path file, List<SchemaMigration> migrations, Clock clock) {
        return open(file, migrations, clock, file, () -> { });
    }

    static SqliteJournal open(Path file, List<SchemaMigration> migrations, Clock clock, Path artifactsOf,
                              Runnable afterClose) {
        SchemaLadder ladder = new SchemaLadder(migrations, clock);
        Connection connection = null;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new JournalException("the journal's folder does not exist: " + parent);
            }
            Properties properties = new Properties();
            properties.setProperty("transaction_mode", "IMMEDIATE");
            connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), properties);
            configure(connection, file);
            ladder.climb(connection, file);
            return new SqliteJournal(file, connection, artifactsOf, afterClose);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new JournalException("could not open the journal " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    private static void configure(Connection connection, Path file) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
                String mode = rs.next() ? rs.getString(1) : "";
                if (!mode.equalsIgnoreCase("wal")) {
                    throw new JournalException("the journal " + file + " cannot use SQLite's WAL mode (got '" + mode
                            + "'); put it on a local file system.");
                }
            }
            s.execute("PRAGMA synchronous = FULL");
            s.execute("PRAGMA foreign_keys = ON");
        }
    }

    /** The journal file this was opened on. */
    public Path file() {
        return file;
    }

    @Override
    public Path artifactFolder() {
        return artifactFiles.folder();
    }

    @Override
    public void createCampaign(Campaign c) {
        createCampaign(c, List.of());
    }

    @Override
    public void createCampaign(Campaign c, List<CampaignVm> vms) {
        for (CampaignVm vm : vms) {
            if (!vm.campaignId().equals(c.id())) {
                throw new IllegalArgumentException(vm.vmId() + " belongs to campaign " + vm.campaignId() + ", not " + c.id());
            }
        }
        db.write("create the campaign " + c.id() + " with " + vms.size() + " VMs", () -> {
            try (PreparedStatement s = db.prepare(
                    "INSERT INTO campaign (" + JournalRows.CAMPAIGN_COLUMNS + ") VALUES (?, ?, ?, ?, ?)")) {
                s.setString(1, c.id());
                JournalRows.bind(s, 2, c.created());
                s.setString(3, c.optionsJson());
                s.setString(4, c.toolVersion());
                s.setString(5, c.state().name());
                s.executeUpdate();
            }
            for (CampaignVm vm : vms) {
                upsertVm(vm);
            }
            return null;
        });
    }

    @Override
    public void setCampaignState(String campaignId, CampaignState state) {
        db.write("set the state of campaign " + campaignId, () -> {
            requireOneRow(db.update("UPDATE campaign SET state = ? WHERE id = ?", state.name(), campaignId),
                    "no campaign " + campaignId);
            return null;
        });
    }

    @Override
    public Optional<Campaign> campaign(String campaignId) {
        return db.read(() -> first(db.query("SELECT " + JournalRows.CAMPAIGN_COLUMNS + " FROM campaign WHERE id = ?",
                JournalRows::campaign, campaignId)));
    }

    @Override
    public List<Campaign> campaigns() {
        return db.read(() -> db.query("SELECT " + JournalRows.CAMPAIGN_COLUMNS + " FROM campaign ORDER BY created, id",
                JournalRows::campaign));
    }

    @Override
    public void saveVm(CampaignVm vm) {
        db.write("save VM " + vm.vmId(), () -> {
            upsertVm(vm);
            return null;
        });
    }

    private void upsertVm(CampaignVm vm) throws java.sql.SQLException {
        try (PreparedStatement s = db.prepare("INSERT INTO campaign_vm (" + JournalRows.VM_COLUMNS
                + ", added_order) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + "(SELECT COALESCE(MAX(added_order), 0) + 1 FROM campaign_vm WHERE campaign_id = ?)) "
                + "ON CONFLICT (campaign_id, vm_id) DO UPDATE SET options_json = excluded.options_json, "
                + "state = excluded.state, current_step = excluded.current_step, "
                + "restore_point_id = excluded.restore_point_id, downtime_start = excluded.downtime_start, "
                + "downtime_end = excluded.downtime_end, findings_json = excluded.findings_json, "
                + "lease_owner = excluded.lease_owner, lease_expires = excluded.lease_expires")) {
            s.setString(1, vm.campaignId());
            s.setString(2, vm.vmId());
            s.setString(3, vm.optionsJson());
            s.setString(4, vm.state().name());
            JournalRows.bind(s, 5, vm.currentStep());
            JournalRows.bind(s, 6, vm.restorePointId());
            JournalRows.bind(s, 7, vm.downtimeStart());
            JournalRows.bind(s, 8, vm.downtimeEnd());
            s.setString(9, vm.findingsJson());
            JournalRows.bind(s, 10, vm.leaseOwner());
            JournalRows.bind(s, 11, vm.leaseExpires());
            s.setString(12, vm.campaignId());
            s.executeUpdate();
        }
    }

    @Override
    public Optional<CampaignVm> vm(String campaignId, String vmId) {
        return db.read(() -> first(db.query("SELECT " + JournalRows.VM_COLUMNS
                + " FROM campaign_vm WHERE campaign_id = ? AND vm_id = ?", JournalRows::vm, campaignId, vmId)));
    }

    @Override
    public List<CampaignVm> vms(String campaignId) {
        return db.read(() -> db.query("SELECT " + JournalRows.VM_COLUMNS
                + " FROM campaign_vm WHERE campaign_id = ? ORDER BY added_order", JournalRows::vm, campaignId));
    }

    @Override
    public List<CampaignVm> vmsIn(String campaignId, VmState state) {
        return db.read(() -> db.query("SELECT " + JournalRows.VM_COLUMNS
                + " FROM campaign_vm WHERE campaign_id = ? AND state = ? ORDER BY added_order",
                JournalRows::vm, campaignId, state.name()));
    }

    @Override
    public Map<VmState, Integer> countsByState(String campaignId) {
        return db.read(() -> {
            Map<VmState, Integer> counts = new EnumMap<>(VmState.class);
            for (VmState state : VmState.values()) {
                counts.put(state, 0);
            }
            for (Map.Entry<VmState, Integer> row : db.query("SELECT state, COUNT(*) FROM campaign_vm "
                    + "WHERE campaign_id = ? GROUP BY state",
                    rs -> Map.entry(VmState.valueOf(rs.getString(1)), rs.getInt(2)), campaignId)) {
                counts.put(row.getKey(), row.getValue());
            }
            return counts;
        });
    }

    @Override
    public StepAttempt startAttempt(String campaignId, String vmId, String step, Instant started) {
        return db.write("start step " + step + " of VM " + vmId, () -> {
            List<Integer> open = db.query("SELECT attempt FROM step_attempt WHERE campaign_id = ? AND vm_id = ? "
                    + "AND step = ? AND state = 'STARTED'", rs -> rs.getInt(1), campaignId, vmId, step);
            if (!open.isEmpty()) {
                throw new JournalException("step " + step + " of VM " + vmId + " already has an open attempt "
                        + open.get(0) + "; end it (after re-reading the real state) before starting another");
            }
            int attempt = db.query("SELECT COALESCE(MAX(attempt), 0) FROM step_attempt WHERE campaign_id = ? "
                    + "AND vm_id = ? AND step = ?", rs -> rs.getInt(1), campaignId, vmId, step).get(0) + 1;
            long sequence = db.query("SELECT COALESCE(MAX(sequence), 0) FROM step_attempt WHERE campaign_id = ? "
                    + "AND vm_id = ?", rs -> rs.getLong(1), campaignId, vmId).get(0) + 1;
            StepAttempt row = new StepAttempt(new AttemptKey(campaignId, vmId, step, attempt), sequence,
                    AttemptState.STARTED, started, null, List.of(), null, null, null, null, null);
            db.update("INSERT INTO step_attempt (campaign_id, vm_id, step, attempt, sequence, state, started, "
                    + "request_ids_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", campaignId, vmId, step, attempt, sequence,
                    AttemptState.STARTED.name(), started.toString(), "[]");
            return row;
        });
    }

    @Override
    public void recordOperation(AttemptKey key, String operationUrl, String operationKind, List<String> requestIds) {
        db.write("record the operation of " + key, () -> {
            String ids = JsonText.stringList(mergedRequestIds(key, requestIds));
            requireOneRow(db.update("UPDATE step_attempt SET operation_url = ?, operation_kind = ?, request_ids_json = ? "
                    + "WHERE campaign_id = ? AND vm_id = ? AND step = ? AND attempt = ? AND state = 'STARTED'",
                    operationUrl, operationKind, ids, key.campaignId(), key.vmId(), key.step(), key.attempt()),
                    "no open attempt " + key);
            return null;
        });
    }

    @Override
    public void completeAttempt(AttemptKey key, Instant ended, List<String> requestIds, String detailJson) {
        end(key, AttemptState.COMPLETED, ended, requestIds, null, null, detailJson);
    }

    @Override
    public void failAttempt(AttemptKey key, Instant ended, List<String> requestIds, String errorCode,
                            String errorMessage, String detailJson) {
        end(key, AttemptState.FAILED, ended, requestIds, errorCode, errorMessage, detailJson);
    }

    private void end(AttemptKey key, AttemptState state, Instant ended, List<String> requestIds, String errorCode,
                     String errorMessage, String detailJson) {
        if (detailJson != null) {
            JsonText.requireObject(detailJson, "detailJson");
        }
        db.write("end " + key + " " + state, () -> {
            String ids = JsonText.stringList(mergedRequestIds(key, requestIds));
            requireOneRow(db.update("UPDATE step_attempt SET state = ?, ended = ?, request_ids_json = ?, detail_json = ?, "
                    + "error_code = ?, error_message = ? WHERE campaign_id = ? AND vm_id = ? AND step = ? "
                    + "AND attempt = ? AND state = 'STARTED'", state.name(), ended.toString(), ids, detailJson,
                    errorCode, errorMessage, key.campaignId(), key.vmId(), key.step(), key.attempt()),
                    "no open attempt " + key + " (unknown, or already ended)");
            return null;
        });
    }

    private List<String> mergedRequestIds(AttemptKey key, List<String> added) throws SQLException {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (String json : db.query("SELECT request_ids_json FROM step_attempt WHERE campaign_id = ? AND vm_id = ? "
                + "AND step = ? AND attempt = ?", rs -> rs.getString(1), key.campaignId(), key.vmId(), key.step(),
                key.attempt())) {
            ids.addAll(JsonText.stringList(json));
        }
        ids.addAll(added);
        return List.copyOf(ids);
    }

    @Override
    public Optional<StepAttempt> attempt(AttemptKey key) {
        return db.read(() -> first(db.query("SELECT " + JournalRows.ATTEMPT_COLUMNS + " FROM step_attempt "
                + "WHERE campaign_id = ? AND vm_id = ? AND step = ? AND attempt = ?", JournalRows::attempt,
                key.campaignId(), key.vmId(), key.step(), key.attempt())));
    }

    @Override
    public List<StepAttempt> attempts(String campaignId, String vmId) {
        return db.read(() -> db.query("SELECT " + JournalRows.ATTEMPT_COLUMNS + " FROM step_attempt "
                + "WHERE campaign_id = ? AND vm_id = ? ORDER BY sequence", JournalRows::attempt, campaignId, vmId));
    }

    @Override
    public List<StepAttempt> openAttempts(String campaignId) {
        return db.read(() -> db.query("SELECT " + JournalRows.ATTEMPT_COLUMNS + " FROM step_attempt "
                + "WHERE campaign_id = ? AND state = 'STARTED' AND ended IS NULL ORDER BY vm_id, sequence",
                JournalRows::attempt, campaignId));
    }

    @Override
    public Map<String, StepAttempt> lastAttempts(String campaignId) {
        return db.read(() -> {
            Map<String, StepAttempt> last = new LinkedHashMap<>();
            for (StepAttempt a : db.query("SELECT " + prefixed("a", JournalRows.ATTEMPT_COLUMNS) + " FROM step_attempt a "
                    + "JOIN (SELECT vm_id, MAX(sequence) AS last_sequence FROM step_attempt WHERE campaign_id = ? "
                    + "GROUP BY vm_id) l ON a.vm_id = l.vm_id AND a.sequence = l.last_sequence "
                    + "WHERE a.campaign_id = ? ORDER BY a.vm_id", JournalRows::attempt, campaignId, campaignId)) {
                last.put(a.key().vmId(), a);
            }
            return last;
        });
    }

    @Override
    public Artifact saveArtifact(String campaignId, String vmId, String name, byte[] content, Instant saved) {
        return db.write("save artifact " + name + " of VM " + vmId, () -> {
            if (db.query("SELECT vm_id FROM campaign_vm WHERE campaign_id = ? AND vm_id = ?", rs -> rs.getString(1),
                    campaignId, vmId).isEmpty()) {
                throw new JournalException("no VM " + vmId + " in campaign " + campaignId);
            }
            ArtifactFiles.Written written = artifactFiles.write(campaignId, vmId, name, content);
            Artifact artifact = new Artifact(campaignId, vmId, name, written.relativePath(), written.size(),
                    written.sha256(), saved);
            db.update("INSERT INTO artifact (" + JournalRows.ARTIFACT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (campaign_id, vm_id, name) DO UPDATE SET relative_path = excluded.relative_path, "
                    + "size_bytes = excluded.size_bytes, sha256 = excluded.sha256, saved = excluded.saved",
                    campaignId, vmId, name, artifact.relativePath(), artifact.sizeBytes(), artifact.sha256(),
                    saved.toString());
            return artifact;
        });
    }

    @Override
    public List<Artifact> artifacts(String campaignId, String vmId) {
        return db.read(() -> db.query("SELECT " + JournalRows.ARTIFACT_COLUMNS + " FROM artifact "
                + "WHERE campaign_id = ? AND vm_id = ? ORDER BY name", JournalRows::artifact, campaignId, vmId));
    }

    @Override
    public void close() {
        try {
            db.close();
        } finally {
            afterClose.run();
        }
    }

    private static void requireOneRow(int rows, String otherwise) {
        if (rows != 1) {
            throw new JournalException(otherwise);
        }
    }

    private static <T> Optional<T> first(List<T> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private static String prefixed(String alias, String columns) {
        return alias + "." + columns.replace(", ", ", " + alias + ".");
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // The open already failed; that failure is the one to report.
            }
        }
    }
}
