-- Per-course progress read models; see the PostgreSQL migration.
CREATE TABLE lesson_progress (
    tenant_id         TEXT NOT NULL,
    learner_key       TEXT NOT NULL,
    course_id         TEXT NOT NULL,
    module_id         TEXT NOT NULL,
    activity_id       TEXT NOT NULL,
    kind              TEXT NOT NULL CHECK (kind IN ('lesson', 'quiz', 'assignment')),
    position          INTEGER NOT NULL,
    viewed_at         INTEGER NOT NULL,
    completed_at      INTEGER,
    last_activity_at  INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, learner_key, course_id, activity_id)
);
CREATE INDEX lesson_progress_course ON lesson_progress (tenant_id, course_id, activity_id);

CREATE TABLE course_progress (
    tenant_id          TEXT NOT NULL,
    learner_key        TEXT NOT NULL,
    course_id          TEXT NOT NULL,
    status             TEXT NOT NULL CHECK (status IN ('not-started', 'in-progress', 'completed')),
    completed_lessons  INTEGER NOT NULL,
    total_lessons      INTEGER NOT NULL,
    percent            REAL NOT NULL,
    started_at         INTEGER,
    completed_at       INTEGER,
    last_activity_at   INTEGER,
    PRIMARY KEY (tenant_id, learner_key, course_id)
);
CREATE INDEX course_progress_course ON course_progress (tenant_id, course_id, learner_key);
