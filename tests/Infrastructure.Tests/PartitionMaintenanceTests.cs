using System.Globalization;
using Dapper;
using Lrs.Infrastructure.Partitions;
using Lrs.Infrastructure.Statements;
using Lrs.Infrastructure.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Lrs.Infrastructure.Tests;

public sealed class PartitionMaintenanceTests : IAsyncLifetime
{
    private PostgresDatabase _db = null!;

    public async Task InitializeAsync() => _db = await PostgresDatabase.CreateAsync(migrate: true);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Migration_Up_CreatesThisAndNextTwoMonthsWithFourHashPartitionsEach()
    {
        await using var connection = await _db.DataSource.OpenConnectionAsync();
        var today = await connection.ExecuteScalarAsync<DateTime>("SELECT (now() AT TIME ZONE 'UTC')::date::timestamp");

        var months = await ChildrenAsync(connection, "statements");

        for (var i = 0; i < 3; i++)
        {
            var name = MonthName(today.AddMonths(i));
            Assert.Contains(name, months);
            await AssertHashPartitionedAsync(connection, name, 4);
        }

        Assert.Contains("statements_default", months);
        Assert.Equal(4, months.Count);
    }

    [Fact]
    public async Task EnsureAsync_FutureDate_CreatesMissingMonthsOnce()
    {
        var future = new DateTimeOffset(DateTime.UtcNow.Year + 2, 5, 15, 12, 0, 0, TimeSpan.Zero);
        var maintenance = new PartitionMaintenance(_db.Connections, _db.Options, new FakeTimeProvider(future), NullLogger<PartitionMaintenance>.Instance);

        var created = await maintenance.EnsureAsync(CancellationToken.None);
        var again = await maintenance.EnsureAsync(CancellationToken.None);

        Assert.Equal(_db.Options.PartitionMonthsAhead, created);
        Assert.Equal(0, again);
        await using var connection = await _db.DataSource.OpenConnectionAsync();
        var months = await ChildrenAsync(connection, "statements");
        for (var i = 0; i < _db.Options.PartitionMonthsAhead; i++)
        {
            var name = MonthName(future.UtcDateTime.AddMonths(i));
            Assert.Contains(name, months);
            await AssertHashPartitionedAsync(connection, name, _db.Options.TenantHashPartitions);
        }

        Assert.DoesNotContain(MonthName(future.UtcDateTime.AddMonths(_db.Options.PartitionMonthsAhead)), months);
    }

    [Fact]
    public async Task EnsureAsync_CurrentDate_CreatesNothingAfterMigration()
    {
        var maintenance = new PartitionMaintenance(_db.Connections, _db.Options, TimeProvider.System, NullLogger<PartitionMaintenance>.Instance);

        Assert.Equal(0, await maintenance.EnsureAsync(CancellationToken.None));
    }

    [Fact]
    public async Task BatchWriter_StatementStoredNow_LandsInMonthPartitionNotDefault()
    {
        var store = new PostgresStatementStore(_db.DataSource);
        var tenant = Guid.NewGuid();
        var statement = TestStatements.Experienced();

        var results = await new StatementBatchWriter(store).WriteAsync([TestStatements.Request(tenant, statement)], CancellationToken.None);

        Assert.Equal(Lrs.Application.Statements.IngestOutcome.Stored, Assert.Single(results.Values).Outcome);
        await using var connection = await _db.DataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("SELECT set_config('lrs.tenant_id', @tenant::text, true)", new { tenant }, tx);
        var partition = await connection.QuerySingleAsync<string>(
            "SELECT tableoid::regclass::text FROM statements WHERE statement_id = @id", new { id = statement.Id }, tx);
        Assert.StartsWith(MonthName(statement.Stored.UtcDateTime) + "_h", partition, StringComparison.Ordinal);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM statements_default", transaction: tx));
    }

    [Fact] // A row that fell into the default partition moves into its month when that month is created.
    public async Task EnsureAsync_RowsInDefaultPartition_MovesThemIntoTheNewMonth()
    {
        var future = new DateTimeOffset(DateTime.UtcNow.Year + 3, 2, 10, 8, 0, 0, TimeSpan.Zero);
        var tenant = Guid.NewGuid();
        var statement = TestStatements.Experienced(stored: future);
        var store = new PostgresStatementStore(_db.DataSource);
        await new StatementBatchWriter(store).WriteAsync([TestStatements.Request(tenant, statement)], CancellationToken.None);

        await using var connection = await _db.DataSource.OpenConnectionAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM statements_default"));

        var maintenance = new PartitionMaintenance(_db.Connections, _db.Options, new FakeTimeProvider(future), NullLogger<PartitionMaintenance>.Instance);
        Assert.Equal(_db.Options.PartitionMonthsAhead, await maintenance.EnsureAsync(CancellationToken.None));

        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM statements_default"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {MonthName(future.UtcDateTime)}"));
        var found = await store.FindAsync(tenant, statement.Id, voided: false, CancellationToken.None);
        Assert.NotNull(found);
    }

    private static string MonthName(DateTime month) =>
        string.Create(CultureInfo.InvariantCulture, $"statements_y{month:yyyy}m{month:MM}");

    private static async Task<List<string>> ChildrenAsync(NpgsqlConnection connection, string parent) =>
        (await connection.QueryAsync<string>(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = @parent::regclass ORDER BY c.relname",
            new { parent })).ToList();

    private static async Task AssertHashPartitionedAsync(NpgsqlConnection connection, string month, int partitions)
    {
        var bounds = (await connection.QueryAsync<string>(
            """
            SELECT pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = @month::regclass ORDER BY c.relname
            """,
            new { month })).ToList();
        var expected = Enumerable.Range(0, partitions).Select(r => $"FOR VALUES WITH (modulus {partitions}, remainder {r})");
        Assert.Equal(expected, bounds);
    }
}
