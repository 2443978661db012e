using System.Data;
using System.Data.Common;
using Dapper;
using Lrs.Application.Statements;
using Lrs.Application.Statements.Attachments;
using Lrs.Infrastructure.Activities;
using Npgsql;
using NpgsqlTypes;

namespace Lrs.Infrastructure.Statements;

/// <summary>
/// The statement ledger on PostgreSQL. Every transaction first sets <c>lrs.tenant_id</c>, which the
/// row-level security policies check, so a query can never see another tenant's rows.
/// </summary>
public sealed class PostgresStatementStore(NpgsqlDataSource dataSource) : IStatementReader, IStatementBatchStore
{
    internal const string SetTenant = "SELECT set_config('lrs.tenant_id', @tenant::text, true)";

    public async Task<StoredStatement?> FindAsync(Guid tenantId, Guid id, bool voided, CancellationToken ct)
    {
        var sql = $"""
            SELECT {StatementQuerySql.Columns} FROM statements s
            WHERE s.tenant_id = @tenant AND s.statement_id = @id
              AND s.stored = (SELECT i.stored FROM statement_ids i WHERE i.tenant_id = @tenant AND i.statement_id = @id)
              AND {(voided ? "NOT s.is_voiding AND" : "(s.is_voiding OR NOT")} EXISTS (SELECT 1 FROM statement_voids v WHERE v.tenant_id = @tenant AND v.target_id = s.statement_id){(voided ? string.Empty : ")")}
            """;
        var rows = await ReadAsync(tenantId, _ => (sql, new DynamicParameters(new { tenant = tenantId, id })), ct);
        return rows.Count == 0 ? null : rows[0];
    }

    public Task<IReadOnlyList<StoredStatement>> QueryAsync(StatementFilter filter, CancellationToken ct) =>
        ReadAsync(filter.TenantId, statementRefs => StatementQuerySql.Build(filter, StatementDialect.Postgres, statementRefs), ct);

