using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Lrs.Application.Courses;
using Lrs.Application.Definitions;
using Lrs.Application.Progress;
using Lrs.Application.Statements;
using Lrs.Domain.Courses;
using Lrs.Infrastructure.LearningPaths;
using Lrs.Infrastructure.Persistence;
using Lrs.Infrastructure.Progress;
using Lrs.Infrastructure.Tests.Support;

namespace Lrs.Infrastructure.Tests.Progress;

/// <summary>
/// The data-model seed's learner read models (migration 0008): module and user progress, quiz attempts with responses, assignment
/// submissions, the facts a batch makes true, and recomputation after a course changes.
/// </summary>
public abstract class LearnerReadModelsProjectionTests : ProjectionTests
{
    private static readonly DateTimeOffset T0 = new(2024, 6, 1, 9, 0, 0, TimeSpan.Zero);
    private const string Ann = "mailto:ann@example.com";
    private const string AnnKey = "mbox:" + Ann;
    private const string Tutor = "mailto:tutor@example.com";
    private const string L1 = "http://example.com/q/l1";
    private const string L2 = "http://example.com/q/l2";
    private const string Quiz = "http://example.com/q/quiz";
    private const string Essay = "http://example.com/q/essay";
    private const string Experienced = "http://adlnet.gov/expapi/verbs/experienced";

    protected LearnerProgressReader Reader => new(Store);

    // Module m1: a lesson and a quiz of three declared questions; module m2: an assignment.
    private static Course QuizCourse(bool withSecondLesson = false) => Course.Define("q", "Quiz course",
    [
        Module.Create("m1", "M1", withSecondLesson ? [Lesson.Create("l1", "L1", L1), Lesson.Create("l2", "L2", L2)] : [Lesson.Create("l1", "L1", L1)],
            quizzes: [Domain.Courses.Quiz.Create("quiz", "Quiz", Quiz, [Quiz + "/1", Quiz + "/2", Quiz + "/3"])]),
        Module.Create("m2", "M2", assignments: [Assignment.Create("essay", "Essay", Essay)]),
    ]);

    protected Task SaveAsync(Guid tenant, Course course) =>
        Courses.SaveAsync(tenant, course, JsonSerializer.Serialize(CourseDocument.From(course), CourseDocument.Json), DateTimeOffset.UtcNow, CancellationToken.None);

    protected async Task<Guid> NewTenantAsync(bool withCourse = true)
    {
        var id = await InsertTenantAsync();
        if (withCourse)
        {
            await SaveAsync(id, QuizCourse());
        }

        return id;
    }

    private static PreparedStatement Statement(string verb, string activity, int minute, JsonObject? result = null, string? parent = null, string? instructor = null)
    {
        var id = Guid.NewGuid();
        var statement = new JsonObject
        {
            ["id"] = id.ToString(),
            ["actor"] = new JsonObject { ["objectType"] = "Agent", ["mbox"] = Ann },
            ["verb"] = new JsonObject { ["id"] = verb },
            ["object"] = new JsonObject { ["objectType"] = "Activity", ["id"] = activity },
            ["timestamp"] = T0.AddMinutes(minute).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["stored"] = TestStatements.Now().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["authority"] = new JsonObject { ["objectType"] = "Agent", ["mbox"] = "mailto:lrs@example.com" },
            ["version"] = "1.0.0",
        };
        var context = new JsonObject();
        if (parent is not null)
        {
            context["contextActivities"] = new JsonObject { ["parent"] = new JsonArray(new JsonObject { ["id"] = parent }) };
        }

        if (instructor is not null)
        {
            context["instructor"] = new JsonObject { ["objectType"] = "Agent", ["mbox"] = instructor };
        }

        if (context.Count > 0)
        {
            statement["context"] = context;
        }

        if (result is not null)
        {
            statement["result"] = result;
        }

        return new PreparedStatement(id, StatementJson.Serialize(statement), TestStatements.Now(), TestStatements.AuthorityKey, StatementIndex.Extract(statement));
    }

