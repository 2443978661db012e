using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Lrs.Application.Progress;
using Lrs.Application.Statements;
using Lrs.Domain.Progress;
using Lrs.Infrastructure.Persistence;
using Lrs.Infrastructure.Progress;
using Lrs.Infrastructure.Tests.Support;

namespace Lrs.Infrastructure.Tests.Progress;

/// <summary>The progress projector over the real ledger, run against each database.</summary>
public abstract class ProgressProjectorTests : ProjectionTests
{
    protected static readonly DateTimeOffset T0 = new(2024, 5, 1, 9, 0, 0, TimeSpan.Zero);
    protected const string Au = "http://example.com/course/au1";

    private async Task<long> CheckpointAsync(string projection)
    {
        await using var session = await Store.BeginAsync(CancellationToken.None);
        return await session.CheckpointAsync(projection, CancellationToken.None);
    }

    private async Task<(long Attempts, long Interactions, long Completions, long PassFail)> CountsAsync(Guid tenant)
    {
        await using var connection = await Connections.OpenAsync();
        await using var tx = await ScopeAsync(connection, tenant);
        async Task<long> Count(string table) => await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}", transaction: tx);
        return (await Count("attempts"), await Count("interaction_results"), await Count("completion_records"), await Count("pass_fail_records"));
    }

    // Every row of the tenant's per-key read models, in key order.
    private async Task<string> DumpAsync(Guid tenant)
    {
        await using var connection = await Connections.OpenAsync();
        await using var tx = await ScopeAsync(connection, tenant);
        var tables = new List<string>();
        foreach (var (table, order) in new[]
                 {
                     ("attempts", "learner_key, activity_id, registration, attempt_number"),
                     ("interaction_results", "learner_key, activity_id, registration, attempt_number, position"),
                     ("completion_records", "learner_key, activity_id, registration"),
                     ("pass_fail_records", "learner_key, activity_id, registration"),
                 })
        {
            var rows = await connection.QueryAsync($"SELECT * FROM {table} ORDER BY {order}", transaction: tx);
            tables.Add(JsonSerializer.Serialize(rows.Select(r => (IDictionary<string, object>)r)));
        }

        return string.Join("\n", tables);
    }

    private static PreparedStatement Statement(string learner, string verb, int minute, Guid registration, JsonObject? result = null, string? question = null)
    {
        var id = Guid.NewGuid();
        var target = new JsonObject { ["objectType"] = "Activity", ["id"] = question is null ? Au : $"{Au}/{question}" };
        var contextActivities = new JsonObject { ["grouping"] = new JsonArray(new JsonObject { ["id"] = "http://example.com/course" }) };
        if (question is not null)
        {
            target["definition"] = new JsonObject { ["type"] = LedgerStatement.InteractionType };
            contextActivities["parent"] = new JsonArray(new JsonObject { ["id"] = Au });
        }

        var statement = new JsonObject
        {
            ["id"] = id.ToString(),
            ["actor"] = new JsonObject { ["objectType"] = "Agent", ["mbox"] = learner },
            ["verb"] = new JsonObject { ["id"] = verb },
            ["object"] = target,
            ["context"] = new JsonObject { ["registration"] = registration.ToString(), ["contextActivities"] = contextActivities },
            ["timestamp"] = T0.AddMinutes(minute).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["stored"] = TestStatements.Now().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["authority"] = new JsonObject { ["objectType"] = "Agent", ["mbox"] = "mailto:lrs@example.com" },
            ["version"] = "1.0.0",
        };
        if (result is not null)
        {
            statement["result"] = result;
        }

        return new PreparedStatement(id, StatementJson.Serialize(statement), TestStatements.Now(), TestStatements.AuthorityKey, StatementIndex.Extract(statement));
    }

    private static List<PreparedStatement> Session(string learner, Guid registration, int start, bool pass) =>
    [
        Statement(learner, ProgressVerbs.Launched, start, registration),
        Statement(learner, ProgressVerbs.Initialized, start + 1, registration),
        Statement(learner, ProgressVerbs.Answered, start + 2, registration, new JsonObject { ["success"] = true, ["response"] = "b", ["score"] = new JsonObject { ["raw"] = 2 } }, "q1"),
        Statement(learner, ProgressVerbs.Answered, start + 3, registration, new JsonObject { ["success"] = pass, ["response"] = "c" }, "q2"),
        Statement(learner, pass ? ProgressVerbs.Passed : ProgressVerbs.Failed, start + 4, registration,
            new JsonObject { ["success"] = pass, ["score"] = new JsonObject { ["scaled"] = pass ? 0.9 : 0.3, ["raw"] = pass ? 9 : 3, ["min"] = 0, ["max"] = 10 } }),
        Statement(learner, ProgressVerbs.Completed, start + 5, registration, new JsonObject { ["completion"] = true }),
        Statement(learner, ProgressVerbs.Terminated, start + 6, registration),
    ];

    private async Task<string> SnapshotAsync(Guid tenant, string learner)
    {
        var key = "mbox:" + learner;
        var attempts = await Store.AttemptsForLearnerAsync(tenant, key, CancellationToken.None);
        var completions = await Store.CompletionsForLearnerAsync(tenant, key, CancellationToken.None);
        var passFail = await Store.PassFailForLearnerAsync(tenant, key, CancellationToken.None);
        return JsonSerializer.Serialize(new { attempts, completions, passFail });
    }

    [Fact]
    public async Task RunOnceAsync_TwoSessions_ProjectsAttemptsAndFacts()
    {
        var tenant = await InsertTenantAsync();
        var registration = Guid.NewGuid();
        var first = Session("mailto:ann@example.com", registration, 0, pass: false);
        var second = Session("mailto:ann@example.com", registration, 60, pass: true);
        await WriteAsync(tenant, second.Concat(first).Reverse());

        Assert.Equal(14, await Projector().RunOnceAsync(CancellationToken.None));

        var attempts = await Store.AttemptsForLearnerAsync(tenant, "mbox:mailto:ann@example.com", CancellationToken.None);
        Assert.Equal([1, 2], attempts.Select(a => a.Number));
        Assert.Equal([AttemptOutcome.Failed, AttemptOutcome.Passed], attempts.Select(a => a.Outcome));
        Assert.All(attempts, a => Assert.Equal(AttemptState.Closed, a.State));
        var passed = attempts[1];
        Assert.Equal(Au, passed.ActivityId);
        Assert.Equal(registration, passed.Registration);
        Assert.Equal("http://example.com/course", passed.CourseId);
        Assert.Equal(0.9, passed.ScoreScaled);
        Assert.Equal(9, passed.ScoreRaw);
        Assert.Equal(0, passed.ScoreMin);
        Assert.Equal(10, passed.ScoreMax);
        Assert.True(passed.Success);
        Assert.True(passed.Completion);
        Assert.Equal(T0.AddMinutes(60), passed.OpenedAt);
        Assert.Equal(T0.AddMinutes(66), passed.ClosedAt);
        Assert.Equal(second[4].Id, passed.DecidedBy);
        Assert.Equal(T0.AddMinutes(64), passed.DecidedAt);
        Assert.Equal([$"{Au}/q1", $"{Au}/q2"], passed.Interactions.Select(i => i.InteractionId));
        Assert.Equal(new InteractionResult($"{Au}/q1", true, 2, "b", T0.AddMinutes(62)), passed.Interactions[0]);

        var completion = Assert.Single(await Store.CompletionsForLearnerAsync(tenant, "mbox:mailto:ann@example.com", CancellationToken.None));
        Assert.Equal(first[5].Id, completion.StatementId);
        Assert.Equal(T0.AddMinutes(5), completion.CompletedAt);
        var passFail = Assert.Single(await Store.PassFailForLearnerAsync(tenant, "mbox:mailto:ann@example.com", CancellationToken.None));
        Assert.Equal(AttemptOutcome.Passed, passFail.Outcome);
        Assert.Equal(second[4].Id, passFail.StatementId);

        Assert.Equal(0, await Projector().RunOnceAsync(CancellationToken.None));
    }

    [Fact] // Data §2.3.2: voiding a statement un-projects it
    public async Task RunOnceAsync_VoidingPassed_UnProjectsIt()
    {
        var tenant = await InsertTenantAsync();
        var session = Session("mailto:ann@example.com", Guid.NewGuid(), 0, pass: true);
        await WriteAsync(tenant, session);
        await Projector().RunOnceAsync(CancellationToken.None);

        await WriteAsync(tenant, [TestStatements.Voiding(session[4].Id)]);
        Assert.Equal(1, await Projector().RunOnceAsync(CancellationToken.None));

        var attempt = Assert.Single(await Store.AttemptsForLearnerAsync(tenant, "mbox:mailto:ann@example.com", CancellationToken.None));
        Assert.Equal(AttemptOutcome.Completed, attempt.Outcome);
        Assert.Null(attempt.ScoreScaled);
        Assert.Empty(await Store.PassFailForLearnerAsync(tenant, "mbox:mailto:ann@example.com", CancellationToken.None));
        Assert.Single(await Store.CompletionsForLearnerAsync(tenant, "mbox:mailto:ann@example.com", CancellationToken.None));
    }

    [Fact] // the read models are derived from the ledger alone: rebuilding gives the same rows
    public async Task RebuildAsync_AfterIncrementalRuns_IdenticalRows()
    {
        var tenants = new[] { await InsertTenantAsync(), await InsertTenantAsync() };
        var learners = new[] { "mailto:ann@example.com", "mailto:bob@example.com" };
        var projector = Projector(batchSize: 5);
        foreach (var (tenant, i) in tenants.Select((t, i) => (t, i)))
        {
            foreach (var learner in learners)
            {
                var registration = Guid.NewGuid();
                await WriteAsync(tenant, Session(learner, registration, 0, pass: i == 0));
                await projector.RunOnceAsync(CancellationToken.None);
                await WriteAsync(tenant, Session(learner, registration, 30, pass: true).OrderBy(_ => Random.Shared.Next()));
            }
        }

        await projector.RunOnceAsync(CancellationToken.None);
        var before = new List<string>();
        foreach (var tenant in tenants)
        {
            foreach (var learner in learners)
            {
                before.Add(await SnapshotAsync(tenant, learner));
            }
        }

        Assert.Equal(56, await Projector(batchSize: 9).RebuildAsync(CancellationToken.None));

        var after = new List<string>();
        foreach (var tenant in tenants)
        {
            foreach (var learner in learners)
            {
                after.Add(await SnapshotAsync(tenant, learner));
            }
        }

        Assert.Equal(before, after);
        Assert.Contains("\"Outcome\":2", before[2], StringComparison.Ordinal);
        Assert.NotEqual(before[0], before[2]); // tenants differ: the second failed its first attempts
    }

    [Fact] // more keys than one command takes and more rows than one insert takes: the batch equals small batches
    public async Task RunOnceAsync_ManyKeysInOneBatch_SameRowsAsSmallBatches()
    {
        var tenant = await InsertTenantAsync();
        var learners = Enumerable.Range(0, 520).Select(i => $"mailto:learner{i:D3}@example.com").ToList();
        await WriteAsync(tenant, learners.SelectMany((learner, i) => Session(learner, Guid.NewGuid(), i, pass: i % 3 != 0)));

        Assert.Equal(520 * 7, await Projector(batchSize: 5000).RunOnceAsync(CancellationToken.None));
        var large = await DumpAsync(tenant);
        Assert.Equal((520, 1040, 520, 520), await CountsAsync(tenant));
        Assert.Equal(520 * 7, await Projector(batchSize: 70).RebuildAsync(CancellationToken.None));

        Assert.Equal(large, await DumpAsync(tenant));
        Assert.Contains("\"Outcome\":2", await SnapshotAsync(tenant, learners[^1]), StringComparison.Ordinal); // 519 % 3 == 0: failed
        Assert.Contains("\"Outcome\":1", await SnapshotAsync(tenant, learners[^2]), StringComparison.Ordinal);
    }

    [Fact] // statements committed in this process wake both stages: projected long before the next poll
    public async Task ExecuteAsync_StatementsCommittedInProcess_ProjectedBeforeNextPoll()
    {
        var tenant = await InsertTenantAsync();
        using var projector = Projector(pollMilliseconds: 60_000);
        await projector.StartAsync(CancellationToken.None);
        try
        {
            await Task.Delay(500); // the first rounds found nothing and both stages wait for their next poll
            await WriteAsync(tenant, Session("mailto:ann@example.com", Guid.NewGuid(), 0, pass: true));

            for (var i = 0; i < 100 && (await Store.CompletionsForLearnerAsync(tenant, "mbox:mailto:ann@example.com", CancellationToken.None)).Count == 0; i++)
            {
                await Task.Delay(50);
            }

            Assert.Single(await Store.CompletionsForLearnerAsync(tenant, "mbox:mailto:ann@example.com", CancellationToken.None));
            var attempts = await CheckpointAsync(ProgressProjector.Projection);
            for (var i = 0; i < 100 && await CheckpointAsync(ProgressProjector.LearnerProjection) < attempts; i++)
            {
                await Task.Delay(50);
            }

            Assert.Equal(attempts, await CheckpointAsync(ProgressProjector.LearnerProjection));
        }
        finally
        {
            await projector.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task AttemptsForLearnerAsync_OtherTenant_SeesNothing()
    {
        var tenant = await InsertTenantAsync();
        await WriteAsync(tenant, Session("mailto:ann@example.com", Guid.NewGuid(), 0, pass: true));
        await Projector().RunOnceAsync(CancellationToken.None);

        Assert.Single(await Store.AttemptsForLearnerAsync(tenant, "mbox:mailto:ann@example.com", CancellationToken.None));
        Assert.Empty(await Store.AttemptsForLearnerAsync(await InsertTenantAsync(), "mbox:mailto:ann@example.com", CancellationToken.None));
    }
}

public sealed class PostgresProgressProjectorTests : ProgressProjectorTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    [Theory] // tenant isolation for the read models, as for the ledger
    [InlineData("attempts")]
    [InlineData("interaction_results")]
    [InlineData("completion_records")]
    [InlineData("pass_fail_records")]
    public async Task Select_NoTenantSet_SeesNoProgressRows(string table)
    {
        var tenant = await InsertTenantAsync();
        await WriteAsync(tenant, [TestStatements.Experienced()]);
        await using (var write = await Store.BeginAsync(CancellationToken.None))
        {
            await write.UseTenantAsync(tenant, CancellationToken.None);
            var key = AttemptKey.Create("mbox:mailto:ann@example.com", Au, null);
            var attempt = Attempt.Open(key, 1, T0, GradingRule.Default);
            attempt.RecordInteraction(InteractionResult.Create("q", true, 1, "a", T0), Guid.NewGuid());
            attempt.ReportResult(null, true, true, Guid.NewGuid(), T0);
            await write.ReplaceAsync(tenant, new ProgressFacts(key, [attempt],
                CompletionRecord.Create(key, T0, Guid.NewGuid()), PassFailRecord.Create(key, true, T0, Guid.NewGuid())), CancellationToken.None);
            await write.CommitAsync(CancellationToken.None);
        }

        Assert.Equal((0L, 1L), await CountWithoutAndWithTenantAsync(table, tenant));
    }
}

public sealed class SqliteProgressProjectorTests : ProgressProjectorTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}
