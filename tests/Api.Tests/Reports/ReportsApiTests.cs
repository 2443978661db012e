using System.Net;
using System.Text.Json.Nodes;
using Lrs.Api.Tests.Progress;
using Lrs.Api.Tests.Support;
using static Lrs.Api.Tests.Courses.Courses;

namespace Lrs.Api.Tests.Reports;

/// <summary>The admin reports of the progress-schema seed ("How this powers admin reporting"), over one course taken by four learners.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ReportsApiTests(PostgresLrsFactory lrs)
{
    private static string Key(string mbox) => "mbox:" + mbox;

    [Fact] // seed: what percentage of enrolled learners have completed a given course?
    public async Task CompletionRate_FourStartedTwoCompleted_HalfRate()
    {
        var s = await ProgressScenario.CreateAsync(lrs);
        await ReadJsonAsync(await PutAsync(s.Client, "zz-untaken", Sample()), HttpStatusCode.Created);

        var page = await ReadJsonAsync(await s.Client.GetAsync("/api/v1/reports/completion-rate"), HttpStatusCode.OK);

        var courses = page["courses"]!.AsArray();
        Assert.Equal([s.CourseId, "zz-untaken"], courses.Select(c => (string)c!["courseId"]!));
        Assert.Equal((4, 2, 0.5m), ((int)courses[0]!["started"]!, (int)courses[0]!["completed"]!, (decimal)courses[0]!["rate"]!));
        Assert.Equal(0, (int)courses[1]!["started"]!);
        Assert.Null(courses[1]!["rate"]);

        var first = await ReadJsonAsync(await s.Client.GetAsync("/api/v1/reports/completion-rate?limit=1"), HttpStatusCode.OK);
        Assert.Single(first["courses"]!.AsArray());
        var second = await ReadJsonAsync(await s.Client.GetAsync((string)first["next"]!), HttpStatusCode.OK);
        Assert.Equal("zz-untaken", (string)second["courses"]![0]!["courseId"]!);
        Assert.Null(second["next"]);
    }

    [Fact] // seed: which lessons have the highest drop-off rate (viewed but not completed)?
    public async Task DropOff_PerLesson_ViewedButNotCompleted()
    {
        var s = await ProgressScenario.CreateAsync(lrs);

        var lessons = new List<JsonNode>();
        string? next = $"/api/v1/reports/drop-off?course={System.Uri.EscapeDataString(s.CourseId)}&limit=3";
        while (next is not null)
        {
            var page = await ReadJsonAsync(await s.Client.GetAsync(next), HttpStatusCode.OK);
            lessons.AddRange(page["lessons"]!.AsArray().Select(n => n!));
            next = (string?)page["next"];
        }

        Assert.Equal([s.Lesson(1), s.Lesson(2), s.Lesson(3), s.Lesson(4)], lessons.Select(l => (string)l["activityId"]!));
        Assert.Equal([4, 3, 2, 2], lessons.Select(l => (int)l["viewed"]!));
        Assert.Equal([1, 1, 0, 0], lessons.Select(l => (int)l["notCompleted"]!));
        Assert.Equal([0.25m, 0.3333m, 0m, 0m], lessons.Select(l => (decimal)l["rate"]!));
    }

    [Fact] // seed: how long does it take learners to complete a course from first access to final lesson?
    public async Task TimeToComplete_TwoCompleted_DurationsMedianAndP90()
    {
        var s = await ProgressScenario.CreateAsync(lrs);

        var report = await ReadJsonAsync(await s.Client.GetAsync($"/api/v1/reports/time-to-complete?course={System.Uri.EscapeDataString(s.CourseId)}"), HttpStatusCode.OK);

        var learners = report["learners"]!.AsArray();
        Assert.Equal([Key(s.Ann), Key(s.Dan)], learners.Select(l => (string)l!["learnerKey"]!));
        Assert.Equal([2400d, 6000d], learners.Select(l => (double)l!["seconds"]!));
        var summary = report["summary"]!;
        Assert.Equal(2, (int)summary["learners"]!);
        Assert.Equal(4200d, (double)summary["medianSeconds"]!);
        Assert.Equal(6000d, (double)summary["p90Seconds"]!); // nearest rank: ⌈0.9 × 2⌉ = 2nd

        var paged = await ReadJsonAsync(await s.Client.GetAsync($"/api/v1/reports/time-to-complete?course={System.Uri.EscapeDataString(s.CourseId)}&limit=1"), HttpStatusCode.OK);
        Assert.Equal(2, (int)paged["summary"]!["learners"]!); // the summary covers every learner, not the page
        var rest = await ReadJsonAsync(await s.Client.GetAsync((string)paged["next"]!), HttpStatusCode.OK);
        Assert.Equal(Key(s.Dan), (string)rest["learners"]![0]!["learnerKey"]!);
    }

    [Fact] // seed: which learners are overdue based on assigned completion deadlines?
    public async Task Overdue_DueDateAndOffsetPassed_ListsLearnersWithoutCompletion()
    {
        var s = await ProgressScenario.CreateAsync(lrs);

        var page = await ReadJsonAsync(await s.Client.GetAsync($"/api/v1/reports/overdue?course={System.Uri.EscapeDataString(s.CourseId)}"), HttpStatusCode.OK);

        var learners = page["learners"]!.AsArray();
        Assert.Equal([Key(s.Ann), Key(s.Bob), Key(s.Carol), Key(s.Dan)], learners.Select(l => (string)l!["learnerKey"]!));
        Assert.Equal(["report"], learners[0]!["assignments"]!.AsArray().Select(a => (string)a!["assignmentId"]!)); // Ann handed in the essay
        Assert.Equal(["essay", "report"], learners[1]!["assignments"]!.AsArray().Select(a => (string)a!["assignmentId"]!));
        var report = learners[1]!["assignments"]![1]!;
        Assert.Equal(ProgressScenario.T0.AddMinutes(100).AddDays(1), (DateTimeOffset)report["dueAt"]!); // dueOffset counts from Bob's start
    }

    [Theory]
    [InlineData("/api/v1/reports/drop-off")]
    [InlineData("/api/v1/reports/time-to-complete")]
    [InlineData("/api/v1/reports/overdue")]
    [InlineData("/api/v1/reports/completion-rate?limit=201")]
    [InlineData("/api/v1/reports/drop-off?course=c&cursor=bogus")]
    public async Task Reports_BadParameters_Return400(string uri)
    {
        var (_, client) = await lrs.NewTenantAsync();

        await ProblemAsync(await client.GetAsync(uri), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Overdue_UnknownCourse_Returns404()
    {
        var (_, client) = await lrs.NewTenantAsync();

        await ProblemAsync(await client.GetAsync("/api/v1/reports/overdue?course=nope"), HttpStatusCode.NotFound);
    }
}