    // Ann completes the lesson, answers two of three questions (one right) and passes the quiz with 5/10, submits a link and is graded 8/10.
    protected static List<PreparedStatement> AnnStatements() =>
    [
        Statement(ProgressVerbs.Completed, L1, 0),
        Statement(ProgressVerbs.Initialized, Quiz, 1),
        Statement(ProgressVerbs.Answered, Quiz + "/1", 2, new JsonObject { ["success"] = true, ["response"] = "b", ["score"] = new JsonObject { ["raw"] = 1 } }, parent: Quiz),
        Statement(ProgressVerbs.Answered, Quiz + "/2", 4, new JsonObject { ["success"] = false, ["response"] = "a[,]c" }, parent: Quiz),
        Statement(ProgressVerbs.Passed, Quiz, 5, new JsonObject { ["success"] = true, ["score"] = new JsonObject { ["scaled"] = 0.5, ["raw"] = 5, ["max"] = 10 } }),
        Statement(ProgressVerbs.Terminated, Quiz, 6),
        Statement(ProgressVerbs.Submitted, Essay, 10, new JsonObject { ["response"] = "https://example.com/essays/ann" }),
        Statement(ProgressVerbs.Scored, Essay, 20, new JsonObject { ["response"] = "Good argument", ["score"] = new JsonObject { ["raw"] = 8, ["max"] = 10 } }, instructor: Tutor),
    ];

    private async Task<string> SnapshotAsync(Guid tenant) => JsonSerializer.Serialize(new object?[]
    {
        await Reader.ModulesAsync(tenant, AnnKey, null, null, 100, CancellationToken.None),
        await Reader.UserAsync(tenant, AnnKey, CancellationToken.None),
        await Reader.QuizAttemptsAsync(tenant, AnnKey, null, null, 100, CancellationToken.None),
        await Reader.SubmissionsAsync(tenant, AnnKey, null, null, 100, CancellationToken.None),
        await Reader.LearningPathsAsync(tenant, AnnKey, null, 100, CancellationToken.None),
    });

    [Fact] // data-model seed: ModuleProgress, UserProgress, QuizAttempt, QuizQuestionResponse, AssignmentSubmission
    public async Task ProjectAsync_QuizAndAssignment_ProjectsEveryLearnerReadModel()
    {
        var tenant = await NewTenantAsync();
        await WriteAsync(tenant, AnnStatements());

        await Projector().ProjectAsync(CancellationToken.None);

        var modules = await Reader.ModulesAsync(tenant, AnnKey, "q", null, 10, CancellationToken.None);
        Assert.Equal(["m1", "m2"], modules.Select(m => m.ModuleId));
        Assert.Equal(("completed", 100m, 1, 1, 1, 1), (modules[0].Status, modules[0].Percent, modules[0].TotalLessons, modules[0].CompletedLessons,
            modules[0].TotalQuizzes, modules[0].CompletedQuizzes));
        Assert.Equal((T0, T0.AddMinutes(5)), (modules[0].StartedAt, modules[0].CompletedAt)); // the quiz passed last
        Assert.Equal(("completed", 1, 1, T0.AddMinutes(10)), (modules[1].Status, modules[1].TotalAssignments, modules[1].CompletedAssignments, modules[1].CompletedAt));

        var attempt = Assert.Single(await Reader.QuizAttemptsAsync(tenant, AnnKey, null, null, 10, CancellationToken.None));
        Assert.Equal(("completed", 50m, 3, 1, 1, 1), (attempt.Status, attempt.ScorePercent, attempt.TotalQuestions, attempt.CorrectAnswers,
            attempt.IncorrectAnswers, attempt.UnansweredQuestions));
        Assert.Equal((300, true, 1, "quiz", "m1"), (attempt.TimeSpentSeconds, attempt.Passed, attempt.AttemptNumber, attempt.QuizId, attempt.ModuleId));
        Assert.Equal([(Quiz + "/1", "b", (bool?)true, (double?)1, 60), (Quiz + "/2", "a[,]c", false, null, 120)],
            attempt.Responses.Select(r => (r.QuestionId, r.Response, r.Correct, r.Score, r.TimeSpentSeconds)));

        var submission = Assert.Single(await Reader.SubmissionsAsync(tenant, AnnKey, "q", null, 10, CancellationToken.None));
        Assert.Equal(("graded", "link", "https://example.com/essays/ann", (double?)8, (double?)10, "Good argument", "mbox:" + Tutor),
            (submission.Status, submission.SubmissionType, submission.LinkUrl, submission.Score, submission.MaxScore, submission.Feedback, submission.GradedBy));
        Assert.Equal((T0.AddMinutes(10), (DateTimeOffset?)T0.AddMinutes(20)), (submission.SubmittedAt, submission.GradedAt));

        var user = await Reader.UserAsync(tenant, AnnKey, CancellationToken.None);
        Assert.Equal(new UserProgressView(AnnKey, 1, 1, 0, 1, 1, 1, 1, 1, 1, 13, T0.AddMinutes(20)), user);
    }

