using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Lrs.Api.Tests.Support;
using Lrs.Application.Progress;
using Lrs.Infrastructure.Progress;
using Microsoft.Extensions.DependencyInjection;
using static Lrs.Api.Tests.Courses.Courses;
using static Lrs.Api.Tests.Support.Statements;

namespace Lrs.Api.Tests.Progress;

/// <summary>
/// A course of four lessons in two modules and two assignments (one due on a fixed date long past, one a day after the
/// learner starts), taken by four learners in a tenant of their own, posted over HTTP and projected:
/// Ann completes every lesson in 40 minutes and the first assignment; Bob completes lesson 1 and views lesson 2;
/// Dan completes every lesson in 100 minutes; Carol only views lesson 1.
/// </summary>
public sealed class ProgressScenario
{
    public static readonly DateTimeOffset T0 = new(2024, 3, 4, 8, 0, 0, TimeSpan.Zero);
    private const string Experienced = "http://adlnet.gov/expapi/verbs/experienced";

    private ProgressScenario(HttpClient client, string courseId, string activities)
    {
        Client = client;
        CourseId = courseId;
        Base = activities;
    }

    public HttpClient Client { get; }

    public string CourseId { get; }

    public string Base { get; }

    public string Ann => $"mailto:ann-{Suffix}@example.com";

    public string Bob => $"mailto:bob-{Suffix}@example.com";

    public string Carol => $"mailto:carol-{Suffix}@example.com";

    public string Dan => $"mailto:dan-{Suffix}@example.com";

    private string Suffix => CourseId[^8..];

    public string Lesson(int n) => $"{Base}/l{n}";

    public static string AgentParameter(string mbox) => System.Uri.EscapeDataString($"{{\"mbox\":\"{mbox}\"}}");

    public static async Task<ProgressScenario> CreateAsync(LrsFactory lrs)
    {
        var (_, client) = await lrs.NewTenantAsync();
        var id = NewId();
        var scenario = new ProgressScenario(client, id, $"http://example.com/{id}");
        await ReadJsonAsync(await PutAsync(client, id, scenario.Course()), HttpStatusCode.Created);

        var s = scenario;
        await PostAsync(client,
        [
            s.At(s.Ann, ProgressVerbs.Initialized, s.Lesson(1), 0),
            s.At(s.Ann, ProgressVerbs.Completed, s.Lesson(1), 10),
            s.At(s.Ann, ProgressVerbs.Completed, s.Lesson(2), 20),
            s.At(s.Ann, ProgressVerbs.Passed, s.Lesson(3), 30),
            s.At(s.Ann, ProgressVerbs.Completed, s.Lesson(4), 40),
            s.At(s.Ann, ProgressVerbs.Completed, $"{s.Base}/essay", 45),
            s.At(s.Bob, ProgressVerbs.Launched, s.Lesson(1), 100),
            s.At(s.Bob, ProgressVerbs.Completed, s.Lesson(1), 160),
            s.At(s.Bob, Experienced, $"{s.Lesson(2)}/video", 170, parent: s.Lesson(2)),
            s.At(s.Dan, ProgressVerbs.Initialized, s.Lesson(1), 200),
            s.At(s.Dan, ProgressVerbs.Completed, s.Lesson(1), 220),
            s.At(s.Dan, ProgressVerbs.Completed, s.Lesson(2), 240),
            s.At(s.Dan, ProgressVerbs.Completed, s.Lesson(3), 260),
            s.At(s.Dan, ProgressVerbs.Completed, s.Lesson(4), 300),
            s.At(s.Carol, Experienced, s.Lesson(1), 500),
        ]);
        await lrs.Services.GetRequiredService<ProgressProjector>().RunOnceAsync(CancellationToken.None);
        return scenario;
    }

    private JsonObject Course() => JsonNode.Parse($$"""
        {
          "title": "Progress",
          "modules": [
            { "id": "m1", "title": "One", "lessons": [
                { "id": "l1", "title": "L1", "activityId": "{{Lesson(1)}}" }, { "id": "l2", "title": "L2", "activityId": "{{Lesson(2)}}" }] },
            { "id": "m2", "title": "Two", "lessons": [
                { "id": "l3", "title": "L3", "activityId": "{{Lesson(3)}}" }, { "id": "l4", "title": "L4", "activityId": "{{Lesson(4)}}" }],
              "assignments": [
                { "id": "essay", "title": "Essay", "activityId": "{{Base}}/essay", "dueDate": "2024-01-01T00:00:00Z" },
                { "id": "report", "title": "Report", "activityId": "{{Base}}/report", "dueOffset": "P1D" }] }
          ]
        }
        """)!.AsObject();

    private JsonObject At(string learner, string verb, string activity, int minute, string? parent = null)
    {
        var statement = Statement(Agent(learner), verb, activity,
            context: parent is null ? null : new JsonObject { ["contextActivities"] = new JsonObject { ["parent"] = new JsonArray(new JsonObject { ["id"] = parent }) } });
        statement["timestamp"] = T0.AddMinutes(minute).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        if (verb == ProgressVerbs.Passed)
        {
            statement["result"] = new JsonObject { ["success"] = true };
        }

        return statement;
    }
}
