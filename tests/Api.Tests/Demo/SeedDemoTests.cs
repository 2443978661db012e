using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Lrs.Api.Hosting;
using Lrs.Api.Tests.Support;
using Lrs.Application.Demo;
using Lrs.Application.Progress;
using Lrs.Application.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using static Lrs.Api.Tests.Courses.Courses;

namespace Lrs.Api.Tests.Demo;

/// <summary>A host over a database of its own, seeded once with the demo data as <c>--seed-demo</c> does.</summary>
public abstract class SeededDemo<TFactory> : IAsyncLifetime where TFactory : LrsFactory, new()
{
    public TFactory Lrs { get; } = new();

    public DemoSeeded First { get; private set; } = null!;

    /// <summary>The data the seeding wrote, generated again from the demo tenant's anchor.</summary>
    public DemoDataSet Data { get; private set; } = null!;

    /// <summary>A time after the first seeding committed.</summary>
    public DateTimeOffset SeededAt { get; private set; }

    public async Task InitializeAsync()
    {
        await Lrs.InitializeAsync();
        First = await DemoSeeding.RunAsync(Lrs.Services, CancellationToken.None);
        await Task.Delay(10);
        SeededAt = DateTimeOffset.UtcNow;
        using var scope = Lrs.Services.CreateScope();
        var tenant = await scope.ServiceProvider.GetRequiredService<ITenancyStore>().FindTenantAsync(SeedDemoHandler.TenantId, CancellationToken.None);
        Data = DemoDataSet.Generate(SeedDemoHandler.Anchor(tenant!));
    }

    public Task DisposeAsync() => Lrs.DisposeAsync();

    public HttpClient Demo() => Lrs.Xapi(SeedDemoHandler.Key, SeedDemoHandler.Secret);
}

public sealed class PostgresSeededDemo : SeededDemo<PostgresLrsFactory>;

public sealed class SqliteSeededDemo : SeededDemo<SqliteLrsFactory>;

public sealed class PostgresSeedDemoTests(PostgresSeededDemo demo) : SeedDemoTests<PostgresLrsFactory>(demo), IClassFixture<PostgresSeededDemo>;

public sealed class SqliteSeedDemoTests(SqliteSeededDemo demo) : SeedDemoTests<SqliteLrsFactory>(demo), IClassFixture<SqliteSeededDemo>;

/// <summary>
/// After <c>--seed-demo</c> the reports of the progress-schema seed ("How this powers admin reporting") show a living LRS,
/// the statements are served by the xAPI API to the demo credential, and seeding again adds nothing.
/// </summary>
public abstract class SeedDemoTests<TFactory>(SeededDemo<TFactory> demo) where TFactory : LrsFactory, new()
{
    private static string Course(string id) => System.Uri.EscapeDataString(id);

    private static string Verb(DemoStatement s) => s.Json["verb"]!["id"]!.GetValue<string>();

    [Fact]
    public void SeedDemo_FirstRun_CreatesTheWholeDataSet()
    {
        Assert.True(demo.First.Created);
        Assert.Equal((4, 300), (demo.First.Courses, demo.First.Learners));
        Assert.Equal(demo.Data.Statements.Count, demo.First.Statements);
        Assert.True(demo.First.Voided > 0);
    }

    [Fact] // seed: what percentage of enrolled learners have completed a given course?
    public async Task CompletionRate_AfterSeeding_EveryCourseStartedSomeCompletedNotAll()
    {
        var page = await ReadJsonAsync(await demo.Demo().GetAsync("/api/v1/reports/completion-rate"), HttpStatusCode.OK);

        var courses = page["courses"]!.AsArray();
        Assert.Equal(DemoCatalog.Courses.Select(c => c.Id).Order(StringComparer.Ordinal), courses.Select(c => (string)c!["courseId"]!));
        Assert.All(courses, c =>
        {
            Assert.InRange((int)c!["started"]!, 20, 300);
            Assert.InRange((int)c["completed"]!, 1, (int)c["started"]! - 1);
            Assert.InRange((decimal)c["rate"]!, 0.05m, 0.95m);
        });
    }