    [Fact] // facts of a batch: what became true, once; a no-op recompute finds none; a rebuild finds the same ids
    public async Task ProjectAsync_Facts_NewOnlyAndStableAcrossRebuild()
    {
        var tenant = await NewTenantAsync();
        await WriteAsync(tenant, AnnStatements());

        var first = (await Projector().ProjectAsync(CancellationToken.None)).Facts;

        Assert.Equal(["AssignmentSubmitted", "CourseCompleted", "ProgressUpdated", "ProgressUpdated", "ProgressUpdated", "QuizCompleted"],
            first.Select(f => f.Type).Order(StringComparer.Ordinal));
        var quiz = Assert.Single(first.OfType<QuizCompleted>());
        Assert.Equal((50m, true, T0.AddMinutes(6)), (quiz.Score, quiz.Passed, quiz.OccurredAt));
        Assert.Equal(T0, Assert.Single(first.OfType<CourseCompleted>()).OccurredAt);
        // Each fact is queued as its event in the projector's transaction, under the fact's id (docs/decisions/0008, 0009).
        Assert.Equal(first.Select(f => (f.Id, MessageType(f))).Order(), (await OutboxAsync(tenant)).Order());

        await WriteAsync(tenant, [Statement(Experienced, L1, 30)]); // touches the course, changes no fact
        Assert.Empty((await Projector().ProjectAsync(CancellationToken.None)).Facts);

        var again = await RebuildFactsAsync();
        Assert.Equal(first.Select(f => f.Id).Order(), again.Select(f => f.Id).Order());
    }

    private static string MessageType(LearnerFact fact) => fact.Type switch
    {
        "ProgressUpdated" => "progress.updated.v1",
        "CourseCompleted" => "progress.course.completed.v1",
        "QuizCompleted" => "progress.quiz.completed.v1",
        "AchievementEarned" => "progress.achievement.earned.v1",
        "CompetencyAcquired" => "progress.competency.acquired.v1",
        _ => "progress.assignment.submitted.v1",
    };

    // The data-model events in the outbox, read as the tenant (row-level security on PostgreSQL).
    private async Task<IReadOnlyList<(Guid, string)>> OutboxAsync(Guid tenant)
    {
        await using var connection = await Connections.OpenAsync();
        await using var tx = await ScopeAsync(connection, tenant);

        var rows = await connection.QueryAsync<(string Id, string Type)>(
            "SELECT CAST(message_id AS TEXT), message_type FROM outbox WHERE message_type NOT LIKE 'progress.attempt.%' "
            + "AND message_type <> 'progress.completion.recorded.v1'", transaction: tx);
        return rows.Select(r => (Guid.Parse(r.Id), r.Type)).ToList();
    }

    // Empties the read models and projects the whole ledger, keeping the facts of the runs.
    private async Task<IReadOnlyList<LearnerFact>> RebuildFactsAsync()
    {
        await using (var session = await Store.BeginAsync(CancellationToken.None))
        {
            await session.LockCheckpointAsync(ProgressProjector.Projection, CancellationToken.None);
            await session.ClearReadModelsAsync(CancellationToken.None);
            await session.SaveCheckpointAsync(ProgressProjector.Projection, 0, CancellationToken.None);
            await session.SaveCheckpointAsync(ProgressProjector.LearnerProjection, 0, CancellationToken.None);
            await session.CommitAsync(CancellationToken.None);
        }

        return (await Projector().ProjectAsync(CancellationToken.None)).Facts;
    }

