using System.Net;
using System.Text.Json.Nodes;
using Lrs.Api.Tests.Support;
using Lrs.Application.Progress;
using Lrs.Infrastructure.Progress;
using Microsoft.Extensions.DependencyInjection;
using static Lrs.Api.Tests.Courses.Courses;
using static Lrs.Api.Tests.Progress.ProgressScenario;

namespace Lrs.Api.Tests.Progress;

/// <summary>
/// /api/v1/progress/modules, /user, /quiz-attempts, /assignments, /learning-paths and the learning-path resource (data-model seed),
/// on both databases, over the scenario of <see cref="ProgressScenario"/>.
/// </summary>
public abstract class LearnerReadModelApiTests(LrsFactory lrs)
{
    private Task ProjectAsync() => lrs.Services.GetRequiredService<ProgressProjector>().RunOnceAsync(CancellationToken.None);

    [Fact] // data-model seed: ModuleProgress, one page per module
    public async Task GetModules_AcrossPages_PercentOfModuleItems()
    {
        var s = await CreateAsync(lrs);

        var modules = new List<JsonNode>();
        string? next = $"/api/v1/progress/modules?agent={AgentParameter(s.Ann)}&limit=1";
        while (next is not null)
        {
            var page = await ReadJsonAsync(await s.Client.GetAsync(next), HttpStatusCode.OK);
            modules.AddRange(page["modules"]!.AsArray().Select(m => m!));
            next = (string?)page["next"];
        }

        Assert.Equal(["m1", "m2"], modules.Select(m => (string)m["moduleId"]!));
        Assert.Equal(("completed", 100m), ((string)modules[0]["status"]!, (decimal)modules[0]["percent"]!));
        // m2: both lessons and one of two assignments
        Assert.Equal(("in-progress", 75m, 2, 1), ((string)modules[1]["status"]!, (decimal)modules[1]["percent"]!,
            (int)modules[1]["totalAssignments"]!, (int)modules[1]["completedAssignments"]!));
    }

    [Fact] // data-model seed: UserProgress; a learner with nothing gets zeros
    public async Task GetUser_StartedAndUnknownLearner_Totals()
    {
        var s = await CreateAsync(lrs);

        var ann = await ReadJsonAsync(await s.Client.GetAsync($"/api/v1/progress/user?agent={AgentParameter(s.Ann)}"), HttpStatusCode.OK);
        var nobody = await ReadJsonAsync(await s.Client.GetAsync($"/api/v1/progress/user?agent={AgentParameter("mailto:nobody@example.com")}"), HttpStatusCode.OK);

        Assert.Equal((1, 1, 4, 4, 2, 1), ((int)ann["totalCourses"]!, (int)ann["completedCourses"]!, (int)ann["totalLessons"]!,
            (int)ann["completedLessons"]!, (int)ann["totalAssignments"]!, (int)ann["completedAssignments"]!));
        Assert.Equal(0, (int)nobody["totalCourses"]!);
    }

    [Fact] // a submit statement is a submission; scored grades it (docs/decisions/0008)
    public async Task GetAssignments_SubmittedAndScored_Graded()
    {
        var s = await CreateAsync(lrs);
        var submit = Support.Statements.Statement(Support.Statements.Agent(s.Bob), ProgressVerbs.Submitted, $"{s.Base}/report");
        submit["result"] = new JsonObject { ["response"] = "My report" };
        var scored = Support.Statements.Statement(Support.Statements.Agent(s.Bob), ProgressVerbs.Scored, $"{s.Base}/report");
        scored["result"] = new JsonObject { ["score"] = new JsonObject { ["raw"] = 7, ["max"] = 10 } };
        scored["timestamp"] = DateTimeOffset.UtcNow.AddMinutes(1).ToString("O");
        await Support.Statements.PostAsync(s.Client, submit, scored);
        await ProjectAsync();

        var page = await ReadJsonAsync(await s.Client.GetAsync($"/api/v1/progress/assignments?agent={AgentParameter(s.Bob)}"), HttpStatusCode.OK);

        var submission = Assert.Single(page["submissions"]!.AsArray())!;
        Assert.Equal(("graded", "text", "My report", 7d, "report"), ((string)submission["status"]!, (string)submission["submissionType"]!,
            (string)submission["textContent"]!, (double)submission["score"]!, (string)submission["assignmentId"]!));
        var user = await ReadJsonAsync(await s.Client.GetAsync($"/api/v1/progress/user?agent={AgentParameter(s.Bob)}"), HttpStatusCode.OK);
        Assert.Equal(7, (int)user["totalPoints"]!);
    }

