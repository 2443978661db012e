-- Transactional outbox, inbox and dead letters; see the PostgreSQL migration.
CREATE TABLE outbox (
    position         INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id       TEXT NOT NULL UNIQUE,
    tenant_id        TEXT NOT NULL,
    message_type     TEXT NOT NULL,
    aggregate_key    TEXT NOT NULL,
    payload          TEXT NOT NULL,
    created_at       INTEGER NOT NULL,
    sent_at          INTEGER,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER,
    last_error       TEXT
);
CREATE INDEX outbox_unsent ON outbox (tenant_id, position) WHERE sent_at IS NULL;

CREATE TABLE inbox (
    consumer    TEXT NOT NULL,
    message_id  TEXT NOT NULL,
    handled_at  INTEGER NOT NULL,
    PRIMARY KEY (consumer, message_id)
);

CREATE TABLE dead_letters (
    id            TEXT PRIMARY KEY,
    tenant_id     TEXT NOT NULL,
    message_id    TEXT NOT NULL,
    message_type  TEXT NOT NULL,
    consumer      TEXT NOT NULL,
    payload       TEXT NOT NULL,
    error         TEXT NOT NULL,
    attempts      INTEGER NOT NULL,
    failed_at     INTEGER NOT NULL
);
CREATE INDEX dead_letters_tenant ON dead_letters (tenant_id, id);
