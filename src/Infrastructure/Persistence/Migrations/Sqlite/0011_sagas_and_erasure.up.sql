-- Saga instances and GDPR erasure requests (docs/decisions/0011); see the PostgreSQL migration.
-- Times are Unix milliseconds, ids lower-case UUID text.
CREATE TABLE saga_instances (
    saga_type       TEXT NOT NULL,
    correlation_id  TEXT NOT NULL,
    tenant_id       TEXT NOT NULL,
    current_state   TEXT NOT NULL,
    version         INTEGER NOT NULL,
    due_at          INTEGER,
    data            TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    PRIMARY KEY (saga_type, correlation_id)
);
CREATE INDEX saga_instances_state ON saga_instances (saga_type, current_state, updated_at);
CREATE INDEX saga_instances_due ON saga_instances (saga_type, due_at) WHERE due_at IS NOT NULL;
CREATE INDEX saga_instances_tenant ON saga_instances (tenant_id, saga_type);

CREATE TABLE erasure_requests (
    tenant_id     TEXT NOT NULL,
    id            TEXT NOT NULL,
    agent_hash    TEXT NOT NULL,
    placeholder   TEXT NOT NULL,
    requested_by  TEXT NOT NULL,
    requested_at  INTEGER NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('requested', 'erased', 'rebuilt', 'completed', 'failed')),
    pending_keys  TEXT,
    counts        TEXT,
    error         TEXT,
    completed_at  INTEGER,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX erasure_requests_requested ON erasure_requests (tenant_id, requested_at, id);

CREATE TABLE erasure_keys (
    tenant_id  TEXT PRIMARY KEY,
    hash_key   BLOB NOT NULL
);
