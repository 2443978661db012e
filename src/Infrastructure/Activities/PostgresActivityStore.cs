using System.Data;
using System.Text.Json.Nodes;
using Dapper;
using Lrs.Application.Activities;
using Lrs.Infrastructure.Statements;
using Npgsql;
using NpgsqlTypes;

namespace Lrs.Infrastructure.Activities;

/// <summary>Canonical activities on PostgreSQL, confined to one tenant by row-level security like the statements.</summary>
public sealed class PostgresActivityStore(NpgsqlDataSource dataSource) : IActivityReader
{
    public async Task<IReadOnlyDictionary<string, JsonObject>> FindDefinitionsAsync(Guid tenantId, IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(PostgresStatementStore.SetTenant, new { tenant = tenantId }, tx);
        var rows = await FindAsync(connection, tx, tenantId, ids, ct);
        await tx.CommitAsync(ct);
        return rows.Where(r => r.Value is not null).ToDictionary(r => r.Key, r => JsonNode.Parse(r.Value!)!.AsObject(), StringComparer.Ordinal);
    }

    /// <summary>The known activities among <paramref name="ids"/> and their definitions (null while undefined).</summary>
    internal static async Task<IReadOnlyDictionary<string, string?>> FindAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, Guid tenantId, IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<(string Id, string? Definition)>(new CommandDefinition(
            "SELECT activity_id, definition FROM activities WHERE tenant_id = @tenant AND activity_id = ANY(@ids)",
            new { tenant = tenantId, ids = ids.ToArray() }, tx, cancellationToken: ct));
        return rows.ToDictionary(r => r.Id, r => r.Definition, StringComparer.Ordinal);
    }

    /// <summary>
    /// Records the changes in one round trip. A definition is only replaced if it is still the one read; when another
    /// writer changed or created it meanwhile this throws, the transaction rolls back and the ingest writer retries.
    /// </summary>
    internal static async Task SaveAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, Guid tenantId, IReadOnlyList<ActivityChange> changes, CancellationToken ct)
    {
        var bare = changes.Where(c => c.IsNew && c.After is null).Select(c => c.Id).ToArray();
        var defined = changes.Where(c => c.IsNew && c.After is not null).ToArray();
        var updated = changes.Where(c => !c.IsNew).ToArray();
        await using var batch = new NpgsqlBatch(connection, tx);
        if (bare.Length > 0)
        {
            batch.BatchCommands.Add(Command(
                "INSERT INTO activities (tenant_id, activity_id) SELECT @tenant, unnest(@ids) ON CONFLICT DO NOTHING",
                tenantId, ("ids", bare)));
        }

        if (defined.Length > 0)
        {
            batch.BatchCommands.Add(Command(
                "INSERT INTO activities (tenant_id, activity_id, definition) SELECT @tenant, * FROM unnest(@ids, @definitions)",
                tenantId, ("ids", defined.Select(c => c.Id).ToArray()), ("definitions", defined.Select(c => c.After).ToArray())));
        }

        NpgsqlBatchCommand? update = null;
        if (updated.Length > 0)
        {
            update = Command(
                """
                UPDATE activities a SET definition = u.after
                FROM unnest(@ids, @befores, @afters) AS u(id, before, after)
                WHERE a.tenant_id = @tenant AND a.activity_id = u.id AND a.definition IS NOT DISTINCT FROM u.before
                """,
                tenantId, ("ids", updated.Select(c => c.Id).ToArray()), ("befores", updated.Select(c => c.Before).ToArray()),
                ("afters", updated.Select(c => c.After).ToArray()));
            batch.BatchCommands.Add(update);
        }

        await batch.ExecuteNonQueryAsync(ct);
        if (update is not null && update.RecordsAffected != updated.Length)
        {
            throw new DBConcurrencyException("A canonical activity definition changed while it was being merged.");
        }
    }

    private static NpgsqlBatchCommand Command(string sql, Guid tenantId, params (string Name, string?[] Values)[] arrays)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter("tenant", NpgsqlDbType.Uuid) { Value = tenantId });
        foreach (var (name, values) in arrays)
        {
            command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values });
        }

        return command;
    }
}
