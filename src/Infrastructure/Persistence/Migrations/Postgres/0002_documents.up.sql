-- The document resources (Communication §2.2-§2.7): State, Activity Profile and Agent Profile documents.
-- activity_id / agent_key are '' where the kind has none; a null registration is a context of its own, so the
-- key treats NULLs as equal (PostgreSQL 15). Content is kept byte for byte; etag is the quoted SHA-1 hex of it.
CREATE TABLE documents (
    tenant_id     uuid NOT NULL,
    kind          text NOT NULL CHECK (kind IN ('state', 'activity_profile', 'agent_profile')),
    activity_id   text NOT NULL,
    agent_key     text NOT NULL,
    registration  uuid,
    document_id   text NOT NULL,
    content       bytea NOT NULL,
    content_type  text NOT NULL,
    etag          text NOT NULL,
    updated       timestamptz NOT NULL,
    CONSTRAINT documents_key UNIQUE NULLS NOT DISTINCT (tenant_id, kind, activity_id, agent_key, registration, document_id)
);

-- Tenant isolation as for statements (0001): FORCEd, so it binds the owning role too.
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
ALTER TABLE documents FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON documents
    USING (tenant_id = NULLIF(current_setting('lrs.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('lrs.tenant_id', true), '')::uuid);
