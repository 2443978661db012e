-- The transcript projection (docs/decisions/0018): one row per learner, activity and registration, folding in ledger
-- order what a transcript shows of the learner's statements about that activity. A transcript reads these rows and
-- only the learner's statements past the projection's checkpoint ('transcripts' in projection_checkpoints), instead of
-- all of the learner's statements. Registration is the nil UUID when the statements have none, as in 0005.
CREATE TABLE transcript_keys (
    tenant_id        uuid NOT NULL,
    learner_key      text NOT NULL,
    activity_id      text NOT NULL,
    registration     uuid NOT NULL,
    opened_at        timestamptz NOT NULL,
    completed_at     timestamptz,
    verdict_at       timestamptz,
    verdict_passed   boolean NOT NULL,
    verdict_success  boolean,
    verdict_scored   boolean NOT NULL,
    verdict_scaled   double precision,
    verdict_raw      double precision,
    verdict_min      double precision,
    verdict_max      double precision,
    end_at           timestamptz,
    end_outcome      text,
    score_at         timestamptz,
    score_scaled     double precision,
    score_raw        double precision,
    score_min        double precision,
    score_max        double precision,
    progress         double precision,
    standalone       boolean NOT NULL,
    title            text,
    title_seq        bigint NOT NULL,
    actor_name       text,
    actor_name_seq   bigint NOT NULL,
    PRIMARY KEY (tenant_id, learner_key, activity_id, registration)
);

ALTER TABLE transcript_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE transcript_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON transcript_keys
    USING (tenant_id = NULLIF(current_setting('lrs.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('lrs.tenant_id', true), '')::uuid);
