-- Canonical Activity definitions (Data §2.4.4.1, Communication §2.5): one row per activity a tenant's statements
-- mention, with the definition merged from statements written by credentials holding the define scope
-- (Communication §4.2), or NULL while none has defined it. Written by the ingest writer with the statements.
CREATE TABLE activities (
    tenant_id    uuid NOT NULL,
    activity_id  text NOT NULL,
    definition   text,
    PRIMARY KEY (tenant_id, activity_id)
);

-- Tenant isolation, as for the statement tables (0001).
ALTER TABLE activities ENABLE ROW LEVEL SECURITY;
ALTER TABLE activities FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON activities
    USING (tenant_id = NULLIF(current_setting('lrs.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('lrs.tenant_id', true), '')::uuid);
