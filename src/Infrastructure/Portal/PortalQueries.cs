using Dapper;
using Lrs.Application.Portal;
using Lrs.Infrastructure.Progress;
using Lrs.Infrastructure.Sagas.Completion;

namespace Lrs.Infrastructure.Portal;

/// <summary>
/// The portal's reads of one tenant's ledger, in one transaction per call with <c>lrs.tenant_id</c> set on PostgreSQL.
/// Times are <c>timestamptz</c> on PostgreSQL and Unix milliseconds on SQLite.
/// </summary>
public sealed class PortalQueries(ProgressStore store) : ILedgerStatistics, ILearnerDirectory, IEventStatistics
{
    public async Task<EventCounts> CountAsync(Guid tenantId, CancellationToken ct)
    {
        await using var session = await store.BeginAsync(ct);
        await session.UseTenantAsync(tenantId, ct);
        var p = new
        {
            tenant = session.Dialect.Id(tenantId),
            sagaType = CompletionStateMachine.SagaType,
            flagged = nameof(CompletionStateMachine.Flagged),
        };
        long unsent;
        DateTimeOffset? oldest = null;
        await using (var reader = await session.Connection.ExecuteReaderAsync(new CommandDefinition(
            "SELECT COUNT(*), MIN(created_at) FROM outbox WHERE tenant_id = @tenant AND sent_at IS NULL", p, session.Transaction, cancellationToken: ct)))
        {
            await reader.ReadAsync(ct);
            unsent = Convert.ToInt64(reader.GetValue(0), null);
            if (!reader.IsDBNull(1))
            {
                oldest = session.Dialect.ReadTime(reader, 1);
            }
        }

        var deadLetters = await session.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM dead_letters WHERE tenant_id = @tenant", p, session.Transaction, cancellationToken: ct));
        var flagged = await session.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM saga_instances WHERE tenant_id = @tenant AND saga_type = @sagaType AND current_state = @flagged",
            p, session.Transaction, cancellationToken: ct));
        await session.CommitAsync(ct);
        return new EventCounts(unsent, oldest, deadLetters, flagged);
    }

    public async Task<LedgerCounts> CountAsync(Guid tenantId, DateTimeOffset now, CancellationToken ct)
    {
        await using var session = await store.BeginAsync(ct);
        await session.UseTenantAsync(tenantId, ct);
        var dialect = session.Dialect;
        var minute = session.Postgres ? "floor(extract(epoch FROM stored) / 60)::bigint" : "stored / 60000";
        var hourStart = GetOverviewHandler.Truncate(now).AddMinutes(-59);
        var p = new
        {
            tenant = dialect.Id(tenantId),
            hour = dialect.Time(now.AddHours(-1)),
            minute = dialect.Time(now.AddMinutes(-1)),
            series = dialect.Time(hourStart),
            projection = ProgressProjector.LearnerProjection,
        };

        var totals = await session.Connection.QuerySingleAsync<(long Total, long LastHour, long LastMinute)>(new CommandDefinition(
            """
            SELECT COUNT(*),
                   COALESCE(SUM(CASE WHEN stored >= @hour THEN 1 ELSE 0 END), 0),
                   COALESCE(SUM(CASE WHEN stored >= @minute THEN 1 ELSE 0 END), 0)
            FROM statements WHERE tenant_id = @tenant
            """, p, session.Transaction, cancellationToken: ct));

        var checkpoint = await session.Connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT last_seq FROM projection_checkpoints WHERE projection = @projection", p, session.Transaction, cancellationToken: ct)) ?? 0;
        long unprojected;
        DateTimeOffset? oldest = null;
        await using (var reader = await session.Connection.ExecuteReaderAsync(new CommandDefinition(
            "SELECT COUNT(*), MIN(stored) FROM statements WHERE tenant_id = @tenant AND seq > @checkpoint",
            new { p.tenant, checkpoint }, session.Transaction, cancellationToken: ct)))
        {
            await reader.ReadAsync(ct);
            unprojected = Convert.ToInt64(reader.GetValue(0), null);
            if (!reader.IsDBNull(1))
            {
                oldest = dialect.ReadTime(reader, 1);
            }
        }

        var minutes = (await session.Connection.QueryAsync<(long Minute, long Count)>(new CommandDefinition(
            $"SELECT {minute} AS m, COUNT(*) FROM statements WHERE tenant_id = @tenant AND stored >= @series GROUP BY m ORDER BY m",
            p, session.Transaction, cancellationToken: ct)))
            .Select(r => new MinuteCount(DateTimeOffset.FromUnixTimeSeconds(r.Minute * 60), r.Count)).ToList();
        await session.CommitAsync(ct);
        return new LedgerCounts(totals.Total, totals.LastHour, totals.LastMinute, unprojected, oldest, minutes);
    }

    public async Task<IReadOnlyList<string>> SearchAsync(Guid tenantId, string? search, string? afterKey, int limit, CancellationToken ct)
    {
        await using var session = await store.BeginAsync(ct);
        await session.UseTenantAsync(tenantId, ct);
        var pattern = search is null ? null : "%" + search.ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        // Filters not used leave no parameter behind: PostgreSQL cannot infer the type of an unused null.
        var parameters = new DynamicParameters(new { tenant = session.Dialect.Id(tenantId), limit });
        if (pattern is not null)
        {
            parameters.Add("pattern", pattern);
        }

        if (afterKey is not null)
        {
            parameters.Add("after", afterKey);
        }

        var collate = session.Postgres ? " COLLATE \"C\"" : string.Empty;
        var keys = await session.Connection.QueryAsync<string>(new CommandDefinition(
            $"""
            SELECT DISTINCT agent_key{collate} AS k FROM statement_agents
            WHERE tenant_id = @tenant AND direct
              {(pattern is null ? string.Empty : "AND lower(agent_key) LIKE @pattern ESCAPE '\\'")}
              {(afterKey is null ? string.Empty : $"AND agent_key{collate} > @after")}
            ORDER BY k LIMIT @limit
            """, parameters, session.Transaction, cancellationToken: ct));
        await session.CommitAsync(ct);
        return keys.ToList();
    }
}
