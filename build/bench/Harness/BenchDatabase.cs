using System.Diagnostics;
using System.Globalization;
using Lrs.Application.Statements;
using Npgsql;
using NpgsqlTypes;

namespace Lrs.Bench;

/// <summary>
/// A database of its own for one run, on the server named by <c>LRS_TEST_POSTGRES</c>, dropped afterwards. Holds the
/// raw COPY baseline (plain copies of the statement tables, same columns and indexes, no row-level security) and
/// loads the large query store through COPY.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private static readonly string[] Tables = ["statements", "statement_ids", "statement_agents", "statement_activities"];
    private readonly string _server;

    private BenchDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 20 }.ConnectionString;
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public string Name { get; }

    /// <summary>Leave the database in place when the run ends, to inspect the loaded store afterwards.</summary>
    public bool Keep { get; set; }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public static async Task<BenchDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable("LRS_TEST_POSTGRES")
            ?? throw new InvalidOperationException("Set LRS_TEST_POSTGRES: eval \"$(build/services.sh env)\".");
        var name = "lrs_bench_" + Guid.NewGuid().ToString("N")[..8];
        await AdminAsync(server, $"CREATE DATABASE {name}");
        return new BenchDatabase(server, name);
    }

    public async Task ExecAsync(string sql, Guid? tenant = null)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await SetTenantAsync(connection, tx, tenant);
        await using var command = new NpgsqlCommand(sql, connection, tx) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
        await tx.CommitAsync();
    }

    /// <summary>
    /// VACUUM (ANALYZE) of the whole database, outside a transaction: sets the hint bits and visibility map of freshly
    /// copied rows and gathers statistics, as autovacuum would in a store that grew over months.
    /// </summary>
    public async Task VacuumAsync()
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("VACUUM (ANALYZE)", connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    public async Task<string> ScalarAsync(string sql, Guid? tenant = null)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await SetTenantAsync(connection, tx, tenant);
        await using var command = new NpgsqlCommand(sql, connection, tx) { CommandTimeout = 0 };
        var value = Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture)!;
        await tx.CommitAsync();
        return value;
    }

    public async Task<List<string>> LinesAsync(string sql, Guid? tenant)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await SetTenantAsync(connection, tx, tenant);
        await using var command = new NpgsqlCommand(sql, connection, tx) { CommandTimeout = 0 };
        var lines = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }
        }

        await tx.CommitAsync();
        return lines;
    }

    public async Task<long> CountStatementsAsync(Guid tenant) =>
        long.Parse(await ScalarAsync("SELECT count(*) FROM statement_ids", tenant), CultureInfo.InvariantCulture);

    /// <summary>Plain tables shaped like the statement tables, for the COPY baseline.</summary>
    public async Task CreateBaselineTablesAsync()
    {
        foreach (var table in Tables)
        {
            await ExecAsync($"CREATE TABLE copy_{table} (LIKE {table} INCLUDING DEFAULTS INCLUDING INDEXES)");
        }
    }

    /// <summary>
    /// The baseline: raw binary COPY of <paramref name="rows"/> into the plain copies of the four statement tables in
    /// one transaction, emptied first. Returns statements per second.
    /// </summary>
    public async Task<double> CopyBaselineAsync(Guid tenant, IReadOnlyList<PreparedStatement> rows)
    {
        await ExecAsync("TRUNCATE " + string.Join(", ", Tables.Select(t => "copy_" + t)));
        await using var connection = await DataSource.OpenConnectionAsync();
        var sw = Stopwatch.StartNew();
        await using var tx = await connection.BeginTransactionAsync();
        await CopyAsync(connection, "copy_", tenant, rows);
        await tx.CommitAsync();
        return rows.Count / sw.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Loads rows into the real, row-level-secured tables: binary COPY into temporary staging tables (COPY is refused
    /// on tables with row-level security), then one INSERT … SELECT per table under the tenant's setting.
    /// </summary>
    public async Task LoadAsync(Guid tenant, IReadOnlyList<PreparedStatement> rows)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await SetTenantAsync(connection, tx, tenant);
        await Run(connection, tx, "SET LOCAL synchronous_commit = off");
        foreach (var table in Tables)
        {
            await Run(connection, tx, $"CREATE TEMP TABLE IF NOT EXISTS stage_{table} (LIKE {table} INCLUDING DEFAULTS) ON COMMIT DELETE ROWS");
        }

        await CopyAsync(connection, "stage_", tenant, rows);
        await Run(connection, tx, """
            INSERT INTO statement_ids SELECT * FROM stage_statement_ids;
            INSERT INTO statements SELECT * FROM stage_statements;
            INSERT INTO statement_agents SELECT * FROM stage_statement_agents;
            INSERT INTO statement_activities SELECT * FROM stage_statement_activities;
            INSERT INTO activities (tenant_id, activity_id)
            SELECT DISTINCT tenant_id, activity_id FROM stage_statement_activities ON CONFLICT DO NOTHING;
            """);
        await tx.CommitAsync();
    }

    /// <summary>
    /// Drops the indexes of the statement tables (except the id table's primary key) for a bulk load and returns their
    /// definitions, read from the catalogue so they are exactly what the migrations created.
    /// </summary>
    public async Task<List<string>> DropIndexesAsync()
    {
        const string indexes = """
            FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
            WHERE t.relname IN ('statements', 'statement_agents', 'statement_activities') AND NOT i.indisprimary
            """;
        var definitions = await LinesAsync("SELECT replace(pg_get_indexdef(i.indexrelid), ' ON ONLY ', ' ON ') " + indexes, null);
        foreach (var name in await LinesAsync("SELECT c.relname::text " + indexes, null))
        {
            await ExecAsync($"DROP INDEX {name}");
        }

        return definitions;
    }

    public async Task CreateIndexesAsync(IEnumerable<string> definitions)
    {
        foreach (var definition in definitions)
        {
            await ExecAsync("SET maintenance_work_mem = '256MB'; " + definition);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        if (Keep)
        {
            Console.WriteLine($"Kept database {Name} on the server of LRS_TEST_POSTGRES; drop it when done (DROP DATABASE {Name}).");
            return;
        }

        await AdminAsync(_server, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    private static async Task CopyAsync(NpgsqlConnection connection, string prefix, Guid tenant, IReadOnlyList<PreparedStatement> rows)
    {
        // Sequence numbers are taken as one block up front, because statement_agents copies each statement's (ADR 0012).
        long firstSeq;
        await using (var reserve = new NpgsqlCommand("SELECT setval('statement_seq', nextval('statement_seq') + @n - 1) - @n + 1", connection))
        {
            reserve.Parameters.AddWithValue("n", (long)rows.Count);
            firstSeq = (long)(await reserve.ExecuteScalarAsync())!;
        }

        await using (var ids = await connection.BeginBinaryImportAsync(
            $"COPY {prefix}statement_ids (tenant_id, statement_id, stored, is_voiding) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var s in rows)
            {
                await ids.StartRowAsync();
                await ids.WriteAsync(tenant, NpgsqlDbType.Uuid);
                await ids.WriteAsync(s.Id, NpgsqlDbType.Uuid);
                await ids.WriteAsync(s.Stored.UtcDateTime, NpgsqlDbType.TimestampTz);
                await ids.WriteAsync(s.Index.IsVoiding, NpgsqlDbType.Boolean);
            }

            await ids.CompleteAsync();
        }

        await using (var statements = await connection.BeginBinaryImportAsync(
            $"""
             COPY {prefix}statements (tenant_id, stored, seq, statement_id, verb_id, object_activity_id, object_statement_id,
                                      registration, authority_key, is_voiding, payload) FROM STDIN (FORMAT BINARY)
             """))
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var s = rows[i];
                await statements.StartRowAsync();
                await statements.WriteAsync(tenant, NpgsqlDbType.Uuid);
                await statements.WriteAsync(s.Stored.UtcDateTime, NpgsqlDbType.TimestampTz);
                await statements.WriteAsync(firstSeq + i, NpgsqlDbType.Bigint);
                await statements.WriteAsync(s.Id, NpgsqlDbType.Uuid);
                await statements.WriteAsync(s.Index.VerbId, NpgsqlDbType.Text);
                await WriteNullableAsync(statements, s.Index.ObjectActivityId, NpgsqlDbType.Text);
                await WriteNullableAsync(statements, s.Index.ObjectStatementRef, NpgsqlDbType.Uuid);
                await WriteNullableAsync(statements, s.Index.Registration, NpgsqlDbType.Uuid);
                await statements.WriteAsync(s.AuthorityKey, NpgsqlDbType.Text);
                await statements.WriteAsync(s.Index.IsVoiding, NpgsqlDbType.Boolean);
                await statements.WriteAsync(s.Json, NpgsqlDbType.Text);
            }

            await statements.CompleteAsync();
        }

        await CopyLinksAsync(connection, $"{prefix}statement_agents (tenant_id, statement_id, agent_key, direct, stored, seq)", tenant,
            rows.SelectMany((s, i) => s.Index.Agents.Select(a => (s.Id, a.Key, a.Direct, (DateTime?)s.Stored.UtcDateTime, firstSeq + i))));
        await CopyLinksAsync(connection, $"{prefix}statement_activities (tenant_id, statement_id, activity_id, direct)", tenant,
            rows.SelectMany(s => s.Index.Activities.Select(a => (s.Id, a.Id, a.Direct, (DateTime?)null, 0L))));
    }

    /// <summary>Link rows; <c>Stored</c> and <c>Seq</c> are written only for the table that carries them (statement_agents).</summary>
    private static async Task CopyLinksAsync(
        NpgsqlConnection connection, string target, Guid tenant, IEnumerable<(Guid Id, string Key, bool Direct, DateTime? Stored, long Seq)> links)
    {
        await using var writer = await connection.BeginBinaryImportAsync($"COPY {target} FROM STDIN (FORMAT BINARY)");
        foreach (var (id, key, direct, stored, seq) in links)
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(tenant, NpgsqlDbType.Uuid);
            await writer.WriteAsync(id, NpgsqlDbType.Uuid);
            await writer.WriteAsync(key, NpgsqlDbType.Text);
            await writer.WriteAsync(direct, NpgsqlDbType.Boolean);
            if (stored is { } time)
            {
                await writer.WriteAsync(time, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(seq, NpgsqlDbType.Bigint);
            }
        }

        await writer.CompleteAsync();
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            await writer.WriteNullAsync();
        }
        else
        {
            await writer.WriteAsync(value, type);
        }
    }

    private static async Task SetTenantAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid? tenant)
    {
        if (tenant is { } id)
        {
            await Run(connection, tx, $"SELECT set_config('lrs.tenant_id', '{id}', true)");
        }
    }

    private static async Task Run(NpgsqlConnection connection, NpgsqlTransaction tx, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    private static async Task AdminAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
