using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Lrs.Portal.Tests.Support;

/// <summary>
/// A course of two lessons and an assignment due on a past date, taken by two learners: Ann completes both lessons;
/// Bob completes lesson 1, only views lesson 2 and never hands in the assignment (so he is overdue). One of Bob's
/// statements is voided.
/// </summary>
public sealed class PortalScenario
{
    public const string CourseId = "safety-101";
    public const string Base = "http://example.com/safety-101";
    public const string Ann = "ann@example.com";
    public const string Bob = "bob@example.com";
    private const string Verbs = "http://adlnet.gov/expapi/verbs/";

    public string VoidedId { get; } = Guid.NewGuid().ToString();

    public static async Task<PortalScenario> SeedAsync(HttpClient client)
    {
        var course = JsonNode.Parse($$"""
            {
              "title": "Safety basics",
              "modules": [{ "id": "m1", "title": "Module one",
                "lessons": [{ "id": "l1", "title": "Hazards", "activityId": "{{Base}}/l1" }, { "id": "l2", "title": "Exits", "activityId": "{{Base}}/l2" }],
                "assignments": [{ "id": "quiz-essay", "title": "Essay", "activityId": "{{Base}}/essay", "dueDate": "2024-01-01T00:00:00Z" }] }]
            }
            """);
        using (var put = await client.PutAsJsonAsync($"/api/v1/courses/{CourseId}", course))
        {
            Assert.True(put.IsSuccessStatusCode, $"PUT course: {(int)put.StatusCode} {await put.Content.ReadAsStringAsync()}");
        }

        var scenario = new PortalScenario();
        var t0 = DateTimeOffset.UtcNow.AddHours(-3);
        await PortalHost.PostAsync(client,
        [
            Statement(Ann, "Ann Example", "initialized", "l1", t0),
            Statement(Ann, "Ann Example", "completed", "l1", t0.AddMinutes(10), score: 0.9),
            Statement(Ann, "Ann Example", "completed", "l2", t0.AddMinutes(30)),
            Statement(Bob, "Bob Example", "completed", "l1", t0.AddMinutes(40)),
            Statement(Bob, "Bob Example", "experienced", "l2", t0.AddMinutes(50)),
            Statement(Bob, "Bob Example", "experienced", "l1", t0.AddMinutes(55), id: scenario.VoidedId),
        ]);
        await PortalHost.PostAsync(client,
        [
            new JsonObject
            {
                ["actor"] = new JsonObject { ["mbox"] = "mailto:" + Bob },
                ["verb"] = new JsonObject { ["id"] = Verbs + "voided", ["display"] = new JsonObject { ["en-US"] = "voided" } },
                ["object"] = new JsonObject { ["objectType"] = "StatementRef", ["id"] = scenario.VoidedId },
            },
        ]);
        await WaitProjectedAsync(client);
        return scenario;
    }

    // The projector runs every 100 ms; the reports are ready once Ann's course shows completed.
    private static async Task WaitProjectedAsync(HttpClient client)
    {
        var agent = Uri.EscapeDataString($"{{\"mbox\":\"mailto:{Ann}\"}}");
        for (var i = 0; i < 300; i++)
        {
            var progress = await client.GetFromJsonAsync<JsonObject>($"/api/v1/progress?agent={agent}");
            if (progress?.ToJsonString().Contains("\"completed\"", StringComparison.Ordinal) == true)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The seeded statements were not projected within 30 s.");
    }

    private static JsonObject Statement(string email, string name, string verb, string lesson, DateTimeOffset at, double? score = null, string? id = null)
    {
        var statement = new JsonObject
        {
            ["actor"] = new JsonObject { ["mbox"] = "mailto:" + email, ["name"] = name },
            ["verb"] = new JsonObject { ["id"] = Verbs + verb, ["display"] = new JsonObject { ["en-US"] = verb } },
            ["object"] = new JsonObject
            {
                ["id"] = $"{Base}/{lesson}",
                ["definition"] = new JsonObject { ["name"] = new JsonObject { ["en-US"] = lesson == "l1" ? "Hazards" : "Exits" } },
            },
            ["timestamp"] = at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        if (score is { } scaled)
        {
            statement["result"] = new JsonObject { ["score"] = new JsonObject { ["scaled"] = scaled }, ["completion"] = true };
        }

        if (id is not null)
        {
            statement["id"] = id;
        }

        return statement;
    }
}
