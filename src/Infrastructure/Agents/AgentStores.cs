using Dapper;
using Lrs.Application.Agents;
using Lrs.Infrastructure.Persistence;
using Lrs.Infrastructure.Statements;
using Npgsql;

namespace Lrs.Infrastructure.Agents;

/// <summary>Actors of stored statements on PostgreSQL (Communication §2.4), confined to one tenant by row-level security.</summary>
public sealed class PostgresAgentStore(NpgsqlDataSource dataSource) : IAgentReader
{
    public async Task<IReadOnlyList<string>> FindNamedActorsAsync(Guid tenantId, string agentKey, string? authorityKey, CancellationToken ct)
    {
        var sql = $"""
            SELECT DISTINCT ((s.payload::jsonb) -> 'actor')::text
            FROM statement_agents g
            JOIN statement_ids i ON i.tenant_id = g.tenant_id AND i.statement_id = g.statement_id
            JOIN statements s ON s.tenant_id = i.tenant_id AND s.statement_id = i.statement_id AND s.stored = i.stored
            WHERE g.tenant_id = @tenant AND g.agent_key = @key AND g.direct
              AND ((s.payload::jsonb) -> 'actor' ->> 'name') IS NOT NULL{(authorityKey is null ? string.Empty : " AND s.authority_key = @authority")}
            LIMIT {AgentStores.MaxActors}
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(PostgresStatementStore.SetTenant, new { tenant = tenantId }, tx);
        var actors = await connection.QueryAsync<string>(new CommandDefinition(
            sql, new { tenant = tenantId, key = agentKey, authority = authorityKey }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return actors.ToList();
    }
}

/// <summary>Actors of stored statements on SQLite (Communication §2.4). Tenancy is enforced by the query alone.</summary>
public sealed class SqliteAgentStore(SqliteConnections connections) : IAgentReader
{
    public async Task<IReadOnlyList<string>> FindNamedActorsAsync(Guid tenantId, string agentKey, string? authorityKey, CancellationToken ct)
    {
        var sql = $"""
            SELECT DISTINCT json_extract(s.payload, '$.actor')
            FROM statement_agents g
            JOIN statements s ON s.tenant_id = g.tenant_id AND s.statement_id = g.statement_id
            WHERE g.tenant_id = @tenant AND g.agent_key = @key AND g.direct
              AND json_extract(s.payload, '$.actor.name') IS NOT NULL{(authorityKey is null ? string.Empty : " AND s.authority_key = @authority")}
            LIMIT {AgentStores.MaxActors}
            """;
        await using var connection = await connections.OpenAsync(ct);
        var actors = await connection.QueryAsync<string>(new CommandDefinition(
            sql, new { tenant = StatementDialect.Sqlite.Id(tenantId), key = agentKey, authority = authorityKey }, cancellationToken: ct));
        return actors.ToList();
    }
}

internal static class AgentStores
{
    /// <summary>At most this many distinct named actors are read for one Person Object.</summary>
    public const int MaxActors = 1000;
}
