using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using Dapper;
using Lrs.Infrastructure.Persistence;
using Lrs.Infrastructure.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Lrs.Infrastructure.Tests.Persistence;

/// <summary>SQLite write transactions take turns through the factory's gate: in arrival order, from BEGIN to COMMIT or ROLLBACK.</summary>
public sealed class SqliteWriteGateTests : IAsyncLifetime
{
    private SqliteDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await SqliteDatabase.CreateAsync(migrate: false);
        await using var connection = await _db.Connections.OpenAsync();
        await connection.ExecuteAsync("CREATE TABLE t (n integer NOT NULL)");
    }

    public Task DisposeAsync()
    {
        _db.Dispose();
        return Task.CompletedTask;
    }

    private WriteGate Gate => _db.Connections.Gate;

    [Fact]
    public async Task WriteTransactions_WaitingForTheGate_BeginInArrivalOrder()
    {
        await using var holder = await _db.Connections.OpenAsync();
        var held = await holder.BeginTransactionAsync();
        var order = new ConcurrentQueue<int>();
        var writers = new List<Task>();
        for (var i = 0; i < 6; i++)
        {
            var n = i;
            writers.Add(Task.Run(async () =>
            {
                await using var connection = await _db.Connections.OpenAsync();
                await using var tx = await connection.BeginTransactionAsync();
                order.Enqueue(n);
                await connection.ExecuteAsync("INSERT INTO t (n) VALUES (@n)", new { n }, tx);
                await tx.CommitAsync();
            }));
            await UntilAsync(() => Gate.Waiting == n + 1); // queued before the next one arrives
        }

        Assert.Empty(order);
        await held.CommitAsync();
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([0, 1, 2, 3, 4, 5], order);
        Assert.Equal(6, await holder.ExecuteScalarAsync<long>("SELECT count(*) FROM t"));
    }

    [Theory] // the gate opens when the transaction ends, not when its connection closes
    [InlineData("commit")]
    [InlineData("rollback")]
    [InlineData("dispose")]
    public async Task WriteTransaction_Ends_NextWriterBeginsWhileTheFirstConnectionStaysOpen(string end)
    {
        await using var first = await _db.Connections.OpenAsync();
        var tx = await first.BeginTransactionAsync();
        await first.ExecuteAsync("INSERT INTO t (n) VALUES (1)", transaction: tx);
        var second = BeginOnNewConnectionAsync();
        await UntilAsync(() => Gate.Waiting == 1);
        Assert.False(second.IsCompleted);

        await (end switch
        {
            "commit" => tx.CommitAsync(),
            "rollback" => tx.RollbackAsync(),
            _ => tx.DisposeAsync().AsTask(),
        });

        var (connection, next) = await second.WaitAsync(TimeSpan.FromSeconds(10));
        await next.CommitAsync();
        await connection.DisposeAsync();
        Assert.Equal(end == "commit" ? 1 : 0, await first.ExecuteScalarAsync<long>("SELECT count(*) FROM t"));
    }

    [Fact] // a connection closed in the middle of a transaction rolls it back and opens the gate
    public async Task WriteTransaction_ConnectionClosed_GateOpens()
    {
        var first = await _db.Connections.OpenAsync();
        _ = await first.BeginTransactionAsync();
        var second = BeginOnNewConnectionAsync();
        await UntilAsync(() => Gate.Waiting == 1);

        await first.DisposeAsync();

        var (connection, next) = await second.WaitAsync(TimeSpan.FromSeconds(10));
        await next.RollbackAsync();
        await connection.DisposeAsync();
    }

    [Fact]
    public async Task SameConnection_TransactionAfterTransaction_EachTakesTheGateAgain()
    {
        await using var connection = await _db.Connections.OpenAsync();
        for (var i = 0; i < 3; i++)
        {
            await using var tx = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync("INSERT INTO t (n) VALUES (@i)", new { i }, tx);
            await tx.CommitAsync();
        }

        // Had the gate stayed taken, this would wait for it and time out.
        var (other, next) = await BeginOnNewConnectionAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await next.CommitAsync();
        await other.DisposeAsync();
        Assert.Equal(3, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM t"));
    }

    [Fact] // deferred (read) transactions and statements outside a transaction do not wait for a writer
    public async Task Readers_WhileAWriterHoldsTheGate_DoNotWait()
    {
        await using var writer = await _db.Connections.OpenAsync();
        await using var held = await writer.BeginTransactionAsync();
        await writer.ExecuteAsync("INSERT INTO t (n) VALUES (1)", transaction: held);

        await using var reader = (SqliteConnection)await _db.Connections.OpenAsync();
        await using (var read = reader.BeginTransaction(deferred: true))
        {
            Assert.Equal(0, await reader.ExecuteScalarAsync<long>("SELECT count(*) FROM t", transaction: read));
        }

        await using (var read = await reader.BeginTransactionAsync(IsolationLevel.ReadUncommitted))
        {
            Assert.Equal(0, await reader.ExecuteScalarAsync<long>("SELECT count(*) FROM t", transaction: read));
        }

        await using (var read = await reader.BeginReadAsync(CancellationToken.None))
        {
            Assert.Equal(0, await reader.ExecuteScalarAsync<long>("SELECT count(*) FROM t", transaction: read));
        }

        Assert.Equal(0, await reader.ExecuteScalarAsync<long>("SELECT count(*) FROM t"));
        Assert.Equal(0, Gate.Waiting);
        await held.CommitAsync();
    }

    [Fact]
    public async Task Writer_GateHeldPastTheTimeout_FailsSayingNothingWasWritten()
    {
        var path = TestDatabases.NewSqliteFile();
        try
        {
            var connections = new SqliteConnections($"Data Source={path}", TimeSpan.FromMilliseconds(200));
            await using var first = await connections.OpenAsync();
            await using var held = await first.BeginTransactionAsync();
            await using var second = await connections.OpenAsync();

            var e = await Assert.ThrowsAsync<TimeoutException>(async () => await second.BeginTransactionAsync());
            Assert.Contains("nothing was written", e.Message, StringComparison.Ordinal);
            Assert.Throws<TimeoutException>(() => ((SqliteConnection)second).BeginTransaction());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TestDatabases.DeleteSqliteFile(path);
        }
    }

    private async Task<(DbConnection Connection, DbTransaction Transaction)> BeginOnNewConnectionAsync()
    {
        var connection = await _db.Connections.OpenAsync();
        return (connection, await connection.BeginTransactionAsync());
    }

    private static async Task UntilAsync(Func<bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for the writers to queue.");
            await Task.Delay(10);
        }
    }
}
