using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lrs.Api.Tests.Support;
using Lrs.Application.Progress;
using Lrs.Domain.Progress;
using Lrs.Infrastructure.Progress;
using Microsoft.Extensions.DependencyInjection;
using static Lrs.Api.Tests.Support.Statements;

namespace Lrs.Api.Tests.Progress;

/// <summary>
/// A cmi5 course taken by one learner, posted over HTTP in shuffled order (as an offline player syncs) into one tenant
/// and in order into another: the projected progress must be the same (cmi5 §9.3: order is the timestamp's).
/// </summary>
public abstract class ProgressEndToEndTests(LrsFactory lrs)
{
    private const string Course = "http://example.com/courses/safety";
    private static readonly DateTimeOffset T0 = new(2024, 3, 4, 8, 0, 0, TimeSpan.Zero);
    private static readonly string Au1 = Course + "/au/quiz";
    private static readonly string Au2 = Course + "/au/practical";

    private sealed class CourseRun(string learner, Guid registration)
    {
        private int _minute;

        public List<JsonObject> Statements { get; } = [];

        public void Add(string verb, string au, JsonObject? result = null, string? question = null)
        {
            var target = new JsonObject { ["objectType"] = "Activity", ["id"] = question is null ? au : $"{au}/{question}" };
            var contextActivities = new JsonObject
            {
                ["grouping"] = new JsonArray(new JsonObject { ["id"] = Course }),
                ["category"] = new JsonArray(new JsonObject { ["id"] = "https://w3id.org/xapi/cmi5/context/categories/cmi5" }),
            };
            if (question is not null)
            {
                target["definition"] = new JsonObject { ["type"] = LedgerStatement.InteractionType, ["interactionType"] = "choice" };
                contextActivities["parent"] = new JsonArray(new JsonObject { ["id"] = au });
            }

            var statement = new JsonObject
            {
                ["id"] = Guid.NewGuid().ToString(),
                ["actor"] = new JsonObject { ["objectType"] = "Agent", ["mbox"] = learner },
                ["verb"] = new JsonObject { ["id"] = verb },
                ["object"] = target,
                ["context"] = new JsonObject { ["registration"] = registration.ToString(), ["contextActivities"] = contextActivities },
                // Several statements share a second, so ties are broken by statement id.
                ["timestamp"] = T0.AddSeconds(_minute++ * 20 / 3).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            };
            if (result is not null)
            {
                statement["result"] = result;
            }

            Statements.Add(statement);
        }

        public void Session(string au, int questions, bool pass, int progressed = 0)
        {
            Add(ProgressVerbs.Launched, au);
            Add(ProgressVerbs.Initialized, au);
            for (var q = 1; q <= questions; q++)
            {
                var correct = pass || q % 3 != 0;
                Add(ProgressVerbs.Answered, au,
                    new JsonObject { ["success"] = correct, ["response"] = correct ? "a" : "b", ["score"] = new JsonObject { ["raw"] = correct ? 1 : 0, ["min"] = 0, ["max"] = 1 } },
                    $"q{q}");
            }

            for (var p = 1; p <= progressed; p++)
            {
                Add("http://adlnet.gov/expapi/verbs/progressed", au, new JsonObject { ["extensions"] = new JsonObject { ["https://w3id.org/xapi/cmi5/result/extensions/progress"] = p * 20 } });
            }

            var scaled = pass ? 0.9 : 0.6;
            Add(pass ? ProgressVerbs.Passed : ProgressVerbs.Failed, au,
                new JsonObject { ["success"] = pass, ["score"] = new JsonObject { ["scaled"] = scaled, ["raw"] = scaled * 100, ["min"] = 0, ["max"] = 100 }, ["duration"] = "PT10M" });
            if (pass)
            {
                Add(ProgressVerbs.Completed, au, new JsonObject { ["completion"] = true, ["duration"] = "PT10M" });
            }

            Add(ProgressVerbs.Terminated, au, new JsonObject { ["duration"] = "PT11M" });
        }
    }

    private static CourseRun Run(string learner, Guid registration)
    {
        var run = new CourseRun(learner, registration);
        run.Session(Au1, questions: 10, pass: false);
        run.Session(Au1, questions: 10, pass: true, progressed: 5);
        run.Session(Au2, questions: 12, pass: true);
        run.Add(ProgressVerbs.Satisfied, Course);
        return run;
    }

    private async Task<string> ProjectedAsync(Guid tenant, string agentKey)
    {
        var reader = lrs.Services.GetRequiredService<IProgressReader>();
        var attempts = await reader.AttemptsForLearnerAsync(tenant, agentKey, CancellationToken.None);
        var completions = await reader.CompletionsForLearnerAsync(tenant, agentKey, CancellationToken.None);
        var passFail = await reader.PassFailForLearnerAsync(tenant, agentKey, CancellationToken.None);
        return JsonSerializer.Serialize(new { attempts, completions, passFail });
    }

