using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lrs.Application.Progress;
using Lrs.Application.Statements;
using Lrs.Domain.Courses;
using Lrs.Infrastructure.Persistence;
using Lrs.Infrastructure.Progress;
using Lrs.Infrastructure.Tests.Support;

namespace Lrs.Infrastructure.Tests.Progress;

/// <summary>
/// lesson_progress and course_progress (migration 0007) as the projector maintains them. Progress-schema seed: lesson view
/// records, completion timestamps, progress_percentage = completed_lessons / total_lessons_in_course × 100.
/// </summary>
public abstract class CourseProgressProjectionTests : ProjectionTests
{
    private static readonly DateTimeOffset T0 = new(2024, 5, 1, 9, 0, 0, TimeSpan.Zero);
    private const string Ann = "mailto:ann@example.com";
    private const string Bob = "mailto:bob@example.com";

    private CourseProgressReader Reader => new(Store);

    private static string Lesson(int n) => $"http://example.com/c1/l{n}";

    // Four lessons in two modules and an assignment: 25 % per lesson.
    private static Course Course1() => Course.Define("c1", "Course one",
    [
        Module.Create("m1", "M1", [Domain.Courses.Lesson.Create("l1", "L1", Lesson(1)), Domain.Courses.Lesson.Create("l2", "L2", Lesson(2))]),
        Module.Create("m2", "M2", [Domain.Courses.Lesson.Create("l3", "L3", Lesson(3)), Domain.Courses.Lesson.Create("l4", "L4", Lesson(4))],
            assignments: [Assignment.Create("a1", "A1", "http://example.com/c1/a1", dueOffset: TimeSpan.FromDays(7))]),
    ]);

    // Three lessons: one completed is 33.33 %.
    private static Course Course2() => Course.Define("c2", "Course two",
        new[] { Module.Create("m", "M", new[] { 1, 2, 3 }.Select(n => Domain.Courses.Lesson.Create($"l{n}", $"L{n}", $"http://example.com/c2/l{n}"))) });

    private async Task<Guid> NewTenantAsync()
    {
        var id = await InsertTenantAsync();
        await Courses.SaveAsync(id, Course1(), "{}", DateTimeOffset.UtcNow, CancellationToken.None);
        await Courses.SaveAsync(id, Course2(), "{}", DateTimeOffset.UtcNow, CancellationToken.None);
        return id;
    }

    private static PreparedStatement Statement(string learner, string verb, string activity, int minute, JsonObject? result = null, string? parent = null)
    {
        var id = Guid.NewGuid();
        var statement = new JsonObject
        {
            ["id"] = id.ToString(),
            ["actor"] = new JsonObject { ["objectType"] = "Agent", ["mbox"] = learner },
            ["verb"] = new JsonObject { ["id"] = verb },
            ["object"] = new JsonObject { ["objectType"] = "Activity", ["id"] = activity },
            ["timestamp"] = T0.AddMinutes(minute).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["stored"] = TestStatements.Now().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["authority"] = new JsonObject { ["objectType"] = "Agent", ["mbox"] = "mailto:lrs@example.com" },
            ["version"] = "1.0.0",
        };
        if (parent is not null)
        {
            statement["context"] = new JsonObject { ["contextActivities"] = new JsonObject { ["parent"] = new JsonArray(new JsonObject { ["id"] = parent }) } };
        }

        if (result is not null)
        {
            statement["result"] = result;
        }

        return new PreparedStatement(id, StatementJson.Serialize(statement), TestStatements.Now(), TestStatements.AuthorityKey, StatementIndex.Extract(statement));
    }

    private const string Experienced = "http://adlnet.gov/expapi/verbs/experienced";

    // Ann completes every lesson of c1, each in its own way (completed, passed, result.completion, satisfied-free
    // completion through a later session), and one lesson of c2. Bob views two lessons and completes one.
    private static List<PreparedStatement> AnnStatements() =>
    [
        Statement(Ann, ProgressVerbs.Initialized, Lesson(1), 0),
        Statement(Ann, ProgressVerbs.Completed, Lesson(1), 5),
        Statement(Ann, ProgressVerbs.Passed, Lesson(2), 15, new JsonObject { ["success"] = true }),
        Statement(Ann, Experienced, Lesson(3), 25, new JsonObject { ["completion"] = true }),
        Statement(Ann, Experienced, "http://example.com/c1/l4/page2", 30, parent: Lesson(4)),
        Statement(Ann, ProgressVerbs.Completed, Lesson(4), 40),
        Statement(Ann, ProgressVerbs.Completed, Lesson(4), 50), // a later completion does not move the first
        Statement(Ann, ProgressVerbs.Completed, "http://example.com/c2/l2", 60),
        Statement(Ann, Experienced, "http://example.com/elsewhere", 70),
    ];

    private static List<PreparedStatement> BobStatements() =>
    [
        Statement(Bob, ProgressVerbs.Launched, Lesson(1), 100),
        Statement(Bob, ProgressVerbs.Completed, Lesson(1), 110),
        Statement(Bob, Experienced, "http://example.com/c1/l2/video", 120, parent: Lesson(2)),
    ];

    private async Task<string> SnapshotAsync(Guid tenant)
    {
        var rows = new List<object>();
        foreach (var course in new[] { "c1", "c2" })
        {
            rows.Add(await Reader.LearnersOfCourseAsync(tenant, course, CancellationToken.None));
            foreach (var kind in new[] { "lesson", "quiz", "assignment" })
            {
                rows.Add(await Reader.ItemsOfCourseAsync(tenant, course, kind, CancellationToken.None));
            }
        }

        return JsonSerializer.Serialize(rows);
    }

