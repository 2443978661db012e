-- Per-course progress read models (docs/decisions/0007), derived by the progress projector in the transaction of its
-- checkpoint, like those of 0005, and emptied by --rebuild-projections. lesson_progress has one row per course
-- item (lesson, quiz or assignment) a learner has touched; course_progress one row per learner and course once
-- the learner has touched any item of it. Percentages count lessons only (progress-schema seed:
-- completed_lessons / total_lessons × 100).
CREATE TABLE lesson_progress (
    tenant_id         uuid NOT NULL,
    learner_key       text COLLATE "C" NOT NULL,
    course_id         text COLLATE "C" NOT NULL,
    module_id         text NOT NULL,
    activity_id       text NOT NULL,
    kind              text NOT NULL CHECK (kind IN ('lesson', 'quiz', 'assignment')),
    position          integer NOT NULL,
    viewed_at         timestamptz NOT NULL,
    completed_at      timestamptz,
    last_activity_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, learner_key, course_id, activity_id)
);
CREATE INDEX lesson_progress_course ON lesson_progress (tenant_id, course_id, activity_id);

CREATE TABLE course_progress (
    tenant_id          uuid NOT NULL,
    learner_key        text COLLATE "C" NOT NULL,
    course_id          text COLLATE "C" NOT NULL,
    status             text NOT NULL CHECK (status IN ('not-started', 'in-progress', 'completed')),
    completed_lessons  integer NOT NULL,
    total_lessons      integer NOT NULL,
    percent            numeric(5, 2) NOT NULL,
    started_at         timestamptz,
    completed_at       timestamptz,
    last_activity_at   timestamptz,
    PRIMARY KEY (tenant_id, learner_key, course_id)
);
CREATE INDEX course_progress_course ON course_progress (tenant_id, course_id, learner_key);

-- Tenant isolation, as for the statement tables (0001).
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['lesson_progress', 'course_progress'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
            USING (tenant_id = NULLIF(current_setting('lrs.tenant_id', true), '')::uuid)
            WITH CHECK (tenant_id = NULLIF(current_setting('lrs.tenant_id', true), '')::uuid)$p$, t);
    END LOOP;
END $$;
