using System.Data;
using System.Data.Common;
using Dapper;
using Lrs.Application.Progress;

namespace Lrs.Infrastructure.Progress;

/// <summary>
/// SQL of the 0008 read models within a <see cref="ProgressSession"/>: the projector writes them, the queries and the projector's
/// before/after snapshots read them. Optional filters are only bound when given (PostgreSQL cannot type an unused null).
/// </summary>
internal static class LearnerRows
{
    public const string Learner = "tenant_id = @tenant AND learner_key = @learner";

    private const string ModuleColumns = """
        learner_key, course_id, module_id, position, status, percent, total_lessons, completed_lessons, total_quizzes, completed_quizzes,
        total_assignments, completed_assignments, started_at, completed_at, last_activity_at
        """;

    private const string QuizColumns = """
        learner_key, course_id, module_id, quiz_id, activity_id, registration, attempt_number, status, score_percent, total_questions,
        correct_answers, incorrect_answers, unanswered_questions, time_spent_seconds, passed, started_at, completed_at
        """;

    private const string SubmissionColumns = """
        learner_key, course_id, module_id, assignment_id, activity_id, submission_id, status, submission_type, text_content, link_url,
        score, max_score, feedback, graded_by, submitted_at, graded_at
        """;

    private const string PathColumns = """
        learner_key, path_id, status, percent, total_courses, completed_courses, current_course_id, started_at, completed_at, last_activity_at
        """;

    private const string CourseColumns = "learner_key, course_id, status, completed_lessons, total_lessons, percent, started_at, completed_at, last_activity_at";

    private const string ItemColumns = "learner_key, course_id, module_id, activity_id, kind, position, viewed_at, completed_at, last_activity_at";

    public static readonly string[] Tables =
        ["module_progress", "user_progress", "quiz_attempts", "quiz_question_responses", "assignment_submissions", "learning_path_progress",
         "user_competencies", "competency_evidence", "user_achievements"];

    // ---- reads ----

    public static Task<IReadOnlyList<CourseProgressView>> CoursesAsync(ProgressSession s, Guid tenantId, string learner, CancellationToken ct) =>
        Rows(s, r => new CourseProgressView(r.GetString(0), r.GetString(1), r.GetString(2), Int(r, 3), Int(r, 4), Convert.ToDecimal(r.GetValue(5), null),
            Time(s, r, 6), Time(s, r, 7), Time(s, r, 8)),
            $"SELECT {CourseColumns} FROM course_progress WHERE {Learner} ORDER BY course_id", Bind(s, tenantId, learner), ct);