    [Fact]
    public async Task RunOnceAsync_TwoLearners_PercentagesAndTimestamps()
    {
        var tenant = await NewTenantAsync();
        await WriteAsync(tenant, AnnStatements().Concat(BobStatements()).Reverse());

        await Projector().RunOnceAsync(CancellationToken.None);

        var c1 = await Reader.LearnersOfCourseAsync(tenant, "c1", CancellationToken.None);
        Assert.Equal(["mbox:" + Ann, "mbox:" + Bob], c1.Select(p => p.LearnerKey));
        var ann = c1[0];
        Assert.Equal(("completed", 4, 4, 100m), (ann.Status, ann.CompletedLessons, ann.TotalLessons, ann.Percent));
        Assert.Equal(T0, ann.StartedAt);
        Assert.Equal(T0.AddMinutes(40), ann.CompletedAt); // when the last lesson was (first) completed
        Assert.Equal(T0.AddMinutes(50), ann.LastActivityAt);
        var bob = c1[1];
        Assert.Equal(("in-progress", 1, 4, 25m), (bob.Status, bob.CompletedLessons, bob.TotalLessons, bob.Percent));
        Assert.Equal(T0.AddMinutes(100), bob.StartedAt);
        Assert.Null(bob.CompletedAt);
        Assert.Equal(T0.AddMinutes(120), bob.LastActivityAt);

        var c2 = Assert.Single(await Reader.LearnersOfCourseAsync(tenant, "c2", CancellationToken.None));
        Assert.Equal(("in-progress", 1, 3, 33.33m), (c2.Status, c2.CompletedLessons, c2.TotalLessons, c2.Percent));

        var annLessons = await Reader.ItemsOfLearnerAsync(tenant, "mbox:" + Ann, "c1", null, 10, CancellationToken.None);
        Assert.Equal([Lesson(1), Lesson(2), Lesson(3), Lesson(4)], annLessons.Select(l => l.ActivityId));
        Assert.Equal([T0.AddMinutes(5), T0.AddMinutes(15), T0.AddMinutes(25), T0.AddMinutes(40)], annLessons.Select(l => l.CompletedAt!.Value));
        Assert.Equal(T0.AddMinutes(30), annLessons[3].ViewedAt); // viewed through a page whose context parent is the lesson
        Assert.Equal(["m1", "m1", "m2", "m2"], annLessons.Select(l => l.ModuleId));

        var bobLessons = await Reader.ItemsOfLearnerAsync(tenant, "mbox:" + Bob, null, null, 10, CancellationToken.None);
        Assert.Equal([(Lesson(1), (DateTimeOffset?)T0.AddMinutes(110)), (Lesson(2), null)], bobLessons.Select(l => (l.ActivityId, l.CompletedAt)));
    }

    [Fact] // Data §2.3.2: a voided completion no longer counts
    public async Task RunOnceAsync_VoidedCompletion_LessonNoLongerCompleted()
    {
        var tenant = await NewTenantAsync();
        var bob = BobStatements();
        await WriteAsync(tenant, bob);
        await Projector().RunOnceAsync(CancellationToken.None);

        await WriteAsync(tenant, [TestStatements.Voiding(bob[1].Id)]);
        await Projector().RunOnceAsync(CancellationToken.None);

        var progress = Assert.Single(await Reader.LearnersOfCourseAsync(tenant, "c1", CancellationToken.None));
        Assert.Equal((0, 0m, "in-progress"), (progress.CompletedLessons, progress.Percent, progress.Status));
        Assert.All(await Reader.ItemsOfCourseAsync(tenant, "c1", "lesson", CancellationToken.None), l => Assert.Null(l.CompletedAt));
    }

    [Fact] // 0005's rule extends to 0007: the read models are a function of the ledger, so a rebuild gives identical rows
    public async Task RebuildAsync_AfterIncrementalRuns_IdenticalRows()
    {
        var tenant = await NewTenantAsync();
        var projector = Projector(batchSize: 3);
        foreach (var chunk in AnnStatements().Concat(BobStatements()).OrderBy(_ => Random.Shared.Next()).Chunk(4))
        {
            await WriteAsync(tenant, chunk);
            await projector.RunOnceAsync(CancellationToken.None);
        }

        var before = await SnapshotAsync(tenant);
        await Projector(batchSize: 7).RebuildAsync(CancellationToken.None);

        Assert.Equal(before, await SnapshotAsync(tenant));
        Assert.Contains("\"Percent\":100", before, StringComparison.Ordinal);
    }
}

public sealed class PostgresCourseProgressProjectionTests : CourseProgressProjectionTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    [Theory] // tenant isolation for the course read models, as for the ledger
    [InlineData("lesson_progress")]
    [InlineData("course_progress")]
    public async Task Select_NoTenantSet_SeesNoRows(string table)
    {
        var tenant = await InsertTenantAsync();
        await Courses.SaveAsync(tenant, Course.Define("c", "C", [Module.Create("m", "M", [Domain.Courses.Lesson.Create("l", "L", "http://example.com/l")])]),
            "{}", DateTimeOffset.UtcNow, CancellationToken.None);
        await WriteAsync(tenant, [TestStatements.Experienced(activity: "http://example.com/l")]);
        await Projector().RunOnceAsync(CancellationToken.None);

        Assert.Equal((0L, 1L), await CountWithoutAndWithTenantAsync(table, tenant));
    }
}

public sealed class SqliteCourseProgressProjectionTests : CourseProgressProjectionTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}
