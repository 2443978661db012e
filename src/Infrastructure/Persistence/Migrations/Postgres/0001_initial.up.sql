-- Tenants and their xAPI credentials: the roots of authentication, not tenant-scoped rows.
CREATE TABLE tenants (
    id          uuid PRIMARY KEY,
    name        text NOT NULL,
    created_at  timestamptz NOT NULL
);

CREATE TABLE credentials (
    id           uuid PRIMARY KEY,
    tenant_id    uuid NOT NULL REFERENCES tenants (id),
    key          text NOT NULL UNIQUE,
    name         text NOT NULL,
    secret_hash  text NOT NULL,
    scopes       integer NOT NULL,
    created_at   timestamptz NOT NULL,
    revoked_at   timestamptz
);
CREATE INDEX credentials_tenant ON credentials (tenant_id);

-- The statement ledger. Range-partitioned by month of "stored", each month hash-partitioned by tenant.
-- The JSON is kept exactly as the LRS serialised it on receipt; the other columns index the xAPI filters.
CREATE SEQUENCE statement_seq AS bigint;

CREATE TABLE statements (
    tenant_id            uuid NOT NULL,
    stored               timestamptz NOT NULL,
    seq                  bigint NOT NULL DEFAULT nextval('statement_seq'),
    statement_id         uuid NOT NULL,
    verb_id              text NOT NULL,
    object_activity_id   text,
    object_statement_id  uuid,
    registration         uuid,
    authority_key        text NOT NULL,
    is_voiding           boolean NOT NULL,
    payload              text NOT NULL
) PARTITION BY RANGE (stored);

CREATE INDEX statements_order ON statements (tenant_id, stored, seq);
CREATE INDEX statements_id ON statements (tenant_id, statement_id);
CREATE INDEX statements_verb ON statements (tenant_id, verb_id, stored);
CREATE INDEX statements_activity ON statements (tenant_id, object_activity_id, stored) WHERE object_activity_id IS NOT NULL;
CREATE INDEX statements_registration ON statements (tenant_id, registration, stored) WHERE registration IS NOT NULL;
CREATE INDEX statements_ref ON statements (tenant_id, object_statement_id) WHERE object_statement_id IS NOT NULL;

-- Catches rows whose month has no partition yet, so an insert never fails for want of one.
CREATE TABLE statements_default PARTITION OF statements DEFAULT;

-- Unique indexes on a partitioned table must contain the partition key, so the uniqueness of a
-- statement id within a tenant is enforced by this narrow, unpartitioned table written in the same transaction.
CREATE TABLE statement_ids (
    tenant_id     uuid NOT NULL,
    statement_id  uuid NOT NULL,
    stored        timestamptz NOT NULL,
    is_voiding    boolean NOT NULL,
    PRIMARY KEY (tenant_id, statement_id)
);

-- Agents and activities a statement mentions (Communication §2.1.3 agent/related_agents, activity/related_activities).
CREATE TABLE statement_agents (
    tenant_id     uuid NOT NULL,
    statement_id  uuid NOT NULL,
    agent_key     text NOT NULL,
    direct        boolean NOT NULL
);
CREATE INDEX statement_agents_key ON statement_agents (tenant_id, agent_key, statement_id);

CREATE TABLE statement_activities (
    tenant_id     uuid NOT NULL,
    statement_id  uuid NOT NULL,
    activity_id   text NOT NULL,
    direct        boolean NOT NULL
);
CREATE INDEX statement_activities_key ON statement_activities (tenant_id, activity_id, statement_id);

-- Statements voided by a voiding statement (Data §2.3.2). Append-only like the ledger.
CREATE TABLE statement_voids (
    tenant_id   uuid NOT NULL,
    target_id   uuid NOT NULL,
    voiding_id  uuid NOT NULL,
    PRIMARY KEY (tenant_id, target_id)
);

-- Tenant isolation: every statement row is visible only to transactions that set lrs.tenant_id to its tenant.
-- FORCE makes the policies apply to the owning role too; only superusers bypass them, and the LRS never runs as one.
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['statements', 'statement_ids', 'statement_agents', 'statement_activities', 'statement_voids'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
            USING (tenant_id = NULLIF(current_setting('lrs.tenant_id', true), '')::uuid)
            WITH CHECK (tenant_id = NULLIF(current_setting('lrs.tenant_id', true), '')::uuid)$p$, t);
    END LOOP;
END $$;

-- Creates the monthly partitions (each split into hash partitions by tenant) from p_from's month on.
-- Rows that fell into the default partition for a month being created are moved into it, in the same transaction.
CREATE FUNCTION lrs_ensure_statement_partitions(p_from date, p_months integer, p_hash_partitions integer DEFAULT 4)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    created integer := 0;
    month_start timestamptz;
    month_end timestamptz;
    month_name text;
BEGIN
    FOR i IN 0 .. p_months - 1 LOOP
        month_start := (date_trunc('month', p_from) + make_interval(months => i))::timestamp AT TIME ZONE 'UTC';
        month_end := (date_trunc('month', p_from) + make_interval(months => i + 1))::timestamp AT TIME ZONE 'UTC';
        month_name := format('statements_y%s', to_char(month_start AT TIME ZONE 'UTC', 'YYYY"m"MM'));
        IF to_regclass(month_name) IS NULL THEN
            CREATE TEMP TABLE IF NOT EXISTS lrs_moving_statements (LIKE statements) ON COMMIT DROP;
            WITH moved AS (DELETE FROM statements_default WHERE stored >= month_start AND stored < month_end RETURNING *)
            INSERT INTO lrs_moving_statements SELECT * FROM moved;
            EXECUTE format('CREATE TABLE %I PARTITION OF statements FOR VALUES FROM (%L) TO (%L) PARTITION BY HASH (tenant_id)',
                month_name, month_start, month_end);
            FOR h IN 0 .. p_hash_partitions - 1 LOOP
                EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES WITH (MODULUS %s, REMAINDER %s)',
                    month_name || '_h' || h, month_name, p_hash_partitions, h);
            END LOOP;
            EXECUTE format('INSERT INTO %I SELECT * FROM lrs_moving_statements', month_name);
            DELETE FROM lrs_moving_statements;
            created := created + 1;
        END IF;
    END LOOP;
    RETURN created;
END $$;

SELECT lrs_ensure_statement_partitions((now() AT TIME ZONE 'UTC')::date, 3);
