namespace Lrs.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Configuration section <c>Lrs:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>ADO.NET connection string; for SQLite the default is a file under <c>./data/</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Hash partitions per monthly statement partition (PostgreSQL).</summary>
    public int TenantHashPartitions { get; set; } = 4;

    /// <summary>Months of statement partitions kept created ahead (PostgreSQL).</summary>
    public int PartitionMonthsAhead { get; set; } = 3;

    public string EffectiveConnectionString => ConnectionString ?? Provider switch
    {
        DatabaseProvider.Sqlite => "Data Source=data/lrs.db",
        _ => throw new InvalidOperationException(
            "Lrs:Database:ConnectionString is required for PostgreSQL (e.g. Lrs__Database__ConnectionString=\"Host=127.0.0.1;Username=lrs;Password=...;Database=lrs\")."),
    };

    /// <summary>
    /// The PostgreSQL connection string the host uses: <see cref="EffectiveConnectionString"/> with automatic preparation of
    /// repeated commands (<c>Max Auto Prepare=64</c>, from the second use) unless the string sets it. The statement queries
    /// span every partition of the ledger, so planning them costs more than running them; a prepared statement is planned
    /// once per connection (docs/performance.md).
    /// </summary>
    public string PostgresConnectionString
    {
        get
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(EffectiveConnectionString);
            // Npgsql's builder knows every keyword; the plain one holds only those the string names.
            var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = EffectiveConnectionString };
            if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
            {
                builder.MaxAutoPrepare = 64;
                builder.AutoPrepareMinUsages = 2;
            }

            return builder.ConnectionString;
        }
    }
}
