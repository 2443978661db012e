-- Attachment data (Communication §1.5.2), stored once per tenant and SHA-2 hash however many statements
-- reference it. Statements keep their attachment objects in their JSON; GET matches them here by sha2.
CREATE TABLE attachments (
    tenant_id     uuid NOT NULL,
    sha2          text NOT NULL,
    content_type  text NOT NULL,
    length        bigint NOT NULL,
    content       bytea NOT NULL,
    PRIMARY KEY (tenant_id, sha2)
);

ALTER TABLE attachments ENABLE ROW LEVEL SECURITY;
ALTER TABLE attachments FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON attachments
    USING (tenant_id = NULLIF(current_setting('lrs.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('lrs.tenant_id', true), '')::uuid);
