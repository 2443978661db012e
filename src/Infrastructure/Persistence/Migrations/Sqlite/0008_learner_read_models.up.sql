-- Learner read models of the data-model seed; see the PostgreSQL migration.
CREATE TABLE module_progress (
    tenant_id              TEXT NOT NULL,
    learner_key            TEXT NOT NULL,
    course_id              TEXT NOT NULL,
    module_id              TEXT NOT NULL,
    position               INTEGER NOT NULL,
    status                 TEXT NOT NULL CHECK (status IN ('not-started', 'in-progress', 'completed')),
    percent                REAL NOT NULL,
    total_lessons          INTEGER NOT NULL,
    completed_lessons      INTEGER NOT NULL,
    total_quizzes          INTEGER NOT NULL,
    completed_quizzes      INTEGER NOT NULL,
    total_assignments      INTEGER NOT NULL,
    completed_assignments  INTEGER NOT NULL,
    started_at             INTEGER,
    completed_at           INTEGER,
    last_activity_at       INTEGER,
    PRIMARY KEY (tenant_id, learner_key, course_id, module_id)
);

CREATE TABLE user_progress (
    tenant_id              TEXT NOT NULL,
    learner_key            TEXT NOT NULL,
    total_courses          INTEGER NOT NULL,
    completed_courses      INTEGER NOT NULL,
    in_progress_courses    INTEGER NOT NULL,
    total_lessons          INTEGER NOT NULL,
    completed_lessons      INTEGER NOT NULL,
    total_quizzes          INTEGER NOT NULL,
    completed_quizzes      INTEGER NOT NULL,
    total_assignments      INTEGER NOT NULL,
    completed_assignments  INTEGER NOT NULL,
    total_points           INTEGER NOT NULL,
    last_activity_at       INTEGER,
    PRIMARY KEY (tenant_id, learner_key)
);

CREATE TABLE quiz_attempts (
    tenant_id             TEXT NOT NULL,
    learner_key           TEXT NOT NULL,
    course_id             TEXT NOT NULL,
    activity_id           TEXT NOT NULL,
    registration          TEXT NOT NULL,
    attempt_number        INTEGER NOT NULL,
    module_id             TEXT NOT NULL,
    quiz_id               TEXT NOT NULL,
    status                TEXT NOT NULL CHECK (status IN ('in-progress', 'completed', 'abandoned')),
    score_percent         REAL,
    total_questions       INTEGER NOT NULL,
    correct_answers       INTEGER NOT NULL,
    incorrect_answers     INTEGER NOT NULL,
    unanswered_questions  INTEGER NOT NULL,
    time_spent_seconds    INTEGER NOT NULL,
    passed                INTEGER NOT NULL,
    started_at            INTEGER NOT NULL,
    completed_at          INTEGER,
    PRIMARY KEY (tenant_id, learner_key, course_id, activity_id, registration, attempt_number)
);

CREATE TABLE quiz_question_responses (
    tenant_id           TEXT NOT NULL,
    learner_key         TEXT NOT NULL,
    course_id           TEXT NOT NULL,
    activity_id         TEXT NOT NULL,
    registration        TEXT NOT NULL,
    attempt_number      INTEGER NOT NULL,
    position            INTEGER NOT NULL,
    question_id         TEXT NOT NULL,
    response            TEXT,
    correct             INTEGER,
    score               REAL,
    time_spent_seconds  INTEGER NOT NULL,
    answered_at         INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, learner_key, course_id, activity_id, registration, attempt_number, position)
);

CREATE TABLE assignment_submissions (
    tenant_id        TEXT NOT NULL,
    learner_key      TEXT NOT NULL,
    course_id        TEXT NOT NULL,
    submission_id    TEXT NOT NULL,
    module_id        TEXT NOT NULL,
    assignment_id    TEXT NOT NULL,
    activity_id      TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'graded')),
    submission_type  TEXT CHECK (submission_type IN ('text', 'file', 'link')),
    text_content     TEXT,
    link_url         TEXT,
    score            REAL,
    max_score        REAL,
    feedback         TEXT,
    graded_by        TEXT,
    submitted_at     INTEGER NOT NULL,
    graded_at        INTEGER,
    PRIMARY KEY (tenant_id, learner_key, course_id, submission_id)
);

CREATE TABLE learning_paths (
    tenant_id  TEXT NOT NULL,
    path_id    TEXT NOT NULL,
    title      TEXT NOT NULL,
    document   TEXT NOT NULL,
    created    INTEGER NOT NULL,
    updated    INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, path_id)
);

CREATE TABLE learning_path_courses (
    tenant_id  TEXT NOT NULL,
    path_id    TEXT NOT NULL,
    course_id  TEXT NOT NULL,
    position   INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, path_id, course_id),
    FOREIGN KEY (tenant_id, path_id) REFERENCES learning_paths (tenant_id, path_id) ON DELETE CASCADE
);
CREATE INDEX learning_path_courses_course ON learning_path_courses (tenant_id, course_id);

CREATE TABLE learning_path_progress (
    tenant_id          TEXT NOT NULL,
    learner_key        TEXT NOT NULL,
    path_id            TEXT NOT NULL,
    status             TEXT NOT NULL CHECK (status IN ('not-started', 'in-progress', 'completed')),
    percent            REAL NOT NULL,
    total_courses      INTEGER NOT NULL,
    completed_courses  INTEGER NOT NULL,
    current_course_id  TEXT,
    started_at         INTEGER,
    completed_at       INTEGER,
    last_activity_at   INTEGER,
    PRIMARY KEY (tenant_id, learner_key, path_id)
);
CREATE INDEX learning_path_progress_path ON learning_path_progress (tenant_id, path_id, learner_key);

CREATE TABLE progress_dirty (
    tenant_id   TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('course', 'path', 'definitions')),
    target_id   TEXT NOT NULL,
    generation  INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, kind, target_id)
);

-- Competencies and achievements: definitions of the internal API, and what each learner has of them.
CREATE TABLE competencies (
    tenant_id      TEXT NOT NULL,
    competency_id  TEXT NOT NULL,
    name           TEXT NOT NULL,
    document       TEXT NOT NULL,
    created        INTEGER NOT NULL,
    updated        INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, competency_id)
);

CREATE TABLE achievements (
    tenant_id       TEXT NOT NULL,
    achievement_id  TEXT NOT NULL,
    name            TEXT NOT NULL,
    document        TEXT NOT NULL,
    created         INTEGER NOT NULL,
    updated         INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, achievement_id)
);

CREATE TABLE user_competencies (
    tenant_id      TEXT NOT NULL,
    learner_key    TEXT NOT NULL,
    competency_id  TEXT NOT NULL,
    level          INTEGER NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('not-started', 'in-progress', 'mastered')),
    acquired_at    INTEGER,
    PRIMARY KEY (tenant_id, learner_key, competency_id)
);

CREATE TABLE competency_evidence (
    tenant_id      TEXT NOT NULL,
    learner_key    TEXT NOT NULL,
    competency_id  TEXT NOT NULL,
    position       INTEGER NOT NULL,
    type           TEXT NOT NULL,
    reference_id   TEXT NOT NULL,
    description    TEXT NOT NULL,
    evidenced_at   INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, learner_key, competency_id, position)
);

CREATE TABLE user_achievements (
    tenant_id       TEXT NOT NULL,
    learner_key     TEXT NOT NULL,
    achievement_id  TEXT NOT NULL,
    earned_at       INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, learner_key, achievement_id)
);
