using System.Data;
using System.Data.Common;
using System.Text.Json.Nodes;
using Dapper;
using Lrs.Application.Activities;
using Lrs.Infrastructure.Persistence;
using Lrs.Infrastructure.Statements;

namespace Lrs.Infrastructure.Activities;

/// <summary>Canonical activities on SQLite. Tenancy is enforced by the queries alone.</summary>
public sealed class SqliteActivityStore(SqliteConnections connections) : IActivityReader
{
    private static readonly StatementDialect Dialect = StatementDialect.Sqlite;

    public async Task<IReadOnlyDictionary<string, JsonObject>> FindDefinitionsAsync(Guid tenantId, IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var rows = await FindAsync(connection, null, tenantId, ids, ct);
        return rows.Where(r => r.Value is not null).ToDictionary(r => r.Key, r => JsonNode.Parse(r.Value!)!.AsObject(), StringComparer.Ordinal);
    }

    /// <summary>The known activities among <paramref name="ids"/> and their definitions (null while undefined).</summary>
    internal static async Task<IReadOnlyDictionary<string, string?>> FindAsync(
        DbConnection connection, DbTransaction? tx, Guid tenantId, IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var found = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(500))
        {
            var rows = await connection.QueryAsync<(string Id, string? Definition)>(new CommandDefinition(
                "SELECT activity_id, definition FROM activities WHERE tenant_id = @tenant AND activity_id IN @ids",
                new { tenant = Dialect.Id(tenantId), ids = chunk }, tx, cancellationToken: ct));
            foreach (var (id, definition) in rows)
            {
                found[id] = definition;
            }
        }

        return found;
    }

    /// <summary>Records the changes; a definition is only replaced if it is still the one read, otherwise this throws.</summary>
    internal static async Task SaveAsync(DbConnection connection, DbTransaction tx, Guid tenantId, IReadOnlyList<ActivityChange> changes, CancellationToken ct)
    {
        var tenant = Dialect.Id(tenantId);
        foreach (var change in changes)
        {
            var sql = change switch
            {
                { IsNew: true, After: null } => "INSERT OR IGNORE INTO activities (tenant_id, activity_id) VALUES (@tenant, @id)",
                { IsNew: true } => "INSERT INTO activities (tenant_id, activity_id, definition) VALUES (@tenant, @id, @after)",
                _ => "UPDATE activities SET definition = @after WHERE tenant_id = @tenant AND activity_id = @id AND definition IS @before",
            };
            var affected = await connection.ExecuteAsync(new CommandDefinition(
                sql, new { tenant, id = change.Id, before = change.Before, after = change.After }, tx, cancellationToken: ct));
            if (!change.IsNew && affected != 1)
            {
                throw new DBConcurrencyException($"The canonical definition of '{change.Id}' changed while it was being merged.");
            }
        }
    }
}
