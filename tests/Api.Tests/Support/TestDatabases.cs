using Npgsql;

namespace Lrs.Api.Tests.Support;

/// <summary>
/// Real PostgreSQL for tests: <c>LRS_TEST_POSTGRES</c> names a server (build/test.sh starts one); each fixture
/// gets a fresh database of its own. A test that cannot reach the server fails; it never skips.
/// </summary>
public static class TestDatabases
{
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("LRS_TEST_POSTGRES")
        ?? throw new InvalidOperationException(
            "LRS_TEST_POSTGRES is not set. Run the tests through build/test.sh, which starts PostgreSQL and sets it.");

    public static async Task<string> CreatePostgresAsync()
    {
        var name = "lrs_t_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(ServerConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;
    }

    public static async Task DropPostgresAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
