-- Learner read models of the data-model seed (docs/decisions/0008), derived by the progress projector in the transaction
-- of its checkpoint like those of 0005 and 0007, and emptied by --rebuild-projections: module and user progress, quiz
-- attempts with their question responses, assignment submissions, learning-path progress, competencies acquired and
-- achievements earned. Learning paths, competencies and achievements themselves are definitions of the internal API.
-- progress_dirty queues courses and learning paths whose definition changed, for the projector to recompute.
CREATE TABLE module_progress (
    tenant_id              uuid NOT NULL,
    learner_key            text COLLATE "C" NOT NULL,
    course_id              text COLLATE "C" NOT NULL,
    module_id              text COLLATE "C" NOT NULL,
    position               integer NOT NULL,
    status                 text NOT NULL CHECK (status IN ('not-started', 'in-progress', 'completed')),
    percent                numeric(5, 2) NOT NULL,
    total_lessons          integer NOT NULL,
    completed_lessons      integer NOT NULL,
    total_quizzes          integer NOT NULL,
    completed_quizzes      integer NOT NULL,
    total_assignments      integer NOT NULL,
    completed_assignments  integer NOT NULL,
    started_at             timestamptz,
    completed_at           timestamptz,
    last_activity_at       timestamptz,
    PRIMARY KEY (tenant_id, learner_key, course_id, module_id)
);

CREATE TABLE user_progress (
    tenant_id              uuid NOT NULL,
    learner_key            text COLLATE "C" NOT NULL,
    total_courses          integer NOT NULL,
    completed_courses      integer NOT NULL,
    in_progress_courses    integer NOT NULL,
    total_lessons          integer NOT NULL,
    completed_lessons      integer NOT NULL,
    total_quizzes          integer NOT NULL,
    completed_quizzes      integer NOT NULL,
    total_assignments      integer NOT NULL,
    completed_assignments  integer NOT NULL,
    total_points           integer NOT NULL,
    last_activity_at       timestamptz,
    PRIMARY KEY (tenant_id, learner_key)
);

CREATE TABLE quiz_attempts (
    tenant_id             uuid NOT NULL,
    learner_key           text COLLATE "C" NOT NULL,
    course_id             text COLLATE "C" NOT NULL,
    activity_id           text COLLATE "C" NOT NULL,
    registration          uuid NOT NULL,
    attempt_number        integer NOT NULL,
    module_id             text NOT NULL,
    quiz_id               text NOT NULL,
    status                text NOT NULL CHECK (status IN ('in-progress', 'completed', 'abandoned')),
    score_percent         numeric(5, 2),
    total_questions       integer NOT NULL,
    correct_answers       integer NOT NULL,
    incorrect_answers     integer NOT NULL,
    unanswered_questions  integer NOT NULL,
    time_spent_seconds    integer NOT NULL,
    passed                boolean NOT NULL,
    started_at            timestamptz NOT NULL,
    completed_at          timestamptz,
    PRIMARY KEY (tenant_id, learner_key, course_id, activity_id, registration, attempt_number)
);

CREATE TABLE quiz_question_responses (
    tenant_id           uuid NOT NULL,
    learner_key         text COLLATE "C" NOT NULL,
    course_id           text COLLATE "C" NOT NULL,
    activity_id         text COLLATE "C" NOT NULL,
    registration        uuid NOT NULL,
    attempt_number      integer NOT NULL,
    position            integer NOT NULL,
    question_id         text NOT NULL,
    response            text,
    correct             boolean,
    score               double precision,
    time_spent_seconds  integer NOT NULL,
    answered_at         timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, learner_key, course_id, activity_id, registration, attempt_number, position)
);

CREATE TABLE assignment_submissions (
    tenant_id        uuid NOT NULL,
    learner_key      text COLLATE "C" NOT NULL,
    course_id        text COLLATE "C" NOT NULL,
    submission_id    uuid NOT NULL,
    module_id        text NOT NULL,
    assignment_id    text NOT NULL,
    activity_id      text NOT NULL,
    status           text NOT NULL CHECK (status IN ('draft', 'submitted', 'graded')),
    submission_type  text CHECK (submission_type IN ('text', 'file', 'link')),
    text_content     text,
    link_url         text,
    score            double precision,
    max_score        double precision,
    feedback         text,
    graded_by        text,
    submitted_at     timestamptz NOT NULL,
    graded_at        timestamptz,
    PRIMARY KEY (tenant_id, learner_key, course_id, submission_id)
);