    [Fact] // LearningPathProgress; the path PUT is recomputed for existing learners without a rebuild
    public async Task PutLearningPath_ThenProject_ProgressOfLearnersOfItsCourses()
    {
        var s = await CreateAsync(lrs);
        var path = "path-" + Guid.NewGuid().ToString("N")[..8];
        var body = new JsonObject { ["title"] = "Onboarding", ["courses"] = new JsonArray(s.CourseId, "course-later") };

        var created = await SendAsync(s.Client, HttpMethod.Put, $"/api/v1/learning-paths/{path}", Json(body));
        var replaced = await SendAsync(s.Client, HttpMethod.Put, $"/api/v1/learning-paths/{path}", Json(body));
        await ProjectAsync();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var stored = await ReadJsonAsync(await s.Client.GetAsync($"/api/v1/learning-paths/{path}"), HttpStatusCode.OK);
        Assert.Equal([s.CourseId, "course-later"], stored["courses"]!.AsArray().Select(c => (string)c!));
        var ann = await ReadJsonAsync(await s.Client.GetAsync($"/api/v1/progress/learning-paths?agent={AgentParameter(s.Ann)}"), HttpStatusCode.OK);
        var progress = Assert.Single(ann["learningPaths"]!.AsArray())!;
        Assert.Equal(("in-progress", 50m, 1, 2, "course-later"), ((string)progress["status"]!, (decimal)progress["percent"]!,
            (int)progress["completedCourses"]!, (int)progress["totalCourses"]!, (string)progress["currentCourseId"]!));
    }

    [Fact] // the transcript carries the projected progress: enrolments, paths, totals (docs/decisions/0008)
    public async Task GetTranscript_ProjectedLearner_IncludesProgress()
    {
        var s = await CreateAsync(lrs);
        var path = "path-" + Guid.NewGuid().ToString("N")[..8];
        await SendAsync(s.Client, HttpMethod.Put, $"/api/v1/learning-paths/{path}",
            Json(new JsonObject { ["title"] = "P", ["courses"] = new JsonArray(s.CourseId) }));
        await ProjectAsync();

        var transcript = await ReadJsonAsync(await s.Client.GetAsync($"/api/v1/transcripts?agent={AgentParameter(s.Ann)}"), HttpStatusCode.OK);

        var progress = transcript["progress"]!;
        var enrolment = Assert.Single(progress["enrollments"]!.AsArray())!;
        Assert.Equal((s.CourseId, "completed", 100m, T0.AddMinutes(40)), ((string)enrolment["courseId"]!, (string)enrolment["status"]!,
            (decimal)enrolment["percent"]!, (DateTimeOffset)enrolment["completedAt"]!));
        Assert.Equal(2, progress["modules"]!.AsArray().Count);
        Assert.Equal(("completed", 100m), ((string)progress["learningPaths"]![0]!["status"]!, (decimal)progress["learningPaths"]![0]!["percent"]!));
        Assert.Equal(4, (int)progress["totals"]!["completedLessons"]!);
        Assert.Empty(progress["competencies"]!.AsArray());
        Assert.Empty(progress["achievements"]!.AsArray());
    }

