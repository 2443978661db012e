-- Attachment data (Communication §1.5.2), stored once per tenant and SHA-2 hash (lower-case hex).
CREATE TABLE attachments (
    tenant_id     TEXT NOT NULL,
    sha2          TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    length        INTEGER NOT NULL,
    content       BLOB NOT NULL,
    PRIMARY KEY (tenant_id, sha2)
);