    [Fact]
    public async Task Cmi5Course_PostedShuffled_ProjectsAsPostedInOrder()
    {
        var learner = $"mailto:{Guid.NewGuid():N}@example.com";
        var agentKey = "mbox:" + learner;
        var run = Run(learner, Guid.NewGuid());
        Assert.True(run.Statements.Count >= 50, $"only {run.Statements.Count} statements");
        var (shuffledTenant, shuffledClient) = await lrs.NewTenantAsync();
        var (orderedTenant, orderedClient) = await lrs.NewTenantAsync();

        // Offline sync: random order, in batches of random size.
        var random = new Random(20240304);
        var shuffled = run.Statements.OrderBy(_ => random.Next()).ToList();
        for (var i = 0; i < shuffled.Count;)
        {
            var size = random.Next(1, 8);
            await PostAsync(shuffledClient, [.. shuffled.Skip(i).Take(size)]);
            i += size;
        }

        foreach (var statement in run.Statements)
        {
            await PostAsync(orderedClient, statement);
        }

        await lrs.Services.GetRequiredService<ProgressProjector>().RunOnceAsync(CancellationToken.None);

        var fromShuffled = await ProjectedAsync(shuffledTenant, agentKey);
        Assert.Equal(await ProjectedAsync(orderedTenant, agentKey), fromShuffled);

        var reader = lrs.Services.GetRequiredService<IProgressReader>();
        var attempts = await reader.AttemptsForLearnerAsync(shuffledTenant, agentKey, CancellationToken.None);
        Assert.Equal([(Au2, 1), (Au1, 1), (Au1, 2)], attempts.Select(a => (a.ActivityId, a.Number)).OrderBy(a => a.ActivityId, StringComparer.Ordinal).ThenBy(a => a.Number));
        var quiz = attempts.Where(a => a.ActivityId == Au1).OrderBy(a => a.Number).ToList();
        Assert.Equal([AttemptOutcome.Failed, AttemptOutcome.Passed], quiz.Select(a => a.Outcome));
        Assert.All(attempts, a => Assert.Equal(AttemptState.Closed, a.State));
        Assert.All(attempts, a => Assert.Equal(Course, a.CourseId));
        Assert.Equal(0.6, quiz[0].ScoreScaled);
        Assert.Equal(0.9, quiz[1].ScoreScaled);
        Assert.Equal(10, quiz[0].Interactions.Count);
        Assert.Equal(3, quiz[0].Interactions.Count(i => i.Correct == false));
        Assert.All(quiz[1].Interactions, i => Assert.True(i.Correct));
        Assert.Equal(12, attempts.Single(a => a.ActivityId == Au2).Interactions.Count);

        var completions = await reader.CompletionsForLearnerAsync(shuffledTenant, agentKey, CancellationToken.None);
        Assert.Equal([Course, Au2, Au1], completions.Select(c => c.ActivityId).Order(StringComparer.Ordinal));
        var passFail = await reader.PassFailForLearnerAsync(shuffledTenant, agentKey, CancellationToken.None);
        Assert.All(passFail, p => Assert.Equal(AttemptOutcome.Passed, p.Outcome));
        Assert.Equal(2, passFail.Count);
        var passedStatement = run.Statements.Single(s => s["verb"]!["id"]!.GetValue<string>() == ProgressVerbs.Passed
            && s["object"]!["id"]!.GetValue<string>() == Au1);
        Assert.Equal(Guid.Parse(passedStatement["id"]!.GetValue<string>()), passFail.Single(p => p.ActivityId == Au1).StatementId);
    }

    [Fact] // Data §2.3.2: voiding over HTTP un-projects the statement
    public async Task VoidingPassed_OverHttp_UnProjectsPass()
    {
        var learner = $"mailto:{Guid.NewGuid():N}@example.com";
        var run = new CourseRun(learner, Guid.NewGuid());
        run.Session(Au2, questions: 2, pass: true);
        var (tenant, client) = await lrs.NewTenantAsync();
        await PostAsync(client, [.. run.Statements]);
        var projector = lrs.Services.GetRequiredService<ProgressProjector>();
        await projector.RunOnceAsync(CancellationToken.None);
        var reader = lrs.Services.GetRequiredService<IProgressReader>();
        Assert.Single(await reader.PassFailForLearnerAsync(tenant, "mbox:" + learner, CancellationToken.None));

        var passed = run.Statements.Single(s => s["verb"]!["id"]!.GetValue<string>() == ProgressVerbs.Passed);
        await PostAsync(client, Voiding(Guid.Parse(passed["id"]!.GetValue<string>()), new JsonObject { ["mbox"] = learner }));
        await projector.RunOnceAsync(CancellationToken.None);

        Assert.Empty(await reader.PassFailForLearnerAsync(tenant, "mbox:" + learner, CancellationToken.None));
        Assert.Equal(AttemptOutcome.Completed, Assert.Single(await reader.AttemptsForLearnerAsync(tenant, "mbox:" + learner, CancellationToken.None)).Outcome);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresProgressEndToEndTests(PostgresLrsFactory lrs) : ProgressEndToEndTests(lrs);

[Collection(SqliteCollection.Name)]
public sealed class SqliteProgressEndToEndTests(SqliteLrsFactory lrs) : ProgressEndToEndTests(lrs);
