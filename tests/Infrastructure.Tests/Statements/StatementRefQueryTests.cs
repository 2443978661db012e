using System.Data.Common;
using System.Text.Json.Nodes;
using Dapper;
using Lrs.Application.Statements;
using Lrs.Domain.Xapi;
using Lrs.Infrastructure.Statements;
using Lrs.Infrastructure.Tests.Support;

namespace Lrs.Infrastructure.Tests.Statements;

/// <summary>
/// Statement queries of a tenant that has never stored a StatementRef leave the StatementRef part out (migration 0014);
/// storing one turns it on for that tenant. Communication §2.1.3, "Filter Conditions for StatementRefs".
/// </summary>
public abstract class StatementRefQueryTests : IAsyncLifetime
{
    private const string Experienced = "http://adlnet.gov/expapi/verbs/experienced";
    private const string Answered = "http://adlnet.gov/expapi/verbs/answered";
    private const string Course = "http://example.com/courses/one";
    private const string Question = "http://example.com/courses/one/questions/1";
    private static readonly Guid Registration = Guid.NewGuid();
    private static readonly DateTimeOffset Start = TestStatements.Now().AddMinutes(-10);

    private readonly Guid _tenant = Guid.NewGuid();
    private IStatementReader _reader = null!;
    private StatementBatchWriter _writer = null!;
    private PreparedStatement _ann = null!;
    private PreparedStatement _bob = null!;
    private PreparedStatement _carl = null!;

    protected abstract Task<(IStatementBatchStore Store, IStatementReader Reader)> OpenAsync();

    protected abstract ValueTask<DbConnection> ConnectAsync();

    protected abstract Task CloseAsync();

    public async Task InitializeAsync()
    {
        var (store, reader) = await OpenAsync();
        _reader = reader;
        _writer = new StatementBatchWriter(store);
        await RegisterAsync(_tenant);

        // Ann experienced the course in a registration, Bob answered one of its questions, Carl mentored Ann.
        _ann = TestStatements.By("mailto:ann@example.com", Experienced, Activity(Course),
            new JsonObject { ["registration"] = Registration.ToString() }, Start);
        _bob = TestStatements.By("mailto:bob@example.com", Answered, Activity(Question),
            new JsonObject { ["contextActivities"] = new JsonObject { ["parent"] = new JsonArray(Activity(Course)) } }, Start.AddSeconds(1));
        _carl = TestStatements.By("mailto:carl@example.com", "http://example.com/verbs/mentored",
            new JsonObject { ["objectType"] = "Agent", ["mbox"] = "mailto:ann@example.com" }, stored: Start.AddSeconds(2));
        await WriteAsync(_ann, _bob, _carl);
    }

    public Task DisposeAsync() => CloseAsync();

    [Fact]
    public async Task Query_TenantWithoutStatementRefs_MatchesEveryFilterDirectly()
    {
        Assert.False(await HasStatementRefsAsync(_tenant));
        Assert.Equal([_carl.Id, _ann.Id], await IdsAsync(f => f with { AgentKey = Ann }));
        Assert.Equal([_ann.Id], await IdsAsync(f => f with { VerbId = Experienced, ActivityId = Course }));
        Assert.Equal([_ann.Id], await IdsAsync(f => f with { Registration = Registration }));
        Assert.Equal([_ann.Id], await IdsAsync(f => f with { ActivityId = Course }));
        Assert.Equal([_bob.Id, _ann.Id], await IdsAsync(f => f with { ActivityId = Course, RelatedActivities = true }));
        Assert.Equal([_ann.Id, _carl.Id], await IdsAsync(f => f with { AgentKey = Ann, Ascending = true }));
        Assert.Equal([_carl.Id], await IdsAsync(f => f with { AgentKey = Ann, Since = _ann.Stored }));
        var afterCarl = new StatementCursor(_carl.Stored, await SeqAsync(_carl));
        Assert.Equal([_ann.Id], await IdsAsync(f => f with { AgentKey = Ann, After = afterCarl }));
    }

    [Fact]
    public async Task Write_StatementRef_LaterQueriesMatchThroughIt()
    {
        var confirm = TestStatements.By("mailto:dora@example.com", "http://example.com/verbs/confirmed",
            new JsonObject { ["objectType"] = "StatementRef", ["id"] = _ann.Id.ToString() }, stored: Start.AddSeconds(3));

        await WriteAsync(confirm);

        Assert.True(await HasStatementRefsAsync(_tenant));
        Assert.Equal([confirm.Id, _carl.Id, _ann.Id], await IdsAsync(f => f with { AgentKey = Ann }));
        Assert.Equal([confirm.Id, _ann.Id], await IdsAsync(f => f with { Registration = Registration }));
        Assert.Equal([confirm.Id, _ann.Id], await IdsAsync(f => f with { VerbId = Experienced, ActivityId = Course }));
    }

