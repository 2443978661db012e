using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Lrs.Application.Statements;
using Lrs.Application.Transcripts;
using Lrs.Infrastructure.Persistence;
using Lrs.Infrastructure.Progress;
using Lrs.Infrastructure.Tests.Progress;
using Lrs.Infrastructure.Tests.Support;
using Lrs.Infrastructure.Transcripts;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lrs.Infrastructure.Tests.Transcripts;

/// <summary>
/// The transcript projection and the transcripts read from it (docs/decisions/0018): whatever the projector has folded, a
/// transcript equals the one built from all of the learner's non-voided statements.
/// </summary>
public abstract class TranscriptProjectionTests : ProjectionTests
{
    private const string Ann = "mailto:ann@example.com";
    private const string AnnKey = "mbox:" + Ann;
    private const string Course = "http://example.com/courses/safety";
    private const string Adl = "http://adlnet.gov/expapi/verbs/";
    private static readonly DateTimeOffset T0 = new(2024, 5, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Generated = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static PreparedStatement Statement(string verb, Guid registration, int minute, JsonObject? result = null, string activity = Course,
        string? title = null, bool parent = false, string learner = Ann, string? name = "Ann")
    {
        var id = Guid.NewGuid();
        var target = new JsonObject { ["objectType"] = "Activity", ["id"] = activity };
        if (title is not null)
        {
            target["definition"] = new JsonObject { ["name"] = new JsonObject { ["en-US"] = title } };
        }

        var context = new JsonObject { ["registration"] = registration.ToString() };
        if (parent)
        {
            context["contextActivities"] = new JsonObject { ["parent"] = new JsonArray(new JsonObject { ["id"] = Course }) };
        }

        var actor = new JsonObject { ["objectType"] = "Agent", ["mbox"] = learner };
        if (name is not null)
        {
            actor["name"] = name;
        }

        var statement = new JsonObject
        {
            ["id"] = id.ToString(),
            ["actor"] = actor,
            ["verb"] = new JsonObject { ["id"] = Adl + verb },
            ["object"] = target,
            ["context"] = context,
            ["timestamp"] = T0.AddMinutes(minute).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["stored"] = TestStatements.Now().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["authority"] = new JsonObject { ["objectType"] = "Agent", ["mbox"] = "mailto:lrs@example.com" },
            ["version"] = "1.0.3",
        };
        if (result is not null)
        {
            statement["result"] = result;
        }

        return new PreparedStatement(id, StatementJson.Serialize(statement), TestStatements.Now(), TestStatements.AuthorityKey, StatementIndex.Extract(statement));
    }

    /// <summary>Two registrations of the course, a lesson inside it, a retitled course and a renamed learner.</summary>
    private static List<PreparedStatement> History(Guid first, Guid second) =>
    [
        Statement("launched", first, 0, title: "Safety"),
        Statement("experienced", first, 1, activity: Course + "/lesson1", title: "Lesson 1", parent: true),
        Statement("failed", first, 2, new JsonObject { ["success"] = false, ["score"] = new JsonObject { ["scaled"] = 0.3 } }),
        Statement("terminated", first, 3),
        Statement("launched", second, 10, title: "Workplace safety"),
        Statement("progressed", second, 11, new JsonObject { ["extensions"] = new JsonObject { ["https://w3id.org/xapi/cmi5/result/extensions/progress"] = 60 } }),
        Statement("passed", second, 12, new JsonObject { ["success"] = true, ["score"] = new JsonObject { ["scaled"] = 0.9, ["raw"] = 9, ["min"] = 0, ["max"] = 10 } },
            name: "Ann Smith"),
        Statement("completed", second, 13, new JsonObject { ["completion"] = true }, name: null),
        Statement("experienced", Guid.NewGuid(), 14, learner: "mailto:bob@example.com", title: "Bob's course"),
    ];

    private ProjectedTranscriptSource Source() => new(Store, new FixedTime(Generated));

    private async Task<string> TranscriptAsync(Guid tenant, string learner = AnnKey) =>
        JsonSerializer.Serialize(await Source().LoadAsync(tenant, learner, null, CancellationToken.None));

    /// <summary>The transcript folded from the learner's statements as given, without the projection.</summary>
    private static string Expected(IEnumerable<PreparedStatement> statements, string learner = AnnKey)
    {
        var transcript = new StatementTranscript(learner);
        foreach (var statement in statements)
        {
            transcript.Add(statement.Json, statement.Stored);
        }

        return JsonSerializer.Serialize(transcript.Build(null, Generated));
    }

    private async Task<long> RowsAsync(Guid tenant)
    {
        await using var connection = await Connections.OpenAsync();
        await using var tx = await ScopeAsync(connection, tenant);
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM transcript_keys", transaction: tx);
    }

    [Fact]
    public async Task LoadAsync_BeforeAndAfterProjecting_SameTranscriptAsTheStatements()
    {
        var tenant = await InsertTenantAsync();
        var history = History(Guid.NewGuid(), Guid.NewGuid());
        await WriteAsync(tenant, history);
        var expected = Expected(history);
        Assert.Contains("Workplace safety", expected, StringComparison.Ordinal);
        Assert.Contains("Ann Smith", expected, StringComparison.Ordinal);

        Assert.Equal(expected, await TranscriptAsync(tenant));
        Assert.Equal(0, await RowsAsync(tenant));

        await Projector(batchSize: 3).RunOnceAsync(CancellationToken.None);

        Assert.Equal(4, await RowsAsync(tenant)); // Ann: course × 2 registrations, lesson; Bob: his course
        Assert.Equal(expected, await TranscriptAsync(tenant));
        Assert.Equal(Expected(history, "mbox:mailto:bob@example.com"), await TranscriptAsync(tenant, "mbox:mailto:bob@example.com"));
    }

    [Fact] // statements past the checkpoint are read from the ledger and folded after the rows
    public async Task LoadAsync_StatementsAfterTheCheckpoint_FoldedOntoTheRows()
    {
        var tenant = await InsertTenantAsync();
        var registration = Guid.NewGuid();
        var history = History(registration, Guid.NewGuid());
        await WriteAsync(tenant, history.Take(5));
        await Projector().RunOnceAsync(CancellationToken.None);

        await WriteAsync(tenant, history.Skip(5));
        var retake = Statement("passed", registration, 20, new JsonObject { ["score"] = new JsonObject { ["scaled"] = 0.8 } }, title: "Safety, 2nd edition");
        await WriteAsync(tenant, [retake]);

        var expected = Expected([.. history, retake]);
        Assert.Equal(expected, await TranscriptAsync(tenant));
        await Projector().RunOnceAsync(CancellationToken.None);
        Assert.Equal(expected, await TranscriptAsync(tenant));
    }

    [Fact] // Data §2.3.2: a voided statement leaves the transcript, before and after the projector sees the voiding
    public async Task LoadAsync_ProjectedStatementVoided_TranscriptWithoutIt()
    {
        var tenant = await InsertTenantAsync();
        var history = History(Guid.NewGuid(), Guid.NewGuid());
        await WriteAsync(tenant, history);
        await Projector().RunOnceAsync(CancellationToken.None);
        var passed = history[6];

        await WriteAsync(tenant, [TestStatements.Voiding(passed.Id)]);
        var expected = Expected(history.Where(s => s.Id != passed.Id));
        Assert.DoesNotContain("\"Outcome\":\"passed\"", expected, StringComparison.Ordinal);

        Assert.Equal(expected, await TranscriptAsync(tenant));
        await Projector().RunOnceAsync(CancellationToken.None);
        Assert.Equal(expected, await TranscriptAsync(tenant));
        Assert.Equal(4, await RowsAsync(tenant));
    }

    [Fact] // a statement stored after the statement voiding it is never folded in
    public async Task RunOnceAsync_StatementArrivesAfterItsVoiding_NotFolded()
    {
        var tenant = await InsertTenantAsync();
        var history = History(Guid.NewGuid(), Guid.NewGuid());
        var passed = history[6];
        await WriteAsync(tenant, [TestStatements.Voiding(passed.Id)]);
        await Projector().RunOnceAsync(CancellationToken.None);
        await WriteAsync(tenant, history);

        await Projector().RunOnceAsync(CancellationToken.None);

        var expected = Expected(history.Where(s => s.Id != passed.Id));
        Assert.Equal(expected, await TranscriptAsync(tenant));
    }

    [Fact] // the rows are a function of the ledger: rebuilding them gives the same rows
    public async Task RebuildAsync_AfterIncrementalRuns_SameRows()
    {
        var tenant = await InsertTenantAsync();
        var history = History(Guid.NewGuid(), Guid.NewGuid());
        foreach (var statement in history)
        {
            await WriteAsync(tenant, [statement]);
            await Projector().RunOnceAsync(CancellationToken.None);
        }

        await WriteAsync(tenant, [TestStatements.Voiding(history[2].Id)]);
        await Projector().RunOnceAsync(CancellationToken.None);
        var incremental = await DumpAsync(tenant);

        await Projector(batchSize: 4).RebuildAsync(CancellationToken.None);

        Assert.Equal(incremental, await DumpAsync(tenant));
        Assert.Equal(Expected(history.Where(s => s.Id != history[2].Id)), await TranscriptAsync(tenant));
    }

    [Fact] // Lrs:Projector:Stages: a projector running only the transcript stage leaves the attempts stage where it was
    public async Task ExecuteAsync_TranscriptStageOnly_FoldsTranscriptsAndNothingElse()
    {
        var tenant = await InsertTenantAsync();
        var history = History(Guid.NewGuid(), Guid.NewGuid());
        await WriteAsync(tenant, history);
        using var projector = new ProgressProjector(Store, new Lrs.Application.Progress.ReportedResultGradingRules(),
            new ProgressProjectorOptions { PollMilliseconds = 50, Stages = "transcripts" }, NullLogger<ProgressProjector>.Instance);
        await projector.StartAsync(CancellationToken.None);
        try
        {
            for (var i = 0; i < 200 && await RowsAsync(tenant) < 4; i++)
            {
                await Task.Delay(50);
            }
        }
        finally
        {
            await projector.StopAsync(CancellationToken.None);
        }

        Assert.Equal(4, await RowsAsync(tenant));
        await using var session = await Store.BeginAsync(CancellationToken.None);
        Assert.Equal(0, await session.CheckpointAsync(ProgressProjector.Projection, CancellationToken.None));
        Assert.True(await session.CheckpointAsync(ProgressProjector.TranscriptProjection, CancellationToken.None) > 0);
    }

    private async Task<string> DumpAsync(Guid tenant)
    {
        await using var connection = await Connections.OpenAsync();
        await using var tx = await ScopeAsync(connection, tenant);
        var rows = await connection.QueryAsync("SELECT * FROM transcript_keys ORDER BY learner_key, activity_id, registration", transaction: tx);
        return JsonSerializer.Serialize(rows.Select(r => (IDictionary<string, object>)r));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

public sealed class PostgresTranscriptProjectionTests : TranscriptProjectionTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    [Fact] // tenant isolation for the transcript rows, as for the ledger
    public async Task Select_NoTenantSet_SeesNoTranscriptRows()
    {
        var tenant = await InsertTenantAsync();
        await WriteAsync(tenant, [TestStatements.Experienced()]);
        await Projector().RunOnceAsync(CancellationToken.None);

        Assert.Equal((0L, 1L), await CountWithoutAndWithTenantAsync("transcript_keys", tenant));
    }
}

public sealed class SqliteTranscriptProjectionTests : TranscriptProjectionTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}