    [Fact] // offline sync: shuffled arrival in small batches, then a rebuild, give identical rows (0005's rule, extended to 0008)
    public async Task RebuildAsync_AfterShuffledIncrementalRuns_IdenticalRows()
    {
        var tenant = await NewTenantAsync();
        var projector = Projector(batchSize: 3);
        foreach (var chunk in AnnStatements().OrderBy(_ => Random.Shared.Next()).Chunk(3))
        {
            await WriteAsync(tenant, chunk);
            await projector.ProjectAsync(CancellationToken.None);
        }

        var before = await SnapshotAsync(tenant);
        await Projector(batchSize: 5).RebuildAsync(CancellationToken.None);

        Assert.Equal(before, await SnapshotAsync(tenant));
        Assert.Contains("\"Status\":\"graded\"", before, StringComparison.Ordinal);
    }

    [Fact] // Data §2.3.2: voiding the submission and the quiz pass un-projects them
    public async Task ProjectAsync_VoidedSubmissionAndPass_Unprojected()
    {
        var tenant = await NewTenantAsync();
        var statements = AnnStatements();
        await WriteAsync(tenant, statements);
        await Projector().ProjectAsync(CancellationToken.None);

        await WriteAsync(tenant, [TestStatements.Voiding(statements[6].Id), TestStatements.Voiding(statements[4].Id)]);
        await Projector().ProjectAsync(CancellationToken.None);

        Assert.Empty(await Reader.SubmissionsAsync(tenant, AnnKey, null, null, 10, CancellationToken.None));
        var attempt = Assert.Single(await Reader.QuizAttemptsAsync(tenant, AnnKey, null, null, 10, CancellationToken.None));
        Assert.False(attempt.Passed);
        Assert.Equal(33.33m, attempt.ScorePercent); // no reported score left: 1 correct of 3 questions
        var modules = await Reader.ModulesAsync(tenant, AnnKey, null, null, 10, CancellationToken.None);
        // The grading statement still counts as activity on the assignment, though it grades no submission.
        Assert.Equal([("in-progress", 50m), ("in-progress", 0m)], modules.Select(m => (m.Status, m.Percent)));
        var user = await Reader.UserAsync(tenant, AnnKey, CancellationToken.None);
        Assert.Equal((0, 0, 0), (user!.CompletedQuizzes, user.CompletedAssignments, user.TotalPoints));
    }

    protected async Task DefineAccomplishmentsAsync(Guid tenant)
    {
        var store = new DefinitionStore(Store);
        await store.SaveAsync(tenant, DefinitionHandler.Competency, "quizzing", "Quizzing",
            """{"name":"Quizzing","evidence":[{"course":"q"},{"activity":"http://example.com/q/quiz"}]}""", DateTimeOffset.UtcNow, CancellationToken.None);
        await store.SaveAsync(tenant, DefinitionHandler.Competency, "essays", "Essays",
            """{"name":"Essays","evidence":[{"activity":"http://example.com/q/essay"},{"course":"elsewhere"}]}""", DateTimeOffset.UtcNow, CancellationToken.None);
        await store.SaveAsync(tenant, DefinitionHandler.Achievement, "quiz-ace", "Quiz ace",
            """{"name":"Quiz ace","points":10,"criteria":{"kind":"quiz-passed","activity":"http://example.com/q/quiz"}}""", DateTimeOffset.UtcNow, CancellationToken.None);
    }

