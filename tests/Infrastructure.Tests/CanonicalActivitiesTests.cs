using System.Data;
using System.Text.Json.Nodes;
using Lrs.Application.Activities;
using Lrs.Application.Statements;
using Lrs.Infrastructure.Activities;
using Lrs.Infrastructure.Ingest;
using Lrs.Infrastructure.Statements;
using Lrs.Infrastructure.Tests.Support;

namespace Lrs.Infrastructure.Tests;

/// <summary>Canonical activity definitions kept by the write path (Data §2.4.4.1), run against each database.</summary>
public abstract class CanonicalActivitiesTests : IAsyncLifetime
{
    private IStatementBatchStore _store = null!;
    private IActivityReader _reader = null!;

    protected abstract Task<(IStatementBatchStore Store, IActivityReader Reader)> OpenAsync();

    protected abstract Task CloseAsync();

    public async Task InitializeAsync() => (_store, _reader) = await OpenAsync();

    public Task DisposeAsync() => CloseAsync();

    internal static PreparedStatement Defining(string activity, string definition)
    {
        var statement = TestStatements.Experienced(activity: activity);
        return statement with { Index = statement.Index with { Definitions = [new DefinedActivity(activity, JsonNode.Parse(definition)!.AsObject())] } };
    }

    [Fact] // Data §2.4.4.1: requests of one group merge in order, the newest winning
    public async Task WriteAsync_DefinitionsInOneGroup_MergedInOrder()
    {
        var tenant = Guid.NewGuid();
        var activity = $"http://example.com/activities/{Guid.NewGuid():N}";
        var writer = new StatementBatchWriter(_store);

        await writer.WriteAsync(
            [
                TestStatements.Request(tenant, Defining(activity, """{"name":{"en":"A"}}""")),
                TestStatements.Request(tenant, Defining(activity, """{"name":{"en":"B","fr":"C"}}""")),
            ],
            CancellationToken.None);

        var found = await _reader.FindDefinitionsAsync(tenant, [activity], CancellationToken.None);
        Assert.Equal("""{"name":{"en":"B","fr":"C"}}""", found[activity].ToJsonString());
        Assert.Empty(await _reader.FindDefinitionsAsync(Guid.NewGuid(), [activity], CancellationToken.None));
    }

    [Fact] // Data §2.4.4.1: a definition repeated after another one wins again; only a repeat of the one just merged is skipped
    public async Task WriteAsync_DefinitionRepeatedAfterAnother_WinsAgain()
    {
        var tenant = Guid.NewGuid();
        var activity = $"http://example.com/activities/{Guid.NewGuid():N}";
        const string first = """{"name":{"en":"A"}}""";

        await new StatementBatchWriter(_store).WriteAsync(
            [
                TestStatements.Request(tenant, Defining(activity, first), Defining(activity, first)),
                TestStatements.Request(tenant, Defining(activity, """{"name":{"en":"B"}}""")),
                TestStatements.Request(tenant, Defining(activity, first)),
            ],
            CancellationToken.None);

        var found = await _reader.FindDefinitionsAsync(tenant, [activity], CancellationToken.None);
        Assert.Equal(first, found[activity].ToJsonString());
    }

    [Fact] // Communication §4.2 define: ids are saved even when the definition is not
    public async Task WriteAsync_ActivityWithoutDefinition_RecordedWithoutOne()
    {
        var tenant = Guid.NewGuid();
        var statement = TestStatements.Experienced();
        await new StatementBatchWriter(_store).WriteAsync([TestStatements.Request(tenant, statement)], CancellationToken.None);

        await using var session = await _store.BeginAsync(CancellationToken.None);
        await session.UseTenantAsync(tenant, CancellationToken.None);
        var known = await session.FindActivitiesAsync(tenant, [statement.Index.ObjectActivityId!], CancellationToken.None);
        Assert.Null(Assert.Single(known).Value);
    }

    [Fact] // A definition changed by another writer since it was read is not overwritten: the transaction fails and is retried
    public async Task SaveActivitiesAsync_DefinitionChangedSinceRead_Throws()
    {
        var tenant = Guid.NewGuid();
        var activity = $"http://example.com/activities/{Guid.NewGuid():N}";
        await new StatementBatchWriter(_store).WriteAsync(
            [TestStatements.Request(tenant, Defining(activity, """{"name":{"en":"A"}}"""))], CancellationToken.None);

        await using var session = await _store.BeginAsync(CancellationToken.None);
        await session.UseTenantAsync(tenant, CancellationToken.None);
        await Assert.ThrowsAsync<DBConcurrencyException>(() => session.SaveActivitiesAsync(
            tenant, [new ActivityChange(activity, """{"name":{"en":"stale"}}""", """{"name":{"en":"B"}}""", IsNew: false)], CancellationToken.None));
    }
}

public sealed class PostgresCanonicalActivitiesTests : CanonicalActivitiesTests
{
    private PostgresDatabase _db = null!;

    protected override async Task<(IStatementBatchStore Store, IActivityReader Reader)> OpenAsync()
    {
        _db = await PostgresDatabase.CreateAsync(migrate: true);
        return (new PostgresStatementStore(_db.DataSource), new PostgresActivityStore(_db.DataSource));
    }

    protected override async Task CloseAsync() => await _db.DisposeAsync();

    [Fact] // Data §2.4.4.1 with writers overlapping: every group's definition is merged, none lost and none refused
    public async Task WriteAsync_ConcurrentGroupsDefiningSameNewActivities_EveryDefinitionMerged()
    {
        const int groups = 12;
        var tenant = Guid.NewGuid();
        var activities = Enumerable.Range(0, 3).Select(_ => $"http://example.com/activities/{Guid.NewGuid():N}").ToArray();
        var writer = new StatementBatchWriter(new PostgresStatementStore(_db.DataSource), gate: new WriterGate(groups));

        // Each group defines every activity, still unknown, with a name in a language of its own.
        await Task.WhenAll(Enumerable.Range(0, groups).Select(g => Task.Run(() => writer.WriteAsync(
            [TestStatements.Request(tenant, activities.Select(a => Defining(a, new JsonObject { ["name"] = new JsonObject { [$"l{g}"] = $"{g}" } }.ToJsonString())).ToArray())],
            CancellationToken.None))));

        var found = await new PostgresActivityStore(_db.DataSource).FindDefinitionsAsync(tenant, activities, CancellationToken.None);
        Assert.All(activities, a => Assert.Equal(groups, found[a]["name"]!.AsObject().Count));
    }
}

public sealed class SqliteCanonicalActivitiesTests : CanonicalActivitiesTests
{
    private SqliteDatabase _db = null!;

    protected override async Task<(IStatementBatchStore Store, IActivityReader Reader)> OpenAsync()
    {
        _db = await SqliteDatabase.CreateAsync(migrate: true);
        return (new SqliteStatementStore(_db.Connections), new SqliteActivityStore(_db.Connections));
    }

    protected override Task CloseAsync()
    {
        _db.Dispose();
        return Task.CompletedTask;
    }
}
