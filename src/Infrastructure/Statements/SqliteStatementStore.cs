using System.Data.Common;
using Dapper;
using Lrs.Application.Statements;
using Lrs.Application.Statements.Attachments;
using Lrs.Infrastructure.Activities;
using Lrs.Infrastructure.Persistence;

namespace Lrs.Infrastructure.Statements;

/// <summary>The statement ledger on SQLite, for the embedded default. Tenancy is enforced by the queries alone.</summary>
public sealed class SqliteStatementStore(SqliteConnections connections) : IStatementReader, IStatementBatchStore
{
    private static readonly StatementDialect Dialect = StatementDialect.Sqlite;

    public async Task<StoredStatement?> FindAsync(Guid tenantId, Guid id, bool voided, CancellationToken ct)
    {
        var sql = $"""
            SELECT {StatementQuerySql.Columns} FROM statements s
            WHERE s.tenant_id = @tenant AND s.statement_id = @id
              AND {(voided ? "NOT s.is_voiding AND" : "(s.is_voiding OR NOT")} EXISTS (SELECT 1 FROM statement_voids v WHERE v.tenant_id = @tenant AND v.target_id = s.statement_id){(voided ? string.Empty : ")")}
            """;
        await using var connection = await connections.OpenAsync(ct);
        var rows = await ReadAsync(connection, null, sql, new DynamicParameters(new { tenant = Dialect.Id(tenantId), id = Dialect.Id(id) }), ct);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<IReadOnlyList<StoredStatement>> QueryAsync(StatementFilter filter, CancellationToken ct)
    {
        // The tenant's StatementRef flag (migration 0014) and the rows from one snapshot, as on PostgreSQL.
        await using var connection = await connections.OpenAsync(ct);
        await using var tx = await connection.BeginReadAsync(ct);
        var statementRefs = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT has_statement_refs FROM tenants WHERE id = @tenant", new { tenant = Dialect.Id(filter.TenantId) }, tx, cancellationToken: ct));
        var (sql, parameters) = StatementQuerySql.Build(filter, Dialect, statementRefs is null or not 0);
        return await ReadAsync(connection, tx, sql, parameters, ct);
    }

    private static async Task<IReadOnlyList<StoredStatement>> ReadAsync(
        DbConnection connection, DbTransaction? tx, string sql, DynamicParameters parameters, CancellationToken ct)
    {
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, tx, cancellationToken: ct));
        return await PostgresStatementStore.ReadStatementsAsync(reader, Dialect, ct);
    }

    public async Task<StatementBatchSession> BeginAsync(CancellationToken ct)
    {
        var connection = await connections.OpenAsync(ct);
        var tx = await connection.BeginTransactionAsync(ct);
        return new Session(connection, tx);
    }

    private sealed class Session(DbConnection connection, DbTransaction tx) : StatementBatchSession
    {
        public override Task UseTenantAsync(Guid tenantId, CancellationToken ct) => Task.CompletedTask;

        public override async Task<IReadOnlyList<ExistingStatement>> FindExistingAsync(Guid tenantId, IReadOnlyCollection<Guid> ids, CancellationToken ct)
        {
            var found = new List<ExistingStatement>();
            foreach (var chunk in ids.Chunk(500))
            {
                var rows = await connection.QueryAsync<(string, long, string)>(new CommandDefinition(
                    "SELECT statement_id, is_voiding, payload FROM statements WHERE tenant_id = @tenant AND statement_id IN @ids",
                    new { tenant = Dialect.Id(tenantId), ids = chunk.Select(Dialect.Id).ToArray() }, tx, cancellationToken: ct));
                found.AddRange(rows.Select(r => new ExistingStatement(Guid.Parse(r.Item1), r.Item2 != 0, r.Item3)));
            }

            return found;
        }

        public override async Task InsertAsync(Guid tenantId, IReadOnlyList<PreparedStatement> statements, CancellationToken ct)
        {
            var tenant = Dialect.Id(tenantId);
            foreach (var s in statements)
            {
                var id = Dialect.Id(s.Id);
                var stored = Dialect.Time(s.Stored);
                await Execute("INSERT INTO statement_ids (tenant_id, statement_id, stored, is_voiding) VALUES (@tenant, @id, @stored, @voiding)",
                    new { tenant, id, stored, voiding = s.Index.IsVoiding }, ct);
                // The agent links copy the statement's stored time and sequence number, the order an agent's statements are paged in.
                var seq = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    """
                    INSERT INTO statements (tenant_id, stored, statement_id, verb_id, object_activity_id, object_statement_id,
                                            registration, authority_key, is_voiding, payload)
                    VALUES (@tenant, @stored, @id, @verb, @activity, @ref, @registration, @authority, @voiding, @payload)
                    RETURNING seq
                    """,
                    new
                    {
                        tenant, stored, id, verb = s.Index.VerbId, activity = s.Index.ObjectActivityId,
                        @ref = s.Index.ObjectStatementRef is { } r ? Dialect.Id(r) : null,
                        registration = s.Index.Registration is { } g ? Dialect.Id(g) : null,
                        authority = s.AuthorityKey, voiding = s.Index.IsVoiding, payload = s.Json,
                    },
                    tx, cancellationToken: ct));
                foreach (var agent in s.Index.Agents)
                {
                    await Execute(
                        "INSERT INTO statement_agents (tenant_id, statement_id, agent_key, direct, stored, seq) VALUES (@tenant, @id, @key, @direct, @stored, @seq)",
                        new { tenant, id, key = agent.Key, direct = agent.Direct, stored, seq }, ct);
                }

                foreach (var activity in s.Index.Activities)
                {
                    await Execute("INSERT INTO statement_activities (tenant_id, statement_id, activity_id, direct) VALUES (@tenant, @id, @key, @direct)",
                        new { tenant, id, key = activity.Id, direct = activity.Direct }, ct);
                }

                if (s.Index.IsVoiding && s.Index.ObjectStatementRef is { } target)
                {
                    await Execute("INSERT OR IGNORE INTO statement_voids (tenant_id, target_id, voiding_id) VALUES (@tenant, @target, @id)",
                        new { tenant, target = Dialect.Id(target), id }, ct);
                }
            }

            if (statements.Any(s => s.Index.ObjectStatementRef is not null))
            {
                // From now on the tenant's queries include the StatementRef part (migration 0014).
                await Execute("UPDATE tenants SET has_statement_refs = 1 WHERE id = @tenant AND NOT has_statement_refs", new { tenant }, ct);
            }
        }

        private Task Execute(string sql, object parameters, CancellationToken ct) =>
            connection.ExecuteAsync(new CommandDefinition(sql, parameters, tx, cancellationToken: ct));

        public override Task InsertAttachmentsAsync(Guid tenantId, IReadOnlyList<AttachmentPayload> attachments, CancellationToken ct) =>
            SqliteAttachmentStore.InsertAsync(connection, tx, tenantId, attachments, ct);
        public override Task<IReadOnlyDictionary<string, string?>> FindActivitiesAsync(Guid tenantId, IReadOnlyCollection<string> ids, CancellationToken ct) =>
            SqliteActivityStore.FindAsync(connection, tx, tenantId, ids, ct);

        public override Task SaveActivitiesAsync(Guid tenantId, IReadOnlyList<ActivityChange> changes, CancellationToken ct) =>
            SqliteActivityStore.SaveAsync(connection, tx, tenantId, changes, ct);

        public override Task CommitAsync(CancellationToken ct) => tx.CommitAsync(ct);

        public override async ValueTask DisposeAsync()
        {
            await tx.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
