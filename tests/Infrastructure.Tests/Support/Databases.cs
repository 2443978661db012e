using Lrs.Infrastructure.Persistence;

namespace Lrs.Infrastructure.Tests.Support;

/// <summary>A migrated database of either provider, for tests that run the same way on both.</summary>
public static class Databases
{
    public static async Task<Database> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            var postgres = await PostgresDatabase.CreateAsync(migrate: true);
            return new Database(postgres.Connections, postgres.Options, postgres.DisposeAsync);
        }

        var sqlite = await SqliteDatabase.CreateAsync(migrate: true);
        return new Database(sqlite.Connections, new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = sqlite.ConnectionString },
            () => { sqlite.Dispose(); return ValueTask.CompletedTask; });
    }

    public sealed class Database(IDbConnectionFactory connections, DatabaseOptions options, Func<ValueTask> dispose) : IAsyncDisposable
    {
        public IDbConnectionFactory Connections => connections;

        public DatabaseOptions Options => options;

        public ValueTask DisposeAsync() => dispose();
    }
}
