-- Progress read models, derived from the statement ledger by the progress projector (docs/decisions/0005).
-- They can be dropped and rebuilt from statements at any time. "registration" is the nil UUID when a
-- statement has none, so that it can be part of the keys.

-- Lets the projector read a tenant's statements in seq order.
CREATE INDEX statements_seq ON statements (tenant_id, seq);

CREATE TABLE attempts (
    tenant_id       uuid NOT NULL,
    learner_key     text NOT NULL,
    activity_id     text NOT NULL,
    registration    uuid NOT NULL,
    attempt_number  integer NOT NULL,
    course_id       text,
    state           smallint NOT NULL,
    outcome         smallint NOT NULL,
    score_scaled    double precision,
    score_raw       double precision,
    score_min       double precision,
    score_max       double precision,
    success         boolean,
    completion      boolean,
    opened_at       timestamptz NOT NULL,
    closed_at       timestamptz,
    decided_by      uuid,
    decided_at      timestamptz,
    PRIMARY KEY (tenant_id, learner_key, activity_id, registration, attempt_number)
);

CREATE TABLE interaction_results (
    tenant_id       uuid NOT NULL,
    learner_key     text NOT NULL,
    activity_id     text NOT NULL,
    registration    uuid NOT NULL,
    attempt_number  integer NOT NULL,
    position        integer NOT NULL,
    interaction_id  text NOT NULL,
    correct         boolean,
    raw_score       double precision,
    response        text,
    answered_at     timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, learner_key, activity_id, registration, attempt_number, interaction_id)
);

CREATE TABLE completion_records (
    tenant_id     uuid NOT NULL,
    learner_key   text NOT NULL,
    activity_id   text NOT NULL,
    registration  uuid NOT NULL,
    completed_at  timestamptz NOT NULL,
    statement_id  uuid NOT NULL,
    PRIMARY KEY (tenant_id, learner_key, activity_id, registration)
);

CREATE TABLE pass_fail_records (
    tenant_id     uuid NOT NULL,
    learner_key   text NOT NULL,
    activity_id   text NOT NULL,
    registration  uuid NOT NULL,
    outcome       smallint NOT NULL,
    decided_at    timestamptz NOT NULL,
    statement_id  uuid NOT NULL,
    PRIMARY KEY (tenant_id, learner_key, activity_id, registration)
);

-- Tenant isolation, as for the statement tables (0001).
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['attempts', 'interaction_results', 'completion_records', 'pass_fail_records'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
            USING (tenant_id = NULLIF(current_setting('lrs.tenant_id', true), '')::uuid)
            WITH CHECK (tenant_id = NULLIF(current_setting('lrs.tenant_id', true), '')::uuid)$p$, t);
    END LOOP;
END $$;

-- How far each projection has read the ledger (statement seq). Global: one row per projection across tenants,
-- holding no tenant data, so it has no row-level security.
CREATE TABLE projection_checkpoints (
    projection  text PRIMARY KEY,
    last_seq    bigint NOT NULL,
    updated_at  timestamptz NOT NULL
);
