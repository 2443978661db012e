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

/// <summary>A learner's attempts, completion and pass/fail records over the internal API, page by page.</summary>
public abstract class ProgressApiTests(LrsFactory lrs)
{
    private static readonly DateTimeOffset T0 = new(2024, 7, 8, 9, 0, 0, TimeSpan.Zero);

    private static JsonObject At(JsonObject statement, int second, JsonObject? result = null)
    {
        statement["timestamp"] = T0.AddSeconds(second).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        if (result is not null)
        {
            statement["result"] = result;
        }

        return statement;
    }

    /// <summary>Four attempts (two at the first activity), three passes, three completions; the activities in id order.</summary>
    private async Task<(JsonObject Actor, string[] Activities, Guid Passed)> LearnAsync(HttpClient client)
    {
        var actor = Agent();
        var activities = Enumerable.Range(0, 3).Select(_ => NewActivity()).Order(StringComparer.Ordinal).ToArray();
        var statements = new List<JsonObject>();
        var second = 0;
        foreach (var activity in activities.Prepend(activities[0]))
        {
            statements.Add(At(Statement(actor, ProgressVerbs.Initialized, activity), second++));
            statements.Add(At(Statement(actor, ProgressVerbs.Passed, activity), second++,
                new JsonObject { ["success"] = true, ["completion"] = true, ["score"] = new JsonObject { ["scaled"] = 0.9 } }));
            statements.Add(At(Statement(actor, ProgressVerbs.Terminated, activity), second++));
        }

        var ids = await PostAsync(client, [.. statements]);
        await lrs.Services.GetRequiredService<ProgressProjector>().RunOnceAsync(CancellationToken.None);
        return (actor, activities, ids[1]);
    }

    private static string Query(string path, JsonObject actor, string extra = "") =>
        $"/api/v1/{path}?agent={System.Uri.EscapeDataString(actor.ToJsonString())}{extra}";

    [Fact]
    public async Task Attempts_PagedWithNextLinks_ListEveryAttemptOnce()
    {
        var (_, client) = await lrs.NewTenantAsync();
        var (actor, activities, passed) = await LearnAsync(client);

        var first = await ReadJsonAsync(await client.GetAsync(Query("attempts", actor, "&limit=3")), HttpStatusCode.OK);
        var attempts = first["attempts"]!.AsArray();
        Assert.Equal(3, attempts.Count);
        var next = (string)first["next"]!;
        Assert.Contains("limit=3", next, StringComparison.Ordinal);
        var second = await ReadJsonAsync(await client.GetAsync(next), HttpStatusCode.OK);
        Assert.Null(second["next"]);
        var all = attempts.Concat(second["attempts"]!.AsArray()).ToList();

        Assert.Equal([(activities[0], 1), (activities[0], 2), (activities[1], 1), (activities[2], 1)],
            all.Select(a => ((string)a!["activity"]!, (int)a["number"]!)));
        var firstAttempt = all[0]!;
        Assert.Equal("closed", (string)firstAttempt["state"]!);
        Assert.Equal("passed", (string)firstAttempt["outcome"]!);
        Assert.Equal(0.9, (double)firstAttempt["score"]!["scaled"]!);
        Assert.Equal(passed, Guid.Parse((string)firstAttempt["decidedBy"]!));
        Assert.NotNull(firstAttempt["openedAt"]);
        Assert.NotNull(firstAttempt["closedAt"]);

        var one = await ReadJsonAsync(await client.GetAsync(Query("attempts", actor, $"&activity={System.Uri.EscapeDataString(activities[1])}")), HttpStatusCode.OK);
        Assert.Equal(activities[1], (string)Assert.Single(one["attempts"]!.AsArray())!["activity"]!);
    }

    [Fact]
    public async Task CompletionsAndPassFail_PagedOneByOne_ListEachActivity()
    {
        var (_, client) = await lrs.NewTenantAsync();
        var (actor, activities, passed) = await LearnAsync(client);

        foreach (var (path, property) in new[] { ("completions", "completions"), ("pass-fail", "passFail") })
        {
            var seen = new List<JsonNode>();
            string? next = Query(path, actor, "&limit=1");
            while (next is not null)
            {
                var page = await ReadJsonAsync(await client.GetAsync(next), HttpStatusCode.OK);
                seen.AddRange(page[property]!.AsArray()!.Select(n => n!));
                next = (string?)page["next"];
            }

            Assert.Equal(activities, seen.Select(r => (string)r["activity"]!));
            Assert.Equal(passed, Guid.Parse((string)seen[0]["statementId"]!));
        }

        var passFail = await ReadJsonAsync(await client.GetAsync(Query("pass-fail", actor)), HttpStatusCode.OK);
        Assert.All(passFail["passFail"]!.AsArray(), p => Assert.Equal("passed", (string)p!["outcome"]!));
    }

    [Theory]
    [InlineData("attempts")]
    [InlineData("completions")]
    [InlineData("pass-fail")]
    public async Task Lists_BadParameters_Return400(string path)
    {
        var client = lrs.Xapi();

        Assert.Contains("agent", await ProblemAsync(await client.GetAsync($"/api/v1/{path}"), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("agent", await ProblemAsync(await client.GetAsync($"/api/v1/{path}?agent={System.Uri.EscapeDataString("{\"mbox\":")}"), HttpStatusCode.BadRequest),
            StringComparison.Ordinal);
        Assert.Contains("agent", await ProblemAsync(await client.GetAsync($"/api/v1/{path}?agent={System.Uri.EscapeDataString("{\"mbox\":\"ann\"}")}"), HttpStatusCode.BadRequest),
            StringComparison.Ordinal);
        Assert.Contains("cursor", await ProblemAsync(await client.GetAsync(Query(path, Agent(), "&cursor=bm9wZQ")), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("limit", await ProblemAsync(await client.GetAsync(Query(path, Agent(), "&limit=0")), HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lists_OtherTenant_SeeNothing()
    {
        var (_, a) = await lrs.NewTenantAsync();
        var (_, b) = await lrs.NewTenantAsync();
        var (actor, _, _) = await LearnAsync(a);

        Assert.Equal(4, (await ReadJsonAsync(await a.GetAsync(Query("attempts", actor)), HttpStatusCode.OK))["attempts"]!.AsArray().Count);
        Assert.Empty((await ReadJsonAsync(await b.GetAsync(Query("attempts", actor)), HttpStatusCode.OK))["attempts"]!.AsArray());
        Assert.Empty((await ReadJsonAsync(await b.GetAsync(Query("completions", actor)), HttpStatusCode.OK))["completions"]!.AsArray());
        Assert.Empty((await ReadJsonAsync(await b.GetAsync(Query("pass-fail", actor)), HttpStatusCode.OK))["passFail"]!.AsArray());
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresProgressApiTests(PostgresLrsFactory lrs) : ProgressApiTests(lrs);

[Collection(SqliteCollection.Name)]
public sealed class SqliteProgressApiTests(SqliteLrsFactory lrs) : ProgressApiTests(lrs);