    [Fact] // data-model seed: UserCompetency with CompetencyEvidence, UserAchievement; defined after the statements, applied by the queue
    public async Task ProjectAsync_DefinitionsAfterStatements_CompetenciesAndAchievements()
    {
        var tenant = await NewTenantAsync();
        await WriteAsync(tenant, AnnStatements());
        await Projector().ProjectAsync(CancellationToken.None);

        await DefineAccomplishmentsAsync(tenant);
        var run = await Projector().ProjectAsync(CancellationToken.None);

        var competencies = await Reader.CompetenciesAsync(tenant, AnnKey, null, 10, CancellationToken.None);
        Assert.Equal([("essays", 50, "in-progress"), ("quizzing", 100, "mastered")], competencies.Select(c => (c.CompetencyId, c.Level, c.Status)));
        Assert.Equal(T0.AddMinutes(5), competencies[1].AcquiredAt); // the quiz passed after the course was completed
        Assert.Equal([("course", "q", T0), ("quiz", Quiz, T0.AddMinutes(5))], competencies[1].Evidence.Select(e => (e.Type, e.ReferenceId, e.EvidencedAt)));
        var achievement = Assert.Single(await Reader.AchievementsAsync(tenant, AnnKey, null, 10, CancellationToken.None));
        Assert.Equal(("Quiz ace", 10, T0.AddMinutes(6)), (achievement.Name, achievement.Points, achievement.EarnedAt));
        Assert.Equal(23, (await Reader.UserAsync(tenant, AnnKey, CancellationToken.None))!.TotalPoints); // 5 + 8 scored, 10 for the achievement
        Assert.Equal(["AchievementEarned", "CompetencyAcquired"], run.Facts.Select(f => f.Type).Order(StringComparer.Ordinal));
        Assert.Contains((run.Facts.OfType<AchievementEarned>().Single().Id, "progress.achievement.earned.v1"), await OutboxAsync(tenant));
    }

    [Fact] // a course PUT recomputes the learners it concerns without --rebuild-projections
    public async Task ProjectAsync_CourseReplacedAndCreated_LearnersRecomputed()
    {
        var tenant = await NewTenantAsync();
        await WriteAsync(tenant, [Statement(ProgressVerbs.Completed, L1, 0), Statement(Experienced, L2, 1)]);
        await Projector().ProjectAsync(CancellationToken.None);
        var courses = new CourseProgressReader(Store);
        Assert.Equal(100m, Assert.Single(await courses.CoursesOfLearnerAsync(tenant, AnnKey, null, 10, CancellationToken.None)).Percent);

        await SaveAsync(tenant, QuizCourse(withSecondLesson: true));
        await SaveAsync(tenant, Course.Define("later", "Created after the statements", [Module.Create("m", "M", [Lesson.Create("l", "L", L1)])]));
        var run = await Projector().ProjectAsync(CancellationToken.None);

        Assert.Equal(0, run.Statements);
        var progress = await courses.CoursesOfLearnerAsync(tenant, AnnKey, null, 10, CancellationToken.None);
        Assert.Equal([("later", 100m, "completed"), ("q", 50m, "in-progress")], progress.Select(p => (p.CourseId, p.Percent, p.Status)));
        Assert.Equal(["CourseCompleted", "ProgressUpdated"], run.Facts.Select(f => f.Type).Order(StringComparer.Ordinal));
        Assert.Equal(2, (await Reader.UserAsync(tenant, AnnKey, CancellationToken.None))!.TotalCourses);
        Assert.Empty((await Projector().ProjectAsync(CancellationToken.None)).Facts); // the queue was drained
    }
}

public sealed class PostgresLearnerReadModelsProjectionTests : LearnerReadModelsProjectionTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    [Theory] // tenant isolation for the 0008 read models
    [InlineData("module_progress")]
    [InlineData("user_progress")]
    [InlineData("quiz_attempts")]
    [InlineData("quiz_question_responses")]
    [InlineData("assignment_submissions")]
    [InlineData("progress_dirty")]
    [InlineData("competencies")]
    [InlineData("user_competencies")]
    [InlineData("competency_evidence")]
    [InlineData("user_achievements")]
    public async Task Select_NoTenantSet_SeesNoRows(string table)
    {
        var tenant = await NewTenantAsync();
        await DefineAccomplishmentsAsync(tenant);
        if (table != "progress_dirty")
        {
            await WriteAsync(tenant, AnnStatements());
            await Projector().ProjectAsync(CancellationToken.None);
        }

        var (unscoped, scoped) = await CountWithoutAndWithTenantAsync(table, tenant);
        Assert.Equal(0, unscoped);
        Assert.True(scoped > 0);
    }
}

public sealed class SqliteLearnerReadModelsProjectionTests : LearnerReadModelsProjectionTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}
