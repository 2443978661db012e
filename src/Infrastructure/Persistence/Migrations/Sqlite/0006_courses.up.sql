-- Courses, their items and idempotency keys of the internal API; see the PostgreSQL migration.
CREATE TABLE courses (
    tenant_id  TEXT NOT NULL,
    course_id  TEXT NOT NULL,
    title      TEXT NOT NULL,
    document   TEXT NOT NULL,
    created    INTEGER NOT NULL,
    updated    INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, course_id)
);

CREATE TABLE course_items (
    tenant_id    TEXT NOT NULL,
    course_id    TEXT NOT NULL,
    item_id      TEXT NOT NULL,
    module_id    TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('lesson', 'quiz', 'assignment')),
    activity_id  TEXT NOT NULL,
    position     INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, course_id, item_id),
    UNIQUE (tenant_id, course_id, activity_id),
    FOREIGN KEY (tenant_id, course_id) REFERENCES courses (tenant_id, course_id) ON DELETE CASCADE
);
CREATE INDEX course_items_activity ON course_items (tenant_id, activity_id);

CREATE TABLE idempotency_keys (
    tenant_id        TEXT NOT NULL,
    idempotency_key  TEXT NOT NULL,
    method           TEXT NOT NULL,
    path             TEXT NOT NULL,
    request_hash     TEXT NOT NULL,
    status           INTEGER,
    content_type     TEXT,
    response_body    BLOB,
    created          INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, idempotency_key)
);
