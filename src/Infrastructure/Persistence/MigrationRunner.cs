using System.Data.Common;
using System.Reflection;
using Dapper;
using Microsoft.Extensions.Logging;

namespace Lrs.Infrastructure.Persistence;

/// <summary>
/// Applies the embedded plain-SQL migrations (<c>NNNN_name.up.sql</c> / <c>.down.sql</c> per provider) in order,
/// each in its own transaction, recording applied versions in <c>schema_migrations</c>.
/// </summary>
public sealed class MigrationRunner(IDbConnectionFactory connections, DatabaseOptions options, ILogger<MigrationRunner> logger)
{
    private const long AdvisoryLockId = 0x4c5253_4d4947; // "LRSMIG"

    public sealed record Migration(string Version, string Name, string Up, string Down);

    public IReadOnlyList<Migration> Available { get; } = Load(options.Provider);

    public async Task<IReadOnlyList<string>> AppliedAsync(CancellationToken ct = default)
    {
        await using var connection = await connections.OpenAsync(ct);
        await EnsureTableAsync(connection);
        return (await connection.QueryAsync<string>("SELECT version FROM schema_migrations ORDER BY version")).ToList();
    }

    /// <summary>Applies every migration not yet applied. Returns how many were applied.</summary>
    public async Task<int> UpAsync(CancellationToken ct = default)
    {
        await using var connection = await connections.OpenAsync(ct);
        await LockAsync(connection);
        try
        {
            await EnsureTableAsync(connection);
            var applied = (await connection.QueryAsync<string>("SELECT version FROM schema_migrations")).ToHashSet();
            var count = 0;
            foreach (var migration in Available.Where(m => !applied.Contains(m.Version)))
            {
                await using var tx = await connection.BeginTransactionAsync(ct);
                await connection.ExecuteAsync(migration.Up, transaction: tx);
                await connection.ExecuteAsync(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @At)",
                    new { migration.Version, migration.Name, At = DateTimeOffset.UtcNow.ToString("O") },
                    tx);
                await tx.CommitAsync(ct);
                logger.LogInformation("Applied migration {Version} {Name}", migration.Version, migration.Name);
                count++;
            }

            return count;
        }
        finally
        {
            await UnlockAsync(connection);
        }
    }

    /// <summary>Reverts applied migrations newer than <paramref name="targetVersion"/> (null: all), newest first.</summary>
    public async Task<int> DownAsync(string? targetVersion = null, CancellationToken ct = default)
    {
        await using var connection = await connections.OpenAsync(ct);
        await LockAsync(connection);
        try
        {
            await EnsureTableAsync(connection);
            var applied = (await connection.QueryAsync<string>("SELECT version FROM schema_migrations")).ToHashSet();
            var count = 0;
            foreach (var migration in Available.Reverse().Where(m => applied.Contains(m.Version)))
            {
                if (targetVersion is not null && string.CompareOrdinal(migration.Version, targetVersion) <= 0)
                {
                    break;
                }

                await using var tx = await connection.BeginTransactionAsync(ct);
                await connection.ExecuteAsync(migration.Down, transaction: tx);
                await connection.ExecuteAsync("DELETE FROM schema_migrations WHERE version = @Version", new { migration.Version }, tx);
                await tx.CommitAsync(ct);
                logger.LogInformation("Reverted migration {Version} {Name}", migration.Version, migration.Name);
                count++;
            }

            return count;
        }
        finally
        {
            await UnlockAsync(connection);
        }
    }

    private static Task EnsureTableAsync(DbConnection connection) => connection.ExecuteAsync(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)");

    private Task LockAsync(DbConnection connection) => options.Provider == DatabaseProvider.Postgres
        ? connection.ExecuteAsync("SELECT pg_advisory_lock(@Id)", new { Id = AdvisoryLockId })
        : Task.CompletedTask;

    private Task UnlockAsync(DbConnection connection) => options.Provider == DatabaseProvider.Postgres
        ? connection.ExecuteAsync("SELECT pg_advisory_unlock(@Id)", new { Id = AdvisoryLockId })
        : Task.CompletedTask;

    private static List<Migration> Load(DatabaseProvider provider)
    {
        var assembly = typeof(MigrationRunner).Assembly;
        var prefix = $"{assembly.GetName().Name}.Persistence.Migrations.{provider}.";
        var scripts = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(n => n[prefix.Length..], n => Read(assembly, n));

        var migrations = new List<Migration>();
        foreach (var up in scripts.Keys.Where(k => k.EndsWith(".up.sql", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var stem = up[..^".up.sql".Length];
            if (!scripts.TryGetValue(stem + ".down.sql", out var down))
            {
                throw new InvalidOperationException($"Migration {stem} has no down script.");
            }

            var underscore = stem.IndexOf('_', StringComparison.Ordinal);
            migrations.Add(new Migration(stem[..underscore], stem[(underscore + 1)..], scripts[up], down));
        }

        return migrations;
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
