CREATE TABLE tenants (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE credentials (
    id           TEXT PRIMARY KEY,
    tenant_id    TEXT NOT NULL REFERENCES tenants (id),
    key          TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    secret_hash  TEXT NOT NULL,
    scopes       INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    revoked_at   TEXT
);
CREATE INDEX credentials_tenant ON credentials (tenant_id);

-- The statement ledger. "stored" is Unix milliseconds; ids are lower-case UUID text.
CREATE TABLE statements (
    seq                  INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id            TEXT NOT NULL,
    stored               INTEGER NOT NULL,
    statement_id         TEXT NOT NULL,
    verb_id              TEXT NOT NULL,
    object_activity_id   TEXT,
    object_statement_id  TEXT,
    registration         TEXT,
    authority_key        TEXT NOT NULL,
    is_voiding           INTEGER NOT NULL,
    payload              TEXT NOT NULL
);
CREATE INDEX statements_order ON statements (tenant_id, stored, seq);
CREATE INDEX statements_id ON statements (tenant_id, statement_id);
CREATE INDEX statements_verb ON statements (tenant_id, verb_id, stored);
CREATE INDEX statements_activity ON statements (tenant_id, object_activity_id, stored) WHERE object_activity_id IS NOT NULL;
CREATE INDEX statements_registration ON statements (tenant_id, registration, stored) WHERE registration IS NOT NULL;
CREATE INDEX statements_ref ON statements (tenant_id, object_statement_id) WHERE object_statement_id IS NOT NULL;

CREATE TABLE statement_ids (
    tenant_id     TEXT NOT NULL,
    statement_id  TEXT NOT NULL,
    stored        INTEGER NOT NULL,
    is_voiding    INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, statement_id)
);

CREATE TABLE statement_agents (
    tenant_id     TEXT NOT NULL,
    statement_id  TEXT NOT NULL,
    agent_key     TEXT NOT NULL,
    direct        INTEGER NOT NULL
);
CREATE INDEX statement_agents_key ON statement_agents (tenant_id, agent_key, statement_id);

CREATE TABLE statement_activities (
    tenant_id     TEXT NOT NULL,
    statement_id  TEXT NOT NULL,
    activity_id   TEXT NOT NULL,
    direct        INTEGER NOT NULL
);
CREATE INDEX statement_activities_key ON statement_activities (tenant_id, activity_id, statement_id);

CREATE TABLE statement_voids (
    tenant_id   TEXT NOT NULL,
    target_id   TEXT NOT NULL,
    voiding_id  TEXT NOT NULL,
    PRIMARY KEY (tenant_id, target_id)
);
