-- Transactional outbox, inbox and dead letters (docs/decisions/0009).
-- outbox: integration events written in the transaction of the change they announce; the relay publishes unsent
-- rows in position order per aggregate and marks them sent. message_id is unique: a fact derived again (replay,
-- rebuild) yields the same id and is not queued twice.
CREATE TABLE outbox (
    position         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id       uuid NOT NULL UNIQUE,
    tenant_id        uuid NOT NULL,
    message_type     text NOT NULL,
    aggregate_key    text COLLATE "C" NOT NULL,
    payload          text NOT NULL,
    created_at       timestamptz NOT NULL,
    sent_at          timestamptz,
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz,
    last_error       text
);
CREATE INDEX outbox_unsent ON outbox (tenant_id, position) WHERE sent_at IS NULL;

-- inbox: message ids each consumer has handled, recorded in the transaction of the consumer's effect. It holds no
-- tenant data and is claimed before a message's tenant is known, so like projection_checkpoints it is global.
CREATE TABLE inbox (
    consumer    text COLLATE "C" NOT NULL,
    message_id  uuid NOT NULL,
    handled_at  timestamptz NOT NULL,
    PRIMARY KEY (consumer, message_id)
);

-- dead_letters: messages a consumer still failed on after its retries, with the error, for replay or discard.
CREATE TABLE dead_letters (
    id            uuid PRIMARY KEY,
    tenant_id     uuid NOT NULL,
    message_id    uuid NOT NULL,
    message_type  text NOT NULL,
    consumer      text NOT NULL,
    payload       text NOT NULL,
    error         text NOT NULL,
    attempts      integer NOT NULL,
    failed_at     timestamptz NOT NULL
);
CREATE INDEX dead_letters_tenant ON dead_letters (tenant_id, id);

-- Tenant isolation, as for the statement tables (0001).
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['outbox', 'dead_letters'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
            USING (tenant_id = NULLIF(current_setting('lrs.tenant_id', true), '')::uuid)
            WITH CHECK (tenant_id = NULLIF(current_setting('lrs.tenant_id', true), '')::uuid)$p$, t);
    END LOOP;
END $$;