    [Fact] // data-model seed: Competency/UserCompetency/CompetencyEvidence, Achievement/UserAchievement, defined over the API
    public async Task PutDefinitions_ThenProject_CompetenciesAndAchievementsOfTheLearner()
    {
        var s = await CreateAsync(lrs);
        var competency = new JsonObject
        {
            ["name"] = "Progress basics", ["level"] = "beginner",
            ["evidence"] = new JsonArray(new JsonObject { ["course"] = s.CourseId }, new JsonObject { ["activity"] = $"{s.Base}/report" }),
        };
        var achievement = new JsonObject
        {
            ["name"] = "Finisher", ["points"] = 50, ["criteria"] = new JsonObject { ["kind"] = "course-completed", ["course"] = s.CourseId },
        };

        var created = await SendAsync(s.Client, HttpMethod.Put, "/api/v1/competencies/basics", Json(competency));
        var earned = await SendAsync(s.Client, HttpMethod.Put, "/api/v1/achievements/finisher", Json(achievement));
        await ProjectAsync();

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (created.StatusCode, earned.StatusCode));
        Assert.Equal("Finisher", (string)(await ReadJsonAsync(await s.Client.GetAsync("/api/v1/achievements/finisher"), HttpStatusCode.OK))["name"]!);
        var competencies = await ReadJsonAsync(await s.Client.GetAsync($"/api/v1/progress/competencies?agent={AgentParameter(s.Ann)}"), HttpStatusCode.OK);
        var ann = Assert.Single(competencies["competencies"]!.AsArray())!;
        Assert.Equal(("basics", 50, "in-progress", "course"), ((string)ann["competencyId"]!, (int)ann["level"]!, (string)ann["status"]!,
            (string)ann["evidence"]![0]!["type"]!));
        var achievements = await ReadJsonAsync(await s.Client.GetAsync($"/api/v1/progress/achievements?agent={AgentParameter(s.Ann)}"), HttpStatusCode.OK);
        Assert.Equal(T0.AddMinutes(40), (DateTimeOffset)Assert.Single(achievements["achievements"]!.AsArray())!["earnedAt"]!);
        var bob = await ReadJsonAsync(await s.Client.GetAsync($"/api/v1/progress/achievements?agent={AgentParameter(s.Bob)}"), HttpStatusCode.OK);
        Assert.Empty(bob["achievements"]!.AsArray());
        var user = await ReadJsonAsync(await s.Client.GetAsync($"/api/v1/progress/user?agent={AgentParameter(s.Ann)}"), HttpStatusCode.OK);
        Assert.Equal(50, (int)user["totalPoints"]!);
    }

    [Theory]
    [InlineData("/api/v1/competencies/c", "{\"name\":\"C\",\"evidence\":[]}", "evidence must list at least one source: {\"course\": id} or {\"activity\": IRI}.")]
    [InlineData("/api/v1/achievements/a", "{\"name\":\"A\",\"criteria\":{\"kind\":\"streak\"}}",
        "criteria.kind must be one of course-completed, courses-completed, learning-path-completed, quiz-passed, got 'streak'.")]
    public async Task PutDefinition_Invalid_400NamesTheProblem(string uri, string body, string message)
    {
        var (_, client) = await lrs.NewTenantAsync();

        Assert.Equal(message, await ProblemAsync(await SendAsync(client, HttpMethod.Put, uri, Json(body)), HttpStatusCode.BadRequest));
    }

    [Theory] // bad input is a 400 that says what is wrong
    [InlineData("{\"title\":\"T\",\"courses\":[]}", "courses must list at least one course id.")]
    [InlineData("{\"title\":\"T\",\"courses\":[\"a\",\"a\"]}", "courses[1] 'a' is listed twice.")]
    [InlineData("{\"title\":\"T\",\"courses\":[\"a\"],\"colour\":1}", "colour is not a property of a learning path.")]
    public async Task PutLearningPath_Invalid_400NamesTheProblem(string body, string message)
    {
        var (_, client) = await lrs.NewTenantAsync();

        var response = await SendAsync(client, HttpMethod.Put, "/api/v1/learning-paths/p", Json(body));

        Assert.Equal(message, await ProblemAsync(response, HttpStatusCode.BadRequest));
    }

    [Theory]
    [InlineData("/api/v1/progress/modules?agent=ann")]
    [InlineData("/api/v1/progress/quiz-attempts")]
    [InlineData("/api/v1/progress/assignments?agent=%7B%22mbox%22%3A%22mailto%3Aa%40example.com%22%7D&cursor=nonsense")]
    [InlineData("/api/v1/progress/learning-paths?agent=%7B%22mbox%22%3A%22mailto%3Aa%40example.com%22%7D&limit=0")]
    public async Task GetLists_BadParameters_400(string uri)
    {
        var (_, client) = await lrs.NewTenantAsync();

        Assert.NotEmpty(await ProblemAsync(await client.GetAsync(uri), HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task GetLearningPath_Unknown_404()
    {
        var (_, client) = await lrs.NewTenantAsync();

        Assert.Equal("There is no learning path 'nope'.", await ProblemAsync(await client.GetAsync("/api/v1/learning-paths/nope"), HttpStatusCode.NotFound));
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresLearnerReadModelApiTests(PostgresLrsFactory lrs) : LearnerReadModelApiTests(lrs);

[Collection(SqliteCollection.Name)]
public sealed class SqliteLearnerReadModelApiTests(SqliteLrsFactory lrs) : LearnerReadModelApiTests(lrs);
