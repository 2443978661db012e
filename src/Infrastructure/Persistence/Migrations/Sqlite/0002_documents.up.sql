-- The document resources (Communication §2.2-§2.7). activity_id / agent_key are '' where the kind has none;
-- "updated" is Unix milliseconds. SQLite's UNIQUE treats NULLs as distinct, so the key indexes the
-- registration as COALESCE(registration, '') and queries compare that expression.
CREATE TABLE documents (
    tenant_id     TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('state', 'activity_profile', 'agent_profile')),
    activity_id   TEXT NOT NULL,
    agent_key     TEXT NOT NULL,
    registration  TEXT,
    document_id   TEXT NOT NULL,
    content       BLOB NOT NULL,
    content_type  TEXT NOT NULL,
    etag          TEXT NOT NULL,
    updated       INTEGER NOT NULL
);
CREATE UNIQUE INDEX documents_key ON documents (tenant_id, kind, activity_id, agent_key, COALESCE(registration, ''), document_id);
