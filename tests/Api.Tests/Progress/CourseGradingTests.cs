using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Lrs.Api.Tests.Support;
using Lrs.Application.Progress;
using Lrs.Domain.Progress;
using Lrs.Infrastructure.Progress;
using Microsoft.Extensions.DependencyInjection;
using static Lrs.Api.Tests.Support.Statements;

namespace Lrs.Api.Tests.Progress;

/// <summary>The grading rules of a course PUT over the internal API decide the projected attempts of its quizzes.</summary>
public abstract class CourseGradingTests(LrsFactory lrs)
{
    private static readonly DateTimeOffset T0 = new(2024, 5, 6, 9, 0, 0, TimeSpan.Zero);

    private static JsonObject Course(string threshold, string allCorrect, string lesson, params string[] questions) => JsonNode.Parse($$"""
        {
          "title": "Graded",
          "modules": [{
            "id": "m1", "title": "Module",
            "lessons": [{ "id": "lesson", "title": "Lesson", "activityId": "{{lesson}}" }],
            "quizzes": [
              { "id": "threshold", "title": "Threshold", "activityId": "{{threshold}}", "gradingRule": { "kind": "scaledThreshold", "min": 0.8 } },
              { "id": "all", "title": "All correct", "activityId": "{{allCorrect}}",
                "questionActivityIds": [{{string.Join(", ", questions.Select(q => $"\"{q}\""))}}], "gradingRule": { "kind": "allCorrect" } }
            ]
          }],
          "gradingRule": { "kind": "scaledThreshold", "min": 0.5 }
        }
        """)!.AsObject();

    private static JsonObject At(JsonObject statement, int second)
    {
        statement["timestamp"] = T0.AddSeconds(second).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return statement;
    }

    private static JsonObject Answer(JsonObject actor, string quiz, string question, bool correct, int second)
    {
        var statement = Statement(actor, ProgressVerbs.Answered, question);
        statement["object"]!["definition"] = new JsonObject { ["type"] = LedgerStatement.InteractionType, ["interactionType"] = "choice" };
        statement["context"] = new JsonObject { ["contextActivities"] = new JsonObject { ["parent"] = new JsonArray(new JsonObject { ["id"] = quiz }) } };
        statement["result"] = new JsonObject { ["success"] = correct, ["response"] = correct ? "a" : "b" };
        return At(statement, second);
    }

    private static JsonObject Reported(JsonObject actor, string activity, double scaled, int second)
    {
        var statement = Statement(actor, ProgressVerbs.Passed, activity);
        statement["result"] = new JsonObject { ["success"] = true, ["score"] = new JsonObject { ["scaled"] = scaled } };
        return At(statement, second);
    }

    [Fact]
    public async Task QuizRules_DecideOverReportedSuccess()
    {
        var (tenant, client) = await lrs.NewTenantAsync();
        var threshold = NewActivity();
        var allCorrect = NewActivity();
        var lesson = NewActivity();
        var questions = new[] { allCorrect + "/q1", allCorrect + "/q2" };
        var response = await Courses.Courses.PutAsync(client, Courses.Courses.NewId(), Course(threshold, allCorrect, lesson, questions));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var actor = Agent();
        await PostAsync(client,
            At(Statement(actor, ProgressVerbs.Initialized, threshold), 0),
            Reported(actor, threshold, 0.7, 1),
            At(Statement(actor, ProgressVerbs.Terminated, threshold), 2),
            At(Statement(actor, ProgressVerbs.Initialized, allCorrect), 10),
            Answer(actor, allCorrect, questions[0], correct: true, 11),
            Answer(actor, allCorrect, questions[1], correct: false, 12),
            Reported(actor, allCorrect, 1.0, 13),
            At(Statement(actor, ProgressVerbs.Terminated, allCorrect), 14),
            At(Statement(actor, ProgressVerbs.Initialized, lesson), 20),
            Reported(actor, lesson, 0.6, 21),
            At(Statement(actor, ProgressVerbs.Terminated, lesson), 22));

        await lrs.Services.GetRequiredService<ProgressProjector>().RunOnceAsync(CancellationToken.None);

        var attempts = await lrs.Services.GetRequiredService<IProgressReader>()
            .AttemptsForLearnerAsync(tenant, "mbox:" + (string)actor["mbox"]!, CancellationToken.None);
        Assert.Equal(AttemptOutcome.Failed, attempts.Single(a => a.ActivityId == threshold).Outcome); // 0.7 < 0.8 despite success=true
        Assert.Equal(AttemptOutcome.Failed, attempts.Single(a => a.ActivityId == allCorrect).Outcome); // q2 answered wrongly
        Assert.Equal(AttemptOutcome.Passed, attempts.Single(a => a.ActivityId == lesson).Outcome); // the course's 0.5
    }

    [Fact]
    public async Task NoCourse_ReportedResultDecides()
    {
        var (tenant, client) = await lrs.NewTenantAsync();
        var activity = NewActivity();
        var actor = Agent();
        await PostAsync(client, At(Statement(actor, ProgressVerbs.Initialized, activity), 0), Reported(actor, activity, 0.1, 1));

        await lrs.Services.GetRequiredService<ProgressProjector>().RunOnceAsync(CancellationToken.None);

        var attempts = await lrs.Services.GetRequiredService<IProgressReader>()
            .AttemptsForLearnerAsync(tenant, "mbox:" + (string)actor["mbox"]!, CancellationToken.None);
        Assert.Equal(AttemptOutcome.Passed, Assert.Single(attempts).Outcome);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresCourseGradingTests(PostgresLrsFactory lrs) : CourseGradingTests(lrs);

[Collection(SqliteCollection.Name)]
public sealed class SqliteCourseGradingTests(SqliteLrsFactory lrs) : CourseGradingTests(lrs);
