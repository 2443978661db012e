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
public sealed class SqliteConnections : IDbConnectionFactory
{
    private readonly string _connectionString;

    public SqliteConnections(string connectionString)
    {
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

    public async ValueTask<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";
        await pragma.ExecuteNonQueryAsync(ct);
        return connection;
    }
}