    [Fact] // seed: which lessons have the highest drop-off rate (viewed but not completed)?
    public async Task DropOff_AfterSeeding_LearnersLeaveLessonsUnfinished()
    {
        foreach (var course in DemoCatalog.Courses)
        {
            var page = await ReadJsonAsync(await demo.Demo().GetAsync($"/api/v1/reports/drop-off?course={Course(course.Id)}&limit=200"), HttpStatusCode.OK);

            var lessons = page["lessons"]!.AsArray();
            Assert.Equal(course.Modules.Sum(m => m.Lessons.Count), lessons.Count);
            Assert.Contains(lessons, l => (int)l!["notCompleted"]! > 0);
            Assert.All(lessons, l => Assert.InRange((int)l!["notCompleted"]!, 0, (int)l["viewed"]!));
            // Learners drop out along the way: fewer see the last lesson than the first.
            Assert.True((int)lessons[0]!["viewed"]! > (int)lessons[^1]!["viewed"]!);
        }
    }

    [Fact] // seed: how long does it take learners to complete a course from first access to final lesson?
    public async Task TimeToComplete_AfterSeeding_MedianBetweenAnHourAndEightWeeks()
    {
        foreach (var course in DemoCatalog.Courses)
        {
            var report = await ReadJsonAsync(await demo.Demo().GetAsync($"/api/v1/reports/time-to-complete?course={Course(course.Id)}"), HttpStatusCode.OK);

            var summary = report["summary"]!;
            Assert.True((int)summary["learners"]! > 0);
            Assert.InRange((double)summary["medianSeconds"]!, 3600, 8 * 7 * 86400);
            Assert.True((double)summary["p90Seconds"]! >= (double)summary["medianSeconds"]!);
        }
    }

    [Fact] // seed: which learners are overdue based on assigned completion deadlines?
    public async Task Overdue_AfterSeeding_LearnersPastBothFixedAndRelativeDueDates()
    {
        var withFixedDate = DemoCatalog.Courses.Single(c => c.Modules.SelectMany(m => m.Assignments).Any(a => a.DueDaysBeforeAnchor is not null));
        var withOffset = DemoCatalog.Courses.First(c => c.Modules.SelectMany(m => m.Assignments).Any(a => a.DueOffsetDays is not null));
        foreach (var course in new[] { withFixedDate, withOffset })
        {
            var report = await ReadJsonAsync(await demo.Demo().GetAsync($"/api/v1/reports/overdue?course={Course(course.Id)}&limit=200"), HttpStatusCode.OK);

            var learners = report["learners"]!.AsArray();
            Assert.NotEmpty(learners);
            Assert.All(learners, l => Assert.All(l!["assignments"]!.AsArray(), a => Assert.True(
                DateTimeOffset.Parse((string)a!["dueAt"]!, CultureInfo.InvariantCulture) < DateTimeOffset.UtcNow)));
        }

        var uncompleted = await ReadJsonAsync(await demo.Demo().GetAsync("/api/v1/reports/overdue?course=customer-service"), HttpStatusCode.OK);
        Assert.Empty(uncompleted["learners"]!.AsArray()); // a course without assignments has nobody overdue
    }

    [Fact] // a learner who failed a quiz and passed it on a later attempt has both attempts, graded by the quiz's rule
    public async Task Attempts_RetriedQuiz_FailedThenPassed()
    {
        var (actor, quiz) = demo.Data.Statements
            .Where(s => Verb(s) is ProgressVerbs.Passed or ProgressVerbs.Failed)
            .GroupBy(s => (Actor: s.Json["actor"]!.ToJsonString(), Quiz: s.Json["object"]!["id"]!.GetValue<string>()))
            .First(g => Verb(g.First()) == ProgressVerbs.Failed && g.Any(s => Verb(s) == ProgressVerbs.Passed))
            .Key;

        var page = await ReadJsonAsync(await demo.Demo().GetAsync(
            $"/api/v1/attempts?agent={System.Uri.EscapeDataString(actor)}&activity={System.Uri.EscapeDataString(quiz)}"), HttpStatusCode.OK);

        var outcomes = page["attempts"]!.AsArray().Select(a => (string)a!["outcome"]!).ToList();
        Assert.Equal("failed", outcomes[0]);
        Assert.Equal("passed", outcomes[^1]);
    }