CREATE TABLE learning_paths (
    tenant_id  uuid NOT NULL,
    path_id    text COLLATE "C" NOT NULL,
    title      text NOT NULL,
    document   text NOT NULL,
    created    timestamptz NOT NULL,
    updated    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, path_id)
);

CREATE TABLE learning_path_courses (
    tenant_id  uuid NOT NULL,
    path_id    text COLLATE "C" NOT NULL,
    course_id  text COLLATE "C" NOT NULL,
    position   integer NOT NULL,
    PRIMARY KEY (tenant_id, path_id, course_id),
    FOREIGN KEY (tenant_id, path_id) REFERENCES learning_paths (tenant_id, path_id) ON DELETE CASCADE
);
CREATE INDEX learning_path_courses_course ON learning_path_courses (tenant_id, course_id);

CREATE TABLE learning_path_progress (
    tenant_id          uuid NOT NULL,
    learner_key        text COLLATE "C" NOT NULL,
    path_id            text COLLATE "C" NOT NULL,
    status             text NOT NULL CHECK (status IN ('not-started', 'in-progress', 'completed')),
    percent            numeric(5, 2) NOT NULL,
    total_courses      integer NOT NULL,
    completed_courses  integer NOT NULL,
    current_course_id  text,
    started_at         timestamptz,
    completed_at       timestamptz,
    last_activity_at   timestamptz,
    PRIMARY KEY (tenant_id, learner_key, path_id)
);
CREATE INDEX learning_path_progress_path ON learning_path_progress (tenant_id, path_id, learner_key);

CREATE TABLE progress_dirty (
    tenant_id   uuid NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('course', 'path', 'definitions')),
    target_id   text COLLATE "C" NOT NULL,
    generation  bigint NOT NULL,
    PRIMARY KEY (tenant_id, kind, target_id)
);

-- Competencies and achievements: definitions of the internal API, and what each learner has of them.
CREATE TABLE competencies (
    tenant_id      uuid NOT NULL,
    competency_id  text COLLATE "C" NOT NULL,
    name           text NOT NULL,
    document       text NOT NULL,
    created        timestamptz NOT NULL,
    updated        timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, competency_id)
);

CREATE TABLE achievements (
    tenant_id       uuid NOT NULL,
    achievement_id  text COLLATE "C" NOT NULL,
    name            text NOT NULL,
    document        text NOT NULL,
    created         timestamptz NOT NULL,
    updated         timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, achievement_id)
);

CREATE TABLE user_competencies (
    tenant_id      uuid NOT NULL,
    learner_key    text COLLATE "C" NOT NULL,
    competency_id  text COLLATE "C" NOT NULL,
    level          integer NOT NULL,
    status         text NOT NULL CHECK (status IN ('not-started', 'in-progress', 'mastered')),
    acquired_at    timestamptz,
    PRIMARY KEY (tenant_id, learner_key, competency_id)
);

CREATE TABLE competency_evidence (
    tenant_id      uuid NOT NULL,
    learner_key    text COLLATE "C" NOT NULL,
    competency_id  text COLLATE "C" NOT NULL,
    position       integer NOT NULL,
    type           text NOT NULL,
    reference_id   text NOT NULL,
    description    text NOT NULL,
    evidenced_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, learner_key, competency_id, position)
);

CREATE TABLE user_achievements (
    tenant_id       uuid NOT NULL,
    learner_key     text COLLATE "C" NOT NULL,
    achievement_id  text COLLATE "C" NOT NULL,
    earned_at       timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, learner_key, achievement_id)
);

-- Tenant isolation, as for the statement tables (0001).
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['module_progress', 'user_progress', 'quiz_attempts', 'quiz_question_responses', 'assignment_submissions',
                             'learning_paths', 'learning_path_courses', 'learning_path_progress', 'progress_dirty',
                             'competencies', 'achievements', 'user_competencies', 'competency_evidence', 'user_achievements'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
            USING (tenant_id = NULLIF(current_setting('lrs.tenant_id', true), '')::uuid)
            WITH CHECK (tenant_id = NULLIF(current_setting('lrs.tenant_id', true), '')::uuid)$p$, t);
    END LOOP;
END $$;
