-- Courses of the internal API: the document as the API returns it, plus course_items listing every lesson, quiz
-- and assignment with its module and kind, so progress queries find a statement's course by activity id and
-- count a course's or module's totals. Ids compare in "C" collation so cursor pages follow the index order.
CREATE TABLE courses (
    tenant_id  uuid NOT NULL,
    course_id  text COLLATE "C" NOT NULL,
    title      text NOT NULL,
    document   text NOT NULL,
    created    timestamptz NOT NULL,
    updated    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, course_id)
);

CREATE TABLE course_items (
    tenant_id    uuid NOT NULL,
    course_id    text COLLATE "C" NOT NULL,
    item_id      text NOT NULL,
    module_id    text NOT NULL,
    kind         text NOT NULL CHECK (kind IN ('lesson', 'quiz', 'assignment')),
    activity_id  text NOT NULL,
    position     integer NOT NULL,
    PRIMARY KEY (tenant_id, course_id, item_id),
    UNIQUE (tenant_id, course_id, activity_id),
    FOREIGN KEY (tenant_id, course_id) REFERENCES courses (tenant_id, course_id) ON DELETE CASCADE
);
CREATE INDEX course_items_activity ON course_items (tenant_id, activity_id);

-- Idempotency-Key of the internal API's POST and PUT: the first request's hash and, once it finished, its
-- response (status NULL while it runs), replayed to retries of the same request.
CREATE TABLE idempotency_keys (
    tenant_id        uuid NOT NULL,
    idempotency_key  text NOT NULL,
    method           text NOT NULL,
    path             text NOT NULL,
    request_hash     text NOT NULL,
    status           integer,
    content_type     text,
    response_body    bytea,
    created          timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, idempotency_key)
);

-- Tenant isolation, as for the statement tables (0001).
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['courses', 'course_items', 'idempotency_keys'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
            USING (tenant_id = NULLIF(current_setting('lrs.tenant_id', true), '')::uuid)
            WITH CHECK (tenant_id = NULLIF(current_setting('lrs.tenant_id', true), '')::uuid)$p$, t);
    END LOOP;
END $$;