    [Fact] // Communication §2.1.3 with voiding (Data §2.3.2): a learner's statements, the voided one hidden
    public async Task GetStatements_DemoCredential_ReturnsTheLearnersStatementsWithoutVoided()
    {
        var voided = demo.Data.Statements.Where(s => Verb(s) == DemoVerbs.Voided)
            .Select(s => Guid.Parse(s.Json["object"]!["id"]!.GetValue<string>())).ToHashSet();
        var target = demo.Data.Statements.First(s => voided.Contains(s.Id));
        var actor = target.Json["actor"]!.ToJsonString();
        var mine = demo.Data.Statements.Where(s => s.Json["actor"]!.ToJsonString() == actor).Select(s => s.Id).ToHashSet();
        // Communication §2.1.3: a statement referring to a matching statement (here the administrator's voiding one) matches too.
        var expected = demo.Data.Statements
            .Where(s => (mine.Contains(s.Id) && !voided.Contains(s.Id))
                || (Verb(s) == DemoVerbs.Voided && mine.Contains(Guid.Parse(s.Json["object"]!["id"]!.GetValue<string>()))))
            .Select(s => s.Id).Order().ToList();

        var client = demo.Demo();
        var received = new List<Guid>();
        string? next = $"/xapi/statements?agent={System.Uri.EscapeDataString(actor)}&limit=100";
        while (!string.IsNullOrEmpty(next))
        {
            var page = await ReadJsonAsync(await client.GetAsync(next), HttpStatusCode.OK);
            received.AddRange(page["statements"]!.AsArray().Select(s => Guid.Parse((string)s!["id"]!)));
            next = (string?)page["more"];
        }

        Assert.Equal(expected, received.Order().ToList());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/xapi/statements?statementId={target.Id}")).StatusCode);
        var voidedOne = await ReadJsonAsync(await client.GetAsync($"/xapi/statements?voidedStatementId={target.Id}"), HttpStatusCode.OK);
        Assert.Equal(target.Id.ToString(), (string)voidedOne["id"]!);
    }

    [Fact] // every demo statement is stored as sent, with the LRS's own properties added (Data §2.4)
    public async Task GetStatements_ByRegistration_StoredWithAuthorityAndStored()
    {
        var sample = demo.Data.Statements[demo.Data.Statements.Count / 2];
        var registration = (string)sample.Json["context"]!["registration"]!;

        var page = await ReadJsonAsync(await demo.Demo().GetAsync($"/xapi/statements?registration={registration}&limit=0"), HttpStatusCode.OK);

        var statements = page["statements"]!.AsArray();
        var stored = Assert.Single(statements, s => (string)s!["id"]! == sample.Id.ToString())!;
        Assert.Equal(sample.Json["timestamp"]!.GetValue<string>(), (string)stored["timestamp"]!);
        Assert.Equal(SeedDemoHandler.Key, (string)stored["authority"]!["account"]!["name"]!);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(sample.Json["context"]!.ToJsonString()), stored["context"]));
    }

    [Fact]
    public async Task SeedDemo_SecondRun_AddsNothing()
    {
        var second = await DemoSeeding.RunAsync(demo.Lrs.Services, CancellationToken.None);

        Assert.False(second.Created);
        Assert.Equal(demo.First.Statements, second.Statements);
        var since = System.Uri.EscapeDataString(demo.SeededAt.ToString("O", CultureInfo.InvariantCulture));
        var page = await ReadJsonAsync(await demo.Demo().GetAsync($"/xapi/statements?since={since}"), HttpStatusCode.OK);
        Assert.Empty(page["statements"]!.AsArray());
        var courses = await ReadJsonAsync(await demo.Demo().GetAsync("/api/v1/courses"), HttpStatusCode.OK);
        Assert.Equal(4, courses["courses"]!.AsArray().Count);
    }
}
