using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Lrs.Infrastructure.Persistence;

public sealed class PostgresConnections(NpgsqlDataSource dataSource) : IDbConnectionFactory
{
    public NpgsqlDataSource DataSource => dataSource;

    public async ValueTask<DbConnection> OpenAsync(CancellationToken ct = default) => await dataSource.OpenConnectionAsync(ct);
}

/// <summary>
/// SQLite connections in WAL mode with <c>synchronous=FULL</c>, so a committed transaction survives a crash
/// or power loss, and a busy timeout so readers and the single writer wait rather than fail.
/// </summary>
/// <remarks>
/// SQLite has one writer at a time, and a connection waiting for the write lock polls for it (sleeping up to 100 ms
/// between tries), so with the ingest writer, the projector, the relay and the workers all beginning transactions, a
/// waiter could lose the race for seconds. The connections of one factory therefore take turns through a gate
/// first: a transaction that may write (<c>BEGIN IMMEDIATE</c>, Microsoft.Data.Sqlite's default) waits for the gate in
/// arrival order and holds it until it commits or rolls back. Deferred (read-only) transactions and single statements
/// outside a transaction do not take it.
/// </remarks>
public sealed class SqliteConnections : IDbConnectionFactory
{
    private readonly string _connectionString;
    private readonly WriteGate _gate;

    public SqliteConnections(string connectionString, TimeSpan? writeTimeout = null)
    {
        _gate = new WriteGate(writeTimeout ?? TimeSpan.FromSeconds(30));
        var builder = new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = 30 };
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }

        _connectionString = builder.ToString();
    }

    /// <summary>The gate this database's write transactions take turns through.</summary>
    public WriteGate Gate => _gate;

    public async ValueTask<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        var connection = new GatedSqliteConnection(_connectionString, _gate);
        await connection.OpenAsync(ct);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";
        await pragma.ExecuteNonQueryAsync(ct);
        return connection;
    }
}
