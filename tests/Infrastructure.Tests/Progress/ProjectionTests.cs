using System.Data.Common;
using Dapper;
using Lrs.Application.Courses;
using Lrs.Application.Progress;
using Lrs.Application.Statements;
using Lrs.Infrastructure.Courses;
using Lrs.Infrastructure.Persistence;
using Lrs.Infrastructure.Progress;
using Lrs.Infrastructure.Statements;
using Lrs.Infrastructure.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lrs.Infrastructure.Tests.Progress;

/// <summary>
/// What the projection tests share: a fresh migrated database of the subclass's provider per test, the ledger's batch writer,
/// tenants, the projector with reported-result grading, and reads as one tenant.
/// </summary>
public abstract class ProjectionTests : IAsyncLifetime
{
    private PostgresDatabase? _postgres;
    private SqliteDatabase? _sqlite;
    private StatementBatchWriter _writer = null!;

    protected abstract DatabaseProvider Provider { get; }

    /// <summary>The wake-ups shared by the writer and the projectors of the test.</summary>
    protected ChangeSignals Signals { get; } = new();

    protected PostgresDatabase Postgres => _postgres ?? throw new InvalidOperationException("Not a PostgreSQL test.");

    protected IDbConnectionFactory Connections => _postgres is { } db ? db.Connections : _sqlite!.Connections;

    protected ICourseStore Courses => _postgres is { } db ? new PostgresCourseStore(db.DataSource) : new SqliteCourseStore(_sqlite!.Connections);

    protected ProgressStore Store => new(Connections, Provider);

    public async Task InitializeAsync()
    {
        IStatementBatchStore store;
        if (Provider == DatabaseProvider.Postgres)
        {
            _postgres = await PostgresDatabase.CreateAsync(migrate: true);
            store = new PostgresStatementStore(_postgres.DataSource);
        }
        else
        {
            _sqlite = await SqliteDatabase.CreateAsync(migrate: true);
            store = new SqliteStatementStore(_sqlite.Connections);
        }

        _writer = new StatementBatchWriter(store, Signals);
    }

    public async Task DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        _sqlite?.Dispose();
    }

    protected ProgressProjector Projector(int batchSize = 500, int pollMilliseconds = 500) =>
        new(Store, new ReportedResultGradingRules(), new ProgressProjectorOptions { BatchSize = batchSize, PollMilliseconds = pollMilliseconds },
            NullLogger<ProgressProjector>.Instance, signals: Signals);

    /// <summary>A new tenant row, with nothing else.</summary>
    protected async Task<Guid> InsertTenantAsync()
    {
        await using var connection = await Connections.OpenAsync();
        return await TestTenants.InsertAsync(connection, Provider == DatabaseProvider.Postgres ? StatementDialect.Postgres : StatementDialect.Sqlite);
    }

    protected Task WriteAsync(Guid tenant, IEnumerable<PreparedStatement> statements) =>
        _writer.WriteAsync(statements.Select(s => TestStatements.Request(tenant, s)).ToList(), CancellationToken.None);

    /// <summary>A transaction that sees the tenant's rows (PostgreSQL's row-level security needs <c>lrs.tenant_id</c>).</summary>
    protected async Task<DbTransaction> ScopeAsync(DbConnection connection, Guid tenant)
    {
        var tx = await connection.BeginTransactionAsync();
        if (Provider == DatabaseProvider.Postgres)
        {
            await connection.ExecuteAsync("SELECT set_config('lrs.tenant_id', @tenant::text, true)", new { tenant }, tx);
        }

        return tx;
    }

    /// <summary>PostgreSQL: the rows of <paramref name="table"/> a connection sees without a tenant set, and as <paramref name="tenant"/>.</summary>
    protected async Task<(long Unscoped, long Scoped)> CountWithoutAndWithTenantAsync(string table, Guid tenant)
    {
        await using var read = await Postgres.DataSource.OpenConnectionAsync();
        var unscoped = await read.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}");
        await using var tx = await ScopeAsync(read, tenant);
        return (unscoped, await read.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}", transaction: tx));
    }
}
