using Npgsql;

namespace Lrs.EndToEnd.Tests.Support;

/// <summary>
/// A fresh database on the server named by <c>LRS_TEST_POSTGRES</c>, dropped afterwards.
/// Without that variable the test fails; it never skips.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private PostgresDatabase(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    private static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("LRS_TEST_POSTGRES")
        ?? throw new InvalidOperationException(
            "LRS_TEST_POSTGRES is not set. Run the tests through build/test.sh, which starts PostgreSQL and sets it.");

    public static async Task<PostgresDatabase> CreateAsync()
    {
        var name = "lrs_e2e_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(ServerConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new PostgresDatabase(new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString);
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        var name = new NpgsqlConnectionStringBuilder(ConnectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
