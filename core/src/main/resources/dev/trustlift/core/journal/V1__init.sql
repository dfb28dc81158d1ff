-- The journal's first schema. Kept to SQL that SQLite and PostgreSQL both accept: TEXT, BIGINT and
-- INTEGER columns, explicit keys (no AUTOINCREMENT or SERIAL), times as ISO-8601 UTC text (Instant),
-- JSON as TEXT. A migration file never changes once released: later versions add V2__..., V3__...

CREATE TABLE campaign (
    id            TEXT    NOT NULL PRIMARY KEY,
    created       TEXT    NOT NULL,
    options_json  TEXT    NOT NULL,
    tool_version  TEXT    NOT NULL,
    state         TEXT    NOT NULL
);

-- added_order keeps the order VMs were added in; lease_owner/lease_expires are for the
-- multi-worker journal (row leases with SKIP LOCKED) and stay NULL in SQLite.
CREATE TABLE campaign_vm (
    campaign_id       TEXT    NOT NULL REFERENCES campaign (id),
    vm_id             TEXT    NOT NULL,
    added_order       BIGINT  NOT NULL,
    options_json      TEXT    NOT NULL,
    state             TEXT    NOT NULL,
    current_step      TEXT,
    restore_point_id  TEXT,
    downtime_start    TEXT,
    downtime_end      TEXT,
    findings_json     TEXT    NOT NULL,
    lease_owner       TEXT,
    lease_expires     TEXT,
    PRIMARY KEY (campaign_id, vm_id)
);

CREATE INDEX campaign_vm_by_state ON campaign_vm (campaign_id, state);

-- One row per attempt of a step, written STARTED before the step acts. sequence numbers a VM's
-- attempts across steps (one worker holds a VM at a time, so max + 1 inside the write's
-- transaction is enough); the unique key makes a race fail loudly instead of interleaving.
CREATE TABLE step_attempt (
    campaign_id       TEXT    NOT NULL,
    vm_id             TEXT    NOT NULL,
    step              TEXT    NOT NULL,
    attempt           INTEGER NOT NULL,
    sequence          BIGINT  NOT NULL,
    state             TEXT    NOT NULL,
    started           TEXT    NOT NULL,
    ended             TEXT,
    request_ids_json  TEXT    NOT NULL,
    operation_url     TEXT,
    operation_kind    TEXT,
    detail_json       TEXT,
    error_code        TEXT,
    error_message     TEXT,
    PRIMARY KEY (campaign_id, vm_id, step, attempt),
    UNIQUE (campaign_id, vm_id, sequence),
    FOREIGN KEY (campaign_id, vm_id) REFERENCES campaign_vm (campaign_id, vm_id)
);

CREATE INDEX step_attempt_open ON step_attempt (campaign_id, state);

CREATE TABLE artifact (
    campaign_id    TEXT    NOT NULL,
    vm_id          TEXT    NOT NULL,
    name           TEXT    NOT NULL,
    relative_path  TEXT    NOT NULL,
    size_bytes     BIGINT  NOT NULL,
    sha256         TEXT    NOT NULL,
    saved          TEXT    NOT NULL,
    PRIMARY KEY (campaign_id, vm_id, name),
    FOREIGN KEY (campaign_id, vm_id) REFERENCES campaign_vm (campaign_id, vm_id)
);
