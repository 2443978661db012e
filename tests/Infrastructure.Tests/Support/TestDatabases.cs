using Lrs.Infrastructure.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Lrs.Infrastructure.Tests.Support;

/// <summary>
/// Real databases for tests: <c>LRS_TEST_POSTGRES</c> names a PostgreSQL server (build/test.sh starts one), and each
/// test gets a fresh database of its own. A test that cannot reach the server fails; it never skips.
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
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;
    }

    public static async Task DropPostgresAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    public static string NewSqliteFile() => Path.Combine(Path.GetTempPath(), $"lrs_t_{Guid.NewGuid():N}.db");

    public static void DeleteSqliteFile(string path)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    public static MigrationRunner Runner(IDbConnectionFactory connections, DatabaseProvider provider, string connectionString) =>
        new(connections, new DatabaseOptions { Provider = provider, ConnectionString = connectionString }, NullLogger<MigrationRunner>.Instance);
}

/// <summary>A fresh PostgreSQL database with its own data source; dropped on dispose.</summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private PostgresDatabase(string connectionString)
    {
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(connectionString);
        Connections = new PostgresConnections(DataSource);
        Options = new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = connectionString };
        Runner = new MigrationRunner(Connections, Options, NullLogger<MigrationRunner>.Instance);
    }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public PostgresConnections Connections { get; }

    public DatabaseOptions Options { get; }

    public MigrationRunner Runner { get; }

    public static async Task<PostgresDatabase> CreateAsync(bool migrate)
    {
        var database = new PostgresDatabase(await TestDatabases.CreatePostgresAsync());
        if (migrate)
        {
            await database.Runner.UpAsync();
        }

        return database;
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await TestDatabases.DropPostgresAsync(ConnectionString);
    }
}

/// <summary>A fresh SQLite database file; deleted on dispose.</summary>
public sealed class SqliteDatabase : IDisposable
{
    private SqliteDatabase(string path)
    {
        Path = path;
        ConnectionString = $"Data Source={path}";
        Connections = new SqliteConnections(ConnectionString);
        Runner = TestDatabases.Runner(Connections, DatabaseProvider.Sqlite, ConnectionString);
    }

    public string Path { get; }

    public string ConnectionString { get; }

    public SqliteConnections Connections { get; }

    public MigrationRunner Runner { get; }

    public static async Task<SqliteDatabase> CreateAsync(bool migrate)
    {
        var database = new SqliteDatabase(TestDatabases.NewSqliteFile());
        if (migrate)
        {
            await database.Runner.UpAsync();
        }

        return database;
    }

    public void Dispose() => TestDatabases.DeleteSqliteFile(Path);
}

/// <summary>For migration tests: a fresh database of each kind with no migration applied, its runner and its connections.</summary>
public static class UnmigratedDatabase
{
    public static async Task OnPostgresAsync(Func<MigrationRunner, Func<ValueTask<System.Data.Common.DbConnection>>, Task> test)
    {
        await using var db = await PostgresDatabase.CreateAsync(migrate: false);
        await test(db.Runner, () => db.Connections.OpenAsync());
    }

    public static async Task OnSqliteAsync(Func<MigrationRunner, Func<ValueTask<System.Data.Common.DbConnection>>, Task> test)
    {
        using var db = await SqliteDatabase.CreateAsync(migrate: false);
        await test(db.Runner, () => db.Connections.OpenAsync());
    }
}
