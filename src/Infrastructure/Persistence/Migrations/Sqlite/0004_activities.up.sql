-- Canonical Activity definitions (Data §2.4.4.1, Communication §2.5); see the PostgreSQL migration.
CREATE TABLE activities (
    tenant_id    TEXT NOT NULL,
    activity_id  TEXT NOT NULL,
    definition   TEXT,
    PRIMARY KEY (tenant_id, activity_id)
);
