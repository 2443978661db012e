-- Saga instances of MassTransit state machines (docs/decisions/0011): the instance as JSON, with its state, tenant and
-- due time as columns for listing and timeouts, and a version for optimistic concurrency (an update applies only to
-- the version it loaded). The saga repository serves every tenant's messages and sets lrs.saga_repository for its
-- statements; any other session sees only its own tenant's rows.
CREATE TABLE saga_instances (
    saga_type       text NOT NULL,
    correlation_id  uuid NOT NULL,
    tenant_id       uuid NOT NULL,
    current_state   text NOT NULL,
    version         integer NOT NULL,
    due_at          timestamptz,
    data            text NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (saga_type, correlation_id)
);
CREATE INDEX saga_instances_state ON saga_instances (saga_type, current_state, updated_at);
CREATE INDEX saga_instances_due ON saga_instances (saga_type, due_at) WHERE due_at IS NOT NULL;
CREATE INDEX saga_instances_tenant ON saga_instances (tenant_id, saga_type);

ALTER TABLE saga_instances ENABLE ROW LEVEL SECURITY;
ALTER TABLE saga_instances FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON saga_instances
    USING (tenant_id = NULLIF(current_setting('lrs.tenant_id', true), '')::uuid OR current_setting('lrs.saga_repository', true) = 'on')
    WITH CHECK (tenant_id = NULLIF(current_setting('lrs.tenant_id', true), '')::uuid OR current_setting('lrs.saga_repository', true) = 'on');

-- GDPR erasure of one agent within a tenant: the auditable tombstone. agent_hash is an HMAC-SHA256 of the agent's
-- identifier key under the tenant's erasure key, so a known identifier can be checked against it but nothing here
-- identifies anyone. pending_keys (JSON) holds the identifier keys to erase only until the erasure commits; counts is
-- JSON (rows changed per kind); status follows the erasure saga.
CREATE TABLE erasure_requests (
    tenant_id     uuid NOT NULL,
    id            uuid NOT NULL,
    agent_hash    text NOT NULL,
    placeholder   text NOT NULL,
    requested_by  text NOT NULL,
    requested_at  timestamptz NOT NULL,
    status        text NOT NULL CHECK (status IN ('requested', 'erased', 'rebuilt', 'completed', 'failed')),
    pending_keys  text,
    counts        text,
    error         text,
    completed_at  timestamptz,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX erasure_requests_requested ON erasure_requests (tenant_id, requested_at, id);

-- The key of each tenant's erasure hashes, made at its first erasure.
CREATE TABLE erasure_keys (
    tenant_id  uuid PRIMARY KEY,
    hash_key   bytea NOT NULL
);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['erasure_requests', 'erasure_keys'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
            USING (tenant_id = NULLIF(current_setting('lrs.tenant_id', true), '')::uuid)
            WITH CHECK (tenant_id = NULLIF(current_setting('lrs.tenant_id', true), '')::uuid)$p$, t);
    END LOOP;
END $$;