    public static Task<IReadOnlyList<LessonProgressView>> ItemsAsync(ProgressSession s, Guid tenantId, string learner, CancellationToken ct) =>
        Rows(s, r => new LessonProgressView(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), Int(r, 5),
            s.Dialect.ReadTime(r, 6), Time(s, r, 7), s.Dialect.ReadTime(r, 8)),
            $"SELECT {ItemColumns} FROM lesson_progress WHERE {Learner} ORDER BY course_id, position", Bind(s, tenantId, learner), ct);

    /// <summary>The learner's module rows by course and position, of one course when given, after (course, position).</summary>
    public static Task<IReadOnlyList<ModuleProgressView>> ModulesAsync(
        ProgressSession s, Guid tenantId, string learner, string? course, (string Course, int Position)? after, int? limit, CancellationToken ct)
    {
        var p = Bind(s, tenantId, learner, course, limit);
        var filter = After(p, after is null ? null : ("(course_id > @a0 OR (course_id = @a0 AND position > @a1))", [after.Value.Course, after.Value.Position]));
        return Rows(s, r => new ModuleProgressView(r.GetString(0), r.GetString(1), r.GetString(2), Int(r, 3), r.GetString(4),
                Convert.ToDecimal(r.GetValue(5), null), Int(r, 6), Int(r, 7), Int(r, 8), Int(r, 9), Int(r, 10), Int(r, 11),
                Time(s, r, 12), Time(s, r, 13), Time(s, r, 14)),
            $"SELECT {ModuleColumns} FROM module_progress WHERE {Learner}{CourseFilter(course)}{filter} ORDER BY course_id, position{Limit(limit)}", p, ct);
    }

    public static async Task<UserProgressView?> UserAsync(ProgressSession s, Guid tenantId, string learner, CancellationToken ct) =>
        (await Rows(s, r => new UserProgressView(r.GetString(0), Int(r, 1), Int(r, 2), Int(r, 3), Int(r, 4), Int(r, 5), Int(r, 6), Int(r, 7),
                Int(r, 8), Int(r, 9), Int(r, 10), Time(s, r, 11)),
            $"""
            SELECT learner_key, total_courses, completed_courses, in_progress_courses, total_lessons, completed_lessons, total_quizzes,
                   completed_quizzes, total_assignments, completed_assignments, total_points, last_activity_at
            FROM user_progress WHERE {Learner}
            """, Bind(s, tenantId, learner), ct)).SingleOrDefault();

    /// <summary>The learner's quiz attempts (with their responses) by course, quiz activity, registration and number, after that key.</summary>
    public static async Task<IReadOnlyList<QuizAttemptView>> QuizAttemptsAsync(
        ProgressSession s, Guid tenantId, string learner, string? course, (string Course, string Activity, Guid Registration, int Number)? after, int? limit,
        CancellationToken ct)
    {
        var p = Bind(s, tenantId, learner, course, limit);
        var filter = After(p, after is null ? null
            : ("(course_id, activity_id, registration, attempt_number) > (@a0, @a1, @a2, @a3)",
                [after.Value.Course, after.Value.Activity, s.Dialect.Id(after.Value.Registration), after.Value.Number]));
        var attempts = await Rows(s, r => new QuizAttemptView(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4),
                Registration(s.Dialect.ReadId(r, 5)), Int(r, 6), r.GetString(7), r.IsDBNull(8) ? null : Convert.ToDecimal(r.GetValue(8), null),
                Int(r, 9), Int(r, 10), Int(r, 11), Int(r, 12), Int(r, 13), Convert.ToBoolean(r.GetValue(14), null), s.Dialect.ReadTime(r, 15), Time(s, r, 16), []),
            $"SELECT {QuizColumns} FROM quiz_attempts WHERE {Learner}{CourseFilter(course)}{filter} ORDER BY course_id, activity_id, registration, attempt_number{Limit(limit)}",
            p, ct);
        if (attempts.Count == 0)
        {
            return attempts;
        }

        var responses = await Rows(s, r => (Key: (r.GetString(0), r.GetString(1), Registration(s.Dialect.ReadId(r, 2)), Int(r, 3)),
                Response: new QuizQuestionResponseView(Int(r, 4), r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6),
                    r.IsDBNull(7) ? null : Convert.ToBoolean(r.GetValue(7), null), r.IsDBNull(8) ? null : Convert.ToDouble(r.GetValue(8), null),
                    Int(r, 9), s.Dialect.ReadTime(r, 10))),
            $"""
            SELECT course_id, activity_id, registration, attempt_number, position, question_id, response, correct, score, time_spent_seconds, answered_at
            FROM quiz_question_responses WHERE {Learner}{CourseFilter(course)} ORDER BY course_id, activity_id, registration, attempt_number, position
            """, Bind(s, tenantId, learner, course, null), ct);
        var byAttempt = responses.ToLookup(x => x.Key, x => x.Response);
        return attempts.Select(a => a with { Responses = byAttempt[(a.CourseId, a.ActivityId, a.Registration, a.AttemptNumber)].ToList() }).ToList();
    }

    /// <summary>The learner's submissions by course and submission id, after that key.</summary>
    public static Task<IReadOnlyList<AssignmentSubmissionView>> SubmissionsAsync(
        ProgressSession s, Guid tenantId, string learner, string? course, (string Course, Guid Submission)? after, int? limit, CancellationToken ct)
    {
        var p = Bind(s, tenantId, learner, course, limit);
        var filter = After(p, after is null ? null : ("(course_id, submission_id) > (@a0, @a1)", [after.Value.Course, s.Dialect.Id(after.Value.Submission)]));
        return Rows(s, r => new AssignmentSubmissionView(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), s.Dialect.ReadId(r, 5),
                r.GetString(6), Text(r, 7), Text(r, 8), Text(r, 9), Double(r, 10), Double(r, 11), Text(r, 12), Text(r, 13), s.Dialect.ReadTime(r, 14), Time(s, r, 15)),
            $"SELECT {SubmissionColumns} FROM assignment_submissions WHERE {Learner}{CourseFilter(course)}{filter} ORDER BY course_id, submission_id{Limit(limit)}",
            p, ct);
    }

    /// <summary>The learner's learning-path rows by path id, after <paramref name="after"/>.</summary>
    public static Task<IReadOnlyList<LearningPathProgressView>> PathsAsync(
        ProgressSession s, Guid tenantId, string learner, string? after, int? limit, CancellationToken ct)
    {
        var p = Bind(s, tenantId, learner, null, limit);
        var filter = After(p, after is null ? null : ("path_id > @a0", [after]));
        return Rows(s, r => new LearningPathProgressView(r.GetString(0), r.GetString(1), r.GetString(2), Convert.ToDecimal(r.GetValue(3), null), Int(r, 4), Int(r, 5),
                Text(r, 6), Time(s, r, 7), Time(s, r, 8), Time(s, r, 9)),
            $"SELECT {PathColumns} FROM learning_path_progress WHERE {Learner}{filter} ORDER BY path_id{Limit(limit)}", p, ct);
    }

    /// <summary>The learner's competencies (with name and evidence) by competency id, after <paramref name="after"/>.</summary>
    public static async Task<IReadOnlyList<UserCompetencyView>> CompetenciesAsync(
        ProgressSession s, Guid tenantId, string learner, string? after, int? limit, CancellationToken ct)
    {
        var p = Bind(s, tenantId, learner, null, limit);
        var filter = After(p, after is null ? null : ("u.competency_id > @a0", [after]));
        var rows = await Rows(s, r => new UserCompetencyView(r.GetString(0), r.GetString(1), r.GetString(2), Int(r, 3), r.GetString(4), Time(s, r, 5), []),
            $"""
            SELECT u.learner_key, u.competency_id, c.name, u.level, u.status, u.acquired_at
            FROM user_competencies u JOIN competencies c ON c.tenant_id = u.tenant_id AND c.competency_id = u.competency_id
            WHERE u.tenant_id = @tenant AND u.learner_key = @learner{filter} ORDER BY u.competency_id{Limit(limit)}
            """, p, ct);
        var evidence = (await Rows(s, r => (Competency: r.GetString(0), Evidence: new CompetencyEvidenceView(Int(r, 1), r.GetString(2), r.GetString(3), r.GetString(4),
                s.Dialect.ReadTime(r, 5))),
            $"SELECT competency_id, position, type, reference_id, description, evidenced_at FROM competency_evidence WHERE {Learner} ORDER BY competency_id, position",
            Bind(s, tenantId, learner), ct)).ToLookup(e => e.Competency, e => e.Evidence, StringComparer.Ordinal);
        return rows.Select(c => c with { Evidence = evidence[c.CompetencyId].ToList() }).ToList();
    }

    /// <summary>The learner's earned achievements (with name and points) by achievement id, after <paramref name="after"/>.</summary>
    public static Task<IReadOnlyList<EarnedAchievementView>> AchievementsAsync(
        ProgressSession s, Guid tenantId, string learner, string? after, int? limit, CancellationToken ct)
    {
        var p = Bind(s, tenantId, learner, null, limit);
        var filter = After(p, after is null ? null : ("u.achievement_id > @a0", [after]));
        return Rows(s, r => new EarnedAchievementView(r.GetString(0), r.GetString(1), r.GetString(2), Points(r.GetString(3)), s.Dialect.ReadTime(r, 4)),
            $"""
            SELECT u.learner_key, u.achievement_id, a.name, a.document, u.earned_at
            FROM user_achievements u JOIN achievements a ON a.tenant_id = u.tenant_id AND a.achievement_id = u.achievement_id
            WHERE u.tenant_id = @tenant AND u.learner_key = @learner{filter} ORDER BY u.achievement_id{Limit(limit)}
            """, p, ct);
    }

    private static int Points(string document) =>
        System.Text.Json.JsonSerializer.Deserialize<Application.Definitions.AchievementDocument>(document, Application.Definitions.DefinitionDocuments.Json)?.Points ?? 0;

    public static async Task ReplaceAccomplishmentsAsync(ProgressSession s, Guid tenantId, string learner,
        IEnumerable<UserCompetencyView> competencies, IEnumerable<EarnedAchievementView> achievements, CancellationToken ct)
    {
        foreach (var table in new[] { "user_competencies", "competency_evidence", "user_achievements" })
        {
            await Execute(s, $"DELETE FROM {table} WHERE {Learner}", Bind(s, tenantId, learner), ct);
        }

        foreach (var c in competencies)
        {
            var p = Bind(s, tenantId, learner);
            p.AddDynamicParams(new { competency = c.CompetencyId, level = c.Level, status = c.Status });
            AddTime(s, p, "acquired", c.AcquiredAt);
            await Execute(s, """
                INSERT INTO user_competencies (tenant_id, learner_key, competency_id, level, status, acquired_at)
                VALUES (@tenant, @learner, @competency, @level, @status, @acquired)
                """, p, ct);
            foreach (var e in c.Evidence)
            {
                var q = Bind(s, tenantId, learner);
                q.AddDynamicParams(new { competency = c.CompetencyId, position = e.Position, type = e.Type, reference = e.ReferenceId, description = e.Description });
                q.Add("at", s.Dialect.Time(e.EvidencedAt));
                await Execute(s, """
                    INSERT INTO competency_evidence (tenant_id, learner_key, competency_id, position, type, reference_id, description, evidenced_at)
                    VALUES (@tenant, @learner, @competency, @position, @type, @reference, @description, @at)
                    """, q, ct);
            }
        }

        foreach (var a in achievements)
        {
            var p = Bind(s, tenantId, learner);
            p.Add("achievement", a.AchievementId);
            p.Add("earned", s.Dialect.Time(a.EarnedAt));
            await Execute(s, "INSERT INTO user_achievements (tenant_id, learner_key, achievement_id, earned_at) VALUES (@tenant, @learner, @achievement, @earned)", p, ct);
        }
    }

    public static async Task<LearnerSnapshot> SnapshotAsync(ProgressSession s, Guid tenantId, string learner, CancellationToken ct) => new(
        await CoursesAsync(s, tenantId, learner, ct), await ItemsAsync(s, tenantId, learner, ct),
        await QuizAttemptsAsync(s, tenantId, learner, null, null, null, ct), await SubmissionsAsync(s, tenantId, learner, null, null, null, ct),
        await AchievementsAsync(s, tenantId, learner, null, null, ct), await CompetenciesAsync(s, tenantId, learner, null, null, ct));

    // ---- writes ----

    public static async Task DeleteCourseAsync(ProgressSession s, Guid tenantId, string learner, string course, CancellationToken ct)
    {
        foreach (var table in new[] { "module_progress", "quiz_attempts", "quiz_question_responses", "assignment_submissions" })
        {
            await Execute(s, $"DELETE FROM {table} WHERE {Learner} AND course_id = @course", Bind(s, tenantId, learner, course, null), ct);
        }
    }

    public static async Task InsertModulesAsync(ProgressSession s, Guid tenantId, IEnumerable<ModuleProgressView> modules, CancellationToken ct)
    {
        foreach (var m in modules)
        {
            var p = Bind(s, tenantId, m.LearnerKey, m.CourseId, null);
            p.Add("module", m.ModuleId);
            p.Add("position", m.Position);
            p.Add("status", m.Status);
            p.Add("percent", Percent(s, m.Percent));
            p.Add("tl", m.TotalLessons);
            p.Add("cl", m.CompletedLessons);
            p.Add("tq", m.TotalQuizzes);
            p.Add("cq", m.CompletedQuizzes);
            p.Add("ta", m.TotalAssignments);
            p.Add("ca", m.CompletedAssignments);
            AddTime(s, p, "started", m.StartedAt);
            AddTime(s, p, "completed", m.CompletedAt);
            AddTime(s, p, "last", m.LastActivityAt);
            await Execute(s, $"""
                INSERT INTO module_progress ({ModuleColumns}, tenant_id)
                VALUES (@learner, @course, @module, @position, @status, @percent, @tl, @cl, @tq, @cq, @ta, @ca, @started, @completed, @last, @tenant)
                """, p, ct);
        }
    }

    public static async Task InsertQuizAttemptsAsync(ProgressSession s, Guid tenantId, IEnumerable<QuizAttemptView> attempts, CancellationToken ct)
    {
        foreach (var a in attempts)
        {
            var p = Bind(s, tenantId, a.LearnerKey, a.CourseId, null);
            p.Add("module", a.ModuleId);
            p.Add("quiz", a.QuizId);
            p.Add("activity", a.ActivityId);
            p.Add("registration", s.Dialect.Id(a.Registration ?? Guid.Empty));
            p.Add("number", a.AttemptNumber);
            p.Add("status", a.Status);
            p.Add("score", a.ScorePercent is { } score ? Percent(s, score) : null, s.Postgres ? DbType.Decimal : DbType.Double);
            p.Add("total", a.TotalQuestions);
            p.Add("correct", a.CorrectAnswers);
            p.Add("incorrect", a.IncorrectAnswers);
            p.Add("unanswered", a.UnansweredQuestions);
            p.Add("spent", a.TimeSpentSeconds);
            p.Add("passed", a.Passed);
            p.Add("started", s.Dialect.Time(a.StartedAt));
            AddTime(s, p, "completed", a.CompletedAt);
            await Execute(s, $"""
                INSERT INTO quiz_attempts ({QuizColumns}, tenant_id)
                VALUES (@learner, @course, @module, @quiz, @activity, @registration, @number, @status, @score, @total, @correct, @incorrect, @unanswered,
                        @spent, @passed, @started, @completed, @tenant)
                """, p, ct);
            foreach (var r in a.Responses)
            {
                var q = Bind(s, tenantId, a.LearnerKey, a.CourseId, null);
                q.Add("activity", a.ActivityId);
                q.Add("registration", s.Dialect.Id(a.Registration ?? Guid.Empty));
                q.Add("number", a.AttemptNumber);
                q.Add("position", r.Position);
                q.Add("question", r.QuestionId);
                q.Add("response", r.Response, DbType.String);
                q.Add("correct", r.Correct, DbType.Boolean);
                q.Add("score", r.Score, DbType.Double);
                q.Add("spent", r.TimeSpentSeconds);
                q.Add("answered", s.Dialect.Time(r.AnsweredAt));
                await Execute(s, """
                    INSERT INTO quiz_question_responses (tenant_id, learner_key, course_id, activity_id, registration, attempt_number, position,
                        question_id, response, correct, score, time_spent_seconds, answered_at)
                    VALUES (@tenant, @learner, @course, @activity, @registration, @number, @position, @question, @response, @correct, @score, @spent, @answered)
                    """, q, ct);
            }
        }
    }

    public static async Task InsertSubmissionsAsync(ProgressSession s, Guid tenantId, IEnumerable<AssignmentSubmissionView> submissions, CancellationToken ct)
    {
        foreach (var a in submissions)
        {
            var p = Bind(s, tenantId, a.LearnerKey, a.CourseId, null);
            p.Add("module", a.ModuleId);
            p.Add("assignment", a.AssignmentId);
            p.Add("activity", a.ActivityId);
            p.Add("submission", s.Dialect.Id(a.SubmissionId));
            p.Add("status", a.Status);
            p.Add("type", a.SubmissionType, DbType.String);
            p.Add("text", a.TextContent, DbType.String);
            p.Add("link", a.LinkUrl, DbType.String);
            p.Add("score", a.Score, DbType.Double);
            p.Add("max", a.MaxScore, DbType.Double);
            p.Add("feedback", a.Feedback, DbType.String);
            p.Add("graded_by", a.GradedBy, DbType.String);
            p.Add("submitted", s.Dialect.Time(a.SubmittedAt));
            AddTime(s, p, "graded", a.GradedAt);
            await Execute(s, $"""
                INSERT INTO assignment_submissions ({SubmissionColumns}, tenant_id)
                VALUES (@learner, @course, @module, @assignment, @activity, @submission, @status, @type, @text, @link, @score, @max, @feedback,
                        @graded_by, @submitted, @graded, @tenant)
                """, p, ct);
        }
    }

    public static async Task ReplacePathsAsync(
        ProgressSession s, Guid tenantId, string learner, IEnumerable<LearningPathProgressView> paths, CancellationToken ct)
    {
        await Execute(s, $"DELETE FROM learning_path_progress WHERE {Learner}", Bind(s, tenantId, learner), ct);
        foreach (var l in paths)
        {
            var p = Bind(s, tenantId, learner);
            p.Add("path", l.PathId);
            p.Add("status", l.Status);
            p.Add("percent", Percent(s, l.Percent));
            p.Add("total", l.TotalCourses);
            p.Add("done", l.CompletedCourses);
            p.Add("current", l.CurrentCourseId, DbType.String);
            AddTime(s, p, "started", l.StartedAt);
            AddTime(s, p, "completed", l.CompletedAt);
            AddTime(s, p, "last", l.LastActivityAt);
            await Execute(s, $"""
                INSERT INTO learning_path_progress ({PathColumns}, tenant_id)
                VALUES (@learner, @path, @status, @percent, @total, @done, @current, @started, @completed, @last, @tenant)
                """, p, ct);
        }
    }

    public static async Task ReplaceUserAsync(ProgressSession s, Guid tenantId, string learner, UserProgressView? user, CancellationToken ct)
    {
        await Execute(s, $"DELETE FROM user_progress WHERE {Learner}", Bind(s, tenantId, learner), ct);
        if (user is null)
        {
            return;
        }

        var p = Bind(s, tenantId, learner);
        p.AddDynamicParams(new
        {
            tc = user.TotalCourses, cc = user.CompletedCourses, ic = user.InProgressCourses, tl = user.TotalLessons, cl = user.CompletedLessons,
            tq = user.TotalQuizzes, cq = user.CompletedQuizzes, ta = user.TotalAssignments, ca = user.CompletedAssignments, points = user.TotalPoints,
        });
        AddTime(s, p, "last", user.LastActivityAt);
        await Execute(s, """
            INSERT INTO user_progress (tenant_id, learner_key, total_courses, completed_courses, in_progress_courses, total_lessons, completed_lessons,
                total_quizzes, completed_quizzes, total_assignments, completed_assignments, total_points, last_activity_at)
            VALUES (@tenant, @learner, @tc, @cc, @ic, @tl, @cl, @tq, @cq, @ta, @ca, @points, @last)
            """, p, ct);
    }

    // ---- helpers ----

    public static DynamicParameters Bind(ProgressSession s, Guid tenantId, string learner, string? course = null, int? limit = null)
    {
        var p = new DynamicParameters(new { tenant = s.Dialect.Id(tenantId), learner });
        if (course is not null)
        {
            p.Add("course", course);
        }

        if (limit is not null)
        {
            p.Add("limit", limit);
        }

        return p;
    }

    private static string After(DynamicParameters p, (string Sql, object[] Values)? after)
    {
        if (after is not { } a)
        {
            return string.Empty;
        }

        for (var i = 0; i < a.Values.Length; i++)
        {
            p.Add($"a{i}", a.Values[i]);
        }

        return " AND " + a.Sql;
    }

    private static string CourseFilter(string? course) => course is null ? string.Empty : " AND course_id = @course";

    private static string Limit(int? limit) => limit is null ? string.Empty : " LIMIT @limit";

    public static async Task<IReadOnlyList<T>> Rows<T>(ProgressSession s, Func<DbDataReader, T> map, string sql, object parameters, CancellationToken ct)
    {
        var rows = new List<T>();
        await using var reader = await s.Connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, s.Transaction, cancellationToken: ct));
        while (await reader.ReadAsync(ct))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    public static Task Execute(ProgressSession s, string sql, object? parameters, CancellationToken ct) =>
        s.Connection.ExecuteAsync(new CommandDefinition(sql, parameters, s.Transaction, cancellationToken: ct));

    private static object Percent(ProgressSession s, decimal value) => s.Postgres ? value : (double)value;

    private static void AddTime(ProgressSession s, DynamicParameters p, string name, DateTimeOffset? value)
    {
        if (value is { } t)
        {
            p.Add(name, s.Dialect.Time(t));
        }
        else
        {
            p.Add(name, null, s.Postgres ? DbType.DateTimeOffset : DbType.Int64);
        }
    }

    private static Guid? Registration(Guid stored) => stored == Guid.Empty ? null : stored;

    private static DateTimeOffset? Time(ProgressSession s, DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : s.Dialect.ReadTime(r, ordinal);

    private static string? Text(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);

    private static double? Double(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : Convert.ToDouble(r.GetValue(ordinal), null);

    private static int Int(DbDataReader r, int ordinal) => Convert.ToInt32(r.GetValue(ordinal), null);
}
