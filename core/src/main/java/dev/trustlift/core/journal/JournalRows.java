package dev.trustlift.core.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/** Reads and binds journal rows; times are ISO-8601 UTC text, which round-trips an Instant exactly. */
final class JournalRows {
    static final String CAMPAIGN_COLUMNS = "id, created, options_json, tool_version, state";
    static final String VM_COLUMNS = "campaign_id, vm_id, options_json, state, current_step, restore_point_id, "
            + "downtime_start, downtime_end, findings_json, lease_owner, lease_expires";
    static final String ATTEMPT_COLUMNS = "campaign_id, vm_id, step, attempt, sequence, state, started, ended, "
            + "request_ids_json, operation_url, operation_kind, detail_json, error_code, error_message";
    static final String ARTIFACT_COLUMNS = "campaign_id, vm_id, name, relative_path, size_bytes, sha256, saved";

    private JournalRows() {
    }

    static Campaign campaign(ResultSet rs) throws SQLException {
        return new Campaign(rs.getString("id"), instant(rs, "created"), rs.getString("options_json"),
                rs.getString("tool_version"), CampaignState.valueOf(rs.getString("state")));
    }

    static CampaignVm vm(ResultSet rs) throws SQLException {
        return new CampaignVm(rs.getString("campaign_id"), rs.getString("vm_id"), rs.getString("options_json"),
                VmState.valueOf(rs.getString("state")), rs.getString("current_step"),
                rs.getString("restore_point_id"), instant(rs, "downtime_start"), instant(rs, "downtime_end"),
                rs.getString("findings_json"), rs.getString("lease_owner"), instant(rs, "lease_expires"));
    }

    static StepAttempt attempt(ResultSet rs) throws SQLException {
        AttemptKey key = new AttemptKey(rs.getString("campaign_id"), rs.getString("vm_id"), rs.getString("step"),
                rs.getInt("attempt"));
        return new StepAttempt(key, rs.getLong("sequence"), AttemptState.valueOf(rs.getString("state")),
                instant(rs, "started"), instant(rs, "ended"), JsonText.stringList(rs.getString("request_ids_json")),
                rs.getString("operation_url"), rs.getString("operation_kind"), rs.getString("detail_json"),
                rs.getString("error_code"), rs.getString("error_message"));
    }

    static Artifact artifact(ResultSet rs) throws SQLException {
        return new Artifact(rs.getString("campaign_id"), rs.getString("vm_id"), rs.getString("name"),
                rs.getString("relative_path"), rs.getLong("size_bytes"), rs.getString("sha256"), instant(rs, "saved"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        return text == null ? null : Instant.parse(text);
    }

    static void bind(PreparedStatement statement, int index, Instant value) throws SQLException {
        bind(statement, index, value == null ? null : value.toString());
    }

    static void bind(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }
}
