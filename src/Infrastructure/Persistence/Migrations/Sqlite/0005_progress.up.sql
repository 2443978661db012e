-- Progress read models derived from the statement ledger (docs/decisions/0005); see the PostgreSQL migration.
-- Times are Unix milliseconds, ids lower-case UUID text, registration the nil UUID when a statement has none.
CREATE TABLE attempts (
    tenant_id       TEXT NOT NULL,
    learner_key     TEXT NOT NULL,
    activity_id     TEXT NOT NULL,
    registration    TEXT NOT NULL,
    attempt_number  INTEGER NOT NULL,
    course_id       TEXT,
    state           INTEGER NOT NULL,
    outcome         INTEGER NOT NULL,
    score_scaled    REAL,
    score_raw       REAL,
    score_min       REAL,
    score_max       REAL,
    success         INTEGER,
    completion      INTEGER,
    opened_at       INTEGER NOT NULL,
    closed_at       INTEGER,
    decided_by      TEXT,
    decided_at      INTEGER,
    PRIMARY KEY (tenant_id, learner_key, activity_id, registration, attempt_number)
);

CREATE TABLE interaction_results (
    tenant_id       TEXT NOT NULL,
    learner_key     TEXT NOT NULL,
    activity_id     TEXT NOT NULL,
    registration    TEXT NOT NULL,
    attempt_number  INTEGER NOT NULL,
    position        INTEGER NOT NULL,
    interaction_id  TEXT NOT NULL,
    correct         INTEGER,
    raw_score       REAL,
    response        TEXT,
    answered_at     INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, learner_key, activity_id, registration, attempt_number, interaction_id)
);

CREATE TABLE completion_records (
    tenant_id     TEXT NOT NULL,
    learner_key   TEXT NOT NULL,
    activity_id   TEXT NOT NULL,
    registration  TEXT NOT NULL,
    completed_at  INTEGER NOT NULL,
    statement_id  TEXT NOT NULL,
    PRIMARY KEY (tenant_id, learner_key, activity_id, registration)
);

CREATE TABLE pass_fail_records (
    tenant_id     TEXT NOT NULL,
    learner_key   TEXT NOT NULL,
    activity_id   TEXT NOT NULL,
    registration  TEXT NOT NULL,
    outcome       INTEGER NOT NULL,
    decided_at    INTEGER NOT NULL,
    statement_id  TEXT NOT NULL,
    PRIMARY KEY (tenant_id, learner_key, activity_id, registration)
);

CREATE TABLE projection_checkpoints (
    projection  TEXT PRIMARY KEY,
    last_seq    INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
