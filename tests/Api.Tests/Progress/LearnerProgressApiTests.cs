using System.Net;
using System.Text.Json.Nodes;
using Lrs.Api.Tests.Support;
using Lrs.Domain.Tenancy;
using static Lrs.Api.Tests.Courses.Courses;
using static Lrs.Api.Tests.Progress.ProgressScenario;

namespace Lrs.Api.Tests.Progress;

/// <summary>GET /api/v1/progress and /api/v1/progress/lessons: the progress-schema seed's course percentage and lesson view records.</summary>
[Collection(PostgresCollection.Name)]
public sealed class LearnerProgressApiTests(PostgresLrsFactory lrs)
{
    [Fact] // seed: progress_percentage = completed_lessons / total_lessons_in_course × 100
    public async Task GetProgress_LearnerPartWayThrough_PercentOfLessons()
    {
        var s = await CreateAsync(lrs);

        var page = await ReadJsonAsync(await s.Client.GetAsync($"/api/v1/progress?agent={AgentParameter(s.Bob)}"), HttpStatusCode.OK);

        var course = Assert.Single(page["progress"]!.AsArray())!.AsObject();
        Assert.Equal(s.CourseId, (string)course["courseId"]!);
        Assert.Equal("in-progress", (string)course["status"]!);
        Assert.Equal(1, (int)course["completedLessons"]!);
        Assert.Equal(4, (int)course["totalLessons"]!);
        Assert.Equal(25m, (decimal)course["percent"]!);
        Assert.Equal(T0.AddMinutes(100), (DateTimeOffset)course["startedAt"]!);
        Assert.Null(course["completedAt"]);
        Assert.Equal(T0.AddMinutes(170), (DateTimeOffset)course["lastActivityAt"]!);
        Assert.Null(page["next"]);
    }

    [Fact] // seed: completion certificate eligibility = every lesson has a completion timestamp
    public async Task GetProgress_AllLessonsCompleted_CompletedAtLastLesson()
    {
        var s = await CreateAsync(lrs);

        var page = await ReadJsonAsync(await s.Client.GetAsync($"/api/v1/progress?agent={AgentParameter(s.Ann)}"), HttpStatusCode.OK);

        var course = Assert.Single(page["progress"]!.AsArray())!;
        Assert.Equal(("completed", 100m), ((string)course["status"]!, (decimal)course["percent"]!));
        Assert.Equal(T0.AddMinutes(40), (DateTimeOffset)course["completedAt"]!);
    }

    [Fact] // seed: "Resume where you left off" uses the lesson view records
    public async Task GetLessons_AcrossPages_InCourseOrderWithViewAndCompletion()
    {
        var s = await CreateAsync(lrs);

        var items = new List<JsonNode>();
        var pages = 0;
        string? next = $"/api/v1/progress/lessons?agent={AgentParameter(s.Ann)}&course={System.Uri.EscapeDataString(s.CourseId)}&limit=2";
        while (next is not null)
        {
            var page = await ReadJsonAsync(await s.Client.GetAsync(next), HttpStatusCode.OK);
            items.AddRange(page["lessons"]!.AsArray().Select(n => n!));
            next = (string?)page["next"];
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal([s.Lesson(1), s.Lesson(2), s.Lesson(3), s.Lesson(4), $"{s.Base}/essay"], items.Select(i => (string)i["activityId"]!));
        Assert.Equal(["lesson", "lesson", "lesson", "lesson", "assignment"], items.Select(i => (string)i["kind"]!));
        Assert.Equal(T0, (DateTimeOffset)items[0]["viewedAt"]!);
        Assert.Equal(T0.AddMinutes(10), (DateTimeOffset)items[0]["completedAt"]!);
        Assert.Equal(T0.AddMinutes(30), (DateTimeOffset)items[2]["completedAt"]!); // passed counts as completing the lesson
    }

    [Fact]
    public async Task GetLessons_ViewedThroughContextParent_ViewedNotCompleted()
    {
        var s = await CreateAsync(lrs);

        var page = await ReadJsonAsync(await s.Client.GetAsync($"/api/v1/progress/lessons?agent={AgentParameter(s.Bob)}"), HttpStatusCode.OK);

        var lesson2 = page["lessons"]!.AsArray().Single(l => (string)l!["activityId"]! == s.Lesson(2))!;
        Assert.Equal(T0.AddMinutes(170), (DateTimeOffset)lesson2["viewedAt"]!);
        Assert.Null(lesson2["completedAt"]);
    }

    [Theory]
    [InlineData("/api/v1/progress")]
    [InlineData("/api/v1/progress?agent=%7B%7D")]
    [InlineData("/api/v1/progress/lessons?agent=not-json")]
    [InlineData("/api/v1/progress?agent=%7B%22mbox%22%3A%22mailto%3Aa%40example.com%22%7D&limit=0")]
    [InlineData("/api/v1/progress?agent=%7B%22mbox%22%3A%22mailto%3Aa%40example.com%22%7D&cursor=bogus")]
    public async Task GetProgress_BadParameters_Returns400(string uri)
    {
        var (_, client) = await lrs.NewTenantAsync();

        await ProblemAsync(await client.GetAsync(uri), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task GetProgress_UnknownLearner_EmptyList()
    {
        var (_, client) = await lrs.NewTenantAsync();

        var page = await ReadJsonAsync(await client.GetAsync($"/api/v1/progress?agent={AgentParameter("mailto:nobody@example.com")}"), HttpStatusCode.OK);

        Assert.Empty(page["progress"]!.AsArray());
    }

    [Fact]
    public async Task GetProgress_StatementsReadScope_Forbidden()
    {
        var client = await lrs.CredentialAsync(XapiScope.StatementsRead);

        await ProblemAsync(await client.GetAsync($"/api/v1/progress?agent={AgentParameter("mailto:a@example.com")}"), HttpStatusCode.Forbidden);
        await ProblemAsync(await client.GetAsync("/api/v1/reports/completion-rate"), HttpStatusCode.Forbidden);
    }
}