    /// <summary>
    /// Runs the query <paramref name="build"/> makes, told whether the tenant has StatementRefs (migration 0014), in one
    /// repeatable-read transaction: the flag and the rows come from the same snapshot, so a StatementRef stored between
    /// the two reads cannot be missed. The flag rides on the command that sets the tenant, so it costs no round trip.
    /// </summary>
    private async Task<IReadOnlyList<StoredStatement>> ReadAsync(
        Guid tenantId, Func<bool, (string Sql, DynamicParameters Parameters)> build, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var (_, statementRefs) = await connection.QuerySingleAsync<(string, bool?)>(new CommandDefinition(
            "SELECT set_config('lrs.tenant_id', @tenant::text, true), (SELECT has_statement_refs FROM tenants WHERE id = @tenant)",
            new { tenant = tenantId }, tx, cancellationToken: ct));
        var (sql, parameters) = build(statementRefs ?? true);
        IReadOnlyList<StoredStatement> result;
        await using (var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, tx, cancellationToken: ct)))
        {
            result = await ReadStatementsAsync(reader, StatementDialect.Postgres, ct);
        }

        await tx.CommitAsync(ct);
        return result;
    }

    internal static async Task<IReadOnlyList<StoredStatement>> ReadStatementsAsync(DbDataReader reader, StatementDialect dialect, CancellationToken ct)
    {
        var list = new List<StoredStatement>();
        while (await reader.ReadAsync(ct))
        {
            list.Add(new StoredStatement(
                dialect.ReadId(reader, 0), reader.GetString(1), dialect.ReadTime(reader, 2), reader.GetInt64(3), reader.GetString(4)));
        }

        return list;
    }

    public async Task<StatementBatchSession> BeginAsync(CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        var tx = await connection.BeginTransactionAsync(ct);
        return new Session(connection, tx);
    }

    private sealed class Session(NpgsqlConnection connection, NpgsqlTransaction tx) : StatementBatchSession
    {
        public override Task UseTenantAsync(Guid tenantId, CancellationToken ct) =>
            connection.ExecuteAsync(new CommandDefinition(SetTenant, new { tenant = tenantId }, tx, cancellationToken: ct));

        public override async Task<IReadOnlyList<ExistingStatement>> FindExistingAsync(Guid tenantId, IReadOnlyCollection<Guid> ids, CancellationToken ct)
        {
            const string sql = """
                SELECT s.statement_id, s.is_voiding, s.payload
                FROM statement_ids i JOIN statements s
                  ON s.tenant_id = i.tenant_id AND s.statement_id = i.statement_id AND s.stored = i.stored
                WHERE i.tenant_id = @tenant AND i.statement_id = ANY(@ids)
                """;
            var rows = await connection.QueryAsync<(Guid, bool, string)>(
                new CommandDefinition(sql, new { tenant = tenantId, ids = ids.ToArray() }, tx, cancellationToken: ct));
            return rows.Select(r => new ExistingStatement(r.Item1, r.Item2, r.Item3)).ToList();
        }

        public override async Task InsertAsync(Guid tenantId, IReadOnlyList<PreparedStatement> statements, CancellationToken ct)
        {
            // Row-level security rules out COPY FROM, so rows go in as arrays unnested server-side: one round trip.
            var ids = statements.Select(s => s.Id).ToArray();
            var stored = statements.Select(s => s.Stored.UtcDateTime).ToArray();
            var voiding = statements.Select(s => s.Index.IsVoiding).ToArray();
            var agents = statements.SelectMany(s => s.Index.Agents.Select(a => (s.Id, a.Key, a.Direct))).ToArray();
            var activities = statements.SelectMany(s => s.Index.Activities.Select(a => (s.Id, a.Id, a.Direct))).ToArray();
            var voids = statements.Where(s => s.Index.IsVoiding && s.Index.ObjectStatementRef is not null).ToArray();

            await using var batch = new NpgsqlBatch(connection, tx);
            batch.BatchCommands.Add(Command(
                """
                INSERT INTO statement_ids (tenant_id, statement_id, stored, is_voiding)
                SELECT @tenant, * FROM unnest(@ids, @stored, @voiding)
                """,
                ("tenant", tenantId, NpgsqlDbType.Uuid), ("ids", ids, NpgsqlDbType.Array | NpgsqlDbType.Uuid),
                ("stored", stored, NpgsqlDbType.Array | NpgsqlDbType.TimestampTz), ("voiding", voiding, NpgsqlDbType.Array | NpgsqlDbType.Boolean)));
            // The agent links copy each statement's stored time and sequence number (assigned by the insert), the order
            // an agent's statements are paged in; both rows go in with one statement.
            batch.BatchCommands.Add(Command(
                """
                WITH s AS (
                    INSERT INTO statements (tenant_id, stored, statement_id, verb_id, object_activity_id, object_statement_id,
                                            registration, authority_key, is_voiding, payload)
                    SELECT @tenant, * FROM unnest(@stored, @ids, @verbs, @activities, @refs, @registrations, @authorities, @voiding, @payloads)
                    RETURNING statement_id, stored, seq)
                INSERT INTO statement_agents (tenant_id, statement_id, agent_key, direct, stored, seq)
                SELECT @tenant, a.id, a.key, a.direct, s.stored, s.seq
                FROM unnest(@agentIds, @agentKeys, @agentDirect) AS a (id, key, direct) JOIN s ON s.statement_id = a.id
                """,
                ("tenant", tenantId, NpgsqlDbType.Uuid),
                ("stored", stored, NpgsqlDbType.Array | NpgsqlDbType.TimestampTz),
                ("ids", ids, NpgsqlDbType.Array | NpgsqlDbType.Uuid),
                ("verbs", statements.Select(s => s.Index.VerbId).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text),
                ("activities", statements.Select(s => s.Index.ObjectActivityId).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text),
                ("refs", statements.Select(s => s.Index.ObjectStatementRef).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Uuid),
                ("registrations", statements.Select(s => s.Index.Registration).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Uuid),
                ("authorities", statements.Select(s => s.AuthorityKey).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text),
                ("voiding", voiding, NpgsqlDbType.Array | NpgsqlDbType.Boolean),
                ("payloads", statements.Select(s => s.Json).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text),
                ("agentIds", agents.Select(a => a.Item1).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Uuid),
                ("agentKeys", agents.Select(a => a.Item2).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text),
                ("agentDirect", agents.Select(a => a.Item3).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Boolean)));

            if (activities.Length > 0)
            {
                batch.BatchCommands.Add(Command(
                    "INSERT INTO statement_activities (tenant_id, statement_id, activity_id, direct) SELECT @tenant, * FROM unnest(@ids, @keys, @direct)",
                    ("tenant", tenantId, NpgsqlDbType.Uuid),
                    ("ids", activities.Select(a => a.Item1).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Uuid),
                    ("keys", activities.Select(a => a.Item2).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text),
                    ("direct", activities.Select(a => a.Item3).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Boolean)));
            }

            if (statements.Any(s => s.Index.ObjectStatementRef is not null))
            {
                // From now on the tenant's queries include the StatementRef part (migration 0014).
                batch.BatchCommands.Add(Command(
                    "UPDATE tenants SET has_statement_refs = true WHERE id = @tenant AND NOT has_statement_refs", ("tenant", tenantId, NpgsqlDbType.Uuid)));
            }

            if (voids.Length > 0)
            {
                batch.BatchCommands.Add(Command(
                    """
                    INSERT INTO statement_voids (tenant_id, target_id, voiding_id)
                    SELECT @tenant, * FROM unnest(@targets, @ids) ON CONFLICT DO NOTHING
                    """,
                    ("tenant", tenantId, NpgsqlDbType.Uuid),
                    ("targets", voids.Select(s => s.Index.ObjectStatementRef!.Value).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Uuid),
                    ("ids", voids.Select(s => s.Id).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Uuid)));
            }

            await batch.ExecuteNonQueryAsync(ct);
        }

        public override Task InsertAttachmentsAsync(Guid tenantId, IReadOnlyList<AttachmentPayload> attachments, CancellationToken ct) =>
            PostgresAttachmentStore.InsertAsync(connection, tx, tenantId, attachments, ct);
        public override Task<IReadOnlyDictionary<string, string?>> FindActivitiesAsync(Guid tenantId, IReadOnlyCollection<string> ids, CancellationToken ct) =>
            PostgresActivityStore.FindAsync(connection, tx, tenantId, ids, ct);

        public override Task SaveActivitiesAsync(Guid tenantId, IReadOnlyList<ActivityChange> changes, CancellationToken ct) =>
            PostgresActivityStore.SaveAsync(connection, tx, tenantId, changes, ct);

        public override Task CommitAsync(CancellationToken ct) => tx.CommitAsync(ct);

        public override async ValueTask DisposeAsync()
        {
            await tx.DisposeAsync();
            await connection.DisposeAsync();
        }

        private static NpgsqlBatchCommand Command(string sql, params (string Name, object Value, NpgsqlDbType Type)[] parameters)
        {
            var command = new NpgsqlBatchCommand(sql);
            foreach (var (name, value, type) in parameters)
            {
                command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value });
            }

            return command;
        }
    }
}