    [Fact]
    public async Task Write_VoidingStatement_TurnsTheStatementRefPartOn()
    {
        // A voiding statement's object is a StatementRef too. Communication §2.1.4: the voided statement is not returned, but
        // the statements targeting it are, "This includes the voiding Statement".
        var voiding = TestStatements.Voiding(_bob.Id);

        await WriteAsync(voiding);

        Assert.True(await HasStatementRefsAsync(_tenant));
        Assert.Equal([voiding.Id, _ann.Id], await IdsAsync(f => f with { ActivityId = Course, RelatedActivities = true }));
    }

    [Fact]
    public async Task Write_StatementRefOfOtherTenant_LeavesThisTenantsQueriesDirect()
    {
        var other = Guid.NewGuid();
        await RegisterAsync(other);

        await _writer.WriteAsync([TestStatements.Request(other, TestStatements.Voiding(Guid.NewGuid()))], CancellationToken.None);

        Assert.True(await HasStatementRefsAsync(other));
        Assert.False(await HasStatementRefsAsync(_tenant));
    }

    private static string Ann => AgentIdentity.Mbox("mailto:ann@example.com").Key;

    private static JsonObject Activity(string id) => new() { ["objectType"] = "Activity", ["id"] = id };

    private async Task WriteAsync(params PreparedStatement[] statements)
    {
        var request = TestStatements.Request(_tenant, statements);
        var results = await _writer.WriteAsync([request], CancellationToken.None);
        Assert.Equal(IngestOutcome.Stored, results[request].Outcome);
    }

    private async Task<List<Guid>> IdsAsync(Func<StatementFilter, StatementFilter> filter)
    {
        var rows = await _reader.QueryAsync(filter(new StatementFilter { TenantId = _tenant, Limit = 100 }), CancellationToken.None);
        return rows.Select(r => r.Id).ToList();
    }

    private async Task<long> SeqAsync(PreparedStatement statement) =>
        (await _reader.FindAsync(_tenant, statement.Id, voided: false, CancellationToken.None))!.Seq;

    private async Task RegisterAsync(Guid tenant)
    {
        await using var connection = await ConnectAsync();
        await TestTenants.InsertAsync(connection, Dialect, tenant);
    }

    private async Task<bool> HasStatementRefsAsync(Guid tenant)
    {
        await using var connection = await ConnectAsync();
        return Convert.ToBoolean(await connection.ExecuteScalarAsync<object>("SELECT has_statement_refs FROM tenants WHERE id = @id", new { id = Dialect.Id(tenant) }),
            System.Globalization.CultureInfo.InvariantCulture);
    }

    protected abstract StatementDialect Dialect { get; }
}

/// <summary>On PostgreSQL.</summary>
public sealed class PostgresStatementRefQueryTests : StatementRefQueryTests
{
    private PostgresDatabase _db = null!;

    protected override async Task<(IStatementBatchStore Store, IStatementReader Reader)> OpenAsync()
    {
        _db = await PostgresDatabase.CreateAsync(migrate: true);
        var store = new PostgresStatementStore(_db.DataSource);
        return (store, store);
    }

    protected override async ValueTask<DbConnection> ConnectAsync() => await _db.DataSource.OpenConnectionAsync();

    protected override StatementDialect Dialect => StatementDialect.Postgres;

    protected override async Task CloseAsync() => await _db.DisposeAsync();
}

/// <summary>On SQLite.</summary>
public sealed class SqliteStatementRefQueryTests : StatementRefQueryTests
{
    private SqliteDatabase _db = null!;

    protected override async Task<(IStatementBatchStore Store, IStatementReader Reader)> OpenAsync()
    {
        _db = await SqliteDatabase.CreateAsync(migrate: true);
        var store = new SqliteStatementStore(_db.Connections);
        return (store, store);
    }

    protected override ValueTask<DbConnection> ConnectAsync() => _db.Connections.OpenAsync();

    protected override StatementDialect Dialect => StatementDialect.Sqlite;

    protected override Task CloseAsync()
    {
        _db.Dispose();
        return Task.CompletedTask;
    }
}
