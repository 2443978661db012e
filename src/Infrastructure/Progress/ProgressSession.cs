using System.Data;
using System.Data.Common;
using Dapper;
using Lrs.Application.Progress;
using Lrs.Domain.Progress;
using Lrs.Infrastructure.Statements;

namespace Lrs.Infrastructure.Progress;

/// <summary>A course or learning path whose definition changed since the projector last recomputed its learners.</summary>
public sealed record DirtyDefinition(string Kind, string TargetId, long Generation);

/// <summary>One transaction of the progress store: reads of the ledger and replacement of read-model rows.</summary>
public sealed class ProgressSession(DbConnection connection, DbTransaction tx, bool postgres, StatementDialect dialect) : IAsyncDisposable
{
    internal DbConnection Connection => connection;

    internal DbTransaction Transaction => tx;

    internal StatementDialect Dialect => dialect;

    internal bool Postgres => postgres;

    public Task UseTenantAsync(Guid tenantId, CancellationToken ct) => postgres
        ? Execute(PostgresStatementStore.SetTenant, new { tenant = tenantId }, ct)
        : Task.CompletedTask;

    /// <summary>The projection's checkpoint, locked until commit so that projectors in several processes take turns.</summary>
    public async Task<long> LockCheckpointAsync(string projection, CancellationToken ct)
    {
        var now = dialect.Time(DateTimeOffset.UtcNow);
        await Execute("INSERT INTO projection_checkpoints (projection, last_seq, updated_at) VALUES (@projection, 0, @now) ON CONFLICT (projection) DO NOTHING",
            new { projection, now }, ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT last_seq FROM projection_checkpoints WHERE projection = @projection{(postgres ? " FOR UPDATE" : string.Empty)}",
            new { projection }, tx, cancellationToken: ct));
    }

    /// <summary>A projection's checkpoint as last committed, without a lock (0 before its first batch).</summary>
    public async Task<long> CheckpointAsync(string projection, CancellationToken ct) =>
        await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT last_seq FROM projection_checkpoints WHERE projection = @projection", new { projection }, tx, cancellationToken: ct)) ?? 0;

    public Task SaveCheckpointAsync(string projection, long seq, CancellationToken ct) =>
        Execute("UPDATE projection_checkpoints SET last_seq = @seq, updated_at = @now WHERE projection = @projection",
            new { projection, seq, now = dialect.Time(DateTimeOffset.UtcNow) }, ct);

    /// <summary>Empties every progress read model, of every tenant (TRUNCATE is not subject to row-level security).</summary>
    public async Task ClearReadModelsAsync(CancellationToken ct)
    {
        if (postgres)
        {
            await Execute($"TRUNCATE {string.Join(", ", ProgressStore.AllTables)}", null, ct);
            return;
        }

        foreach (var table in ProgressStore.AllTables)
        {
            await Execute($"DELETE FROM {table}", null, ct);
        }
    }

    /// <summary>
    /// The first <paramref name="limit"/> statements (of any tenant) with <paramref name="after"/> &lt; seq ≤
    /// <paramref name="upTo"/>, in seq order. Row-level security confines PostgreSQL reads to one tenant, so there
    /// each tenant is read on its own and the results merged.
    /// </summary>
    public async Task<IReadOnlyList<NewStatement>> ReadNewAsync(long after, long upTo, int limit, CancellationToken ct)
    {
        const string sql = "SELECT tenant_id, seq, statement_id, payload, stored FROM statements WHERE {0} seq > @after AND seq <= @upTo ORDER BY seq LIMIT @limit";
        if (!postgres)
        {
            return await ReadNewRowsAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, string.Empty), new { after, upTo, limit }, ct);
        }

        var tenants = await connection.QueryAsync<Guid>(new CommandDefinition("SELECT id FROM tenants ORDER BY id", transaction: tx, cancellationToken: ct));
        var all = new List<NewStatement>();
        foreach (var tenant in tenants)
        {
            await UseTenantAsync(tenant, ct);
            all.AddRange(await ReadNewRowsAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, "tenant_id = @tenant AND"),
                new { tenant, after, upTo, limit }, ct));
        }

        return all.OrderBy(s => s.Seq).Take(limit).ToList();
    }

    private async Task<IReadOnlyList<NewStatement>> ReadNewRowsAsync(string sql, object parameters, CancellationToken ct)
    {
        var rows = new List<NewStatement>();
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, tx, cancellationToken: ct));
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new NewStatement(dialect.ReadId(reader, 0), reader.GetInt64(1), dialect.ReadId(reader, 2), reader.GetString(3), dialect.ReadTime(reader, 4)));
        }

        return rows;
    }

    /// <summary>The queued course and learning-path changes of every tenant, by tenant (PostgreSQL: read tenant by tenant).</summary>
    public async Task<IReadOnlyList<(Guid Tenant, IReadOnlyList<DirtyDefinition> Changes)>> ReadDirtyAsync(CancellationToken ct)
    {
        const string sql = "SELECT tenant_id, kind, target_id, generation FROM progress_dirty {0} ORDER BY tenant_id, kind, target_id";
        var tenants = postgres
            ? (await connection.QueryAsync<Guid>(new CommandDefinition("SELECT id FROM tenants ORDER BY id", transaction: tx, cancellationToken: ct))).ToList()
            : [Guid.Empty];
        var all = new List<(Guid, DirtyDefinition)>();
        foreach (var tenant in tenants)
        {
            await UseTenantAsync(tenant, ct);
            await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
                string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, postgres ? "WHERE tenant_id = @tenant" : string.Empty),
                new { tenant }, tx, cancellationToken: ct));
            while (await reader.ReadAsync(ct))
            {
                all.Add((dialect.ReadId(reader, 0), new DirtyDefinition(reader.GetString(1), reader.GetString(2), Convert.ToInt64(reader.GetValue(3), null))));
            }
        }

        return all.GroupBy(d => d.Item1).Select(g => (g.Key, (IReadOnlyList<DirtyDefinition>)g.Select(d => d.Item2).ToList())).ToList();
    }

    /// <summary>
    /// The learners a changed course or path may count for: those with progress in it (or, for a path, in one of its courses), and
    /// for a course also everyone with a statement about one of its items' activities (a new course can cover earlier statements); for a
    /// changed competency or achievement ("definitions") every learner with progress.
    /// </summary>
    public async Task<IReadOnlyList<string>> LearnersOfAsync(Guid tenantId, string kind, string targetId, CancellationToken ct)
    {
        var sql = kind == "definitions"
            ? "SELECT learner_key FROM user_progress WHERE tenant_id = @tenant"
            : kind == "course"
            ? """
              SELECT learner_key FROM course_progress WHERE tenant_id = @tenant AND course_id = @target
              UNION
              SELECT g.agent_key FROM course_items i
                JOIN statement_activities a ON a.tenant_id = i.tenant_id AND a.activity_id = i.activity_id
                JOIN statement_agents g ON g.tenant_id = a.tenant_id AND g.statement_id = a.statement_id AND g.direct
              WHERE i.tenant_id = @tenant AND i.course_id = @target
              """
            : """
              SELECT learner_key FROM learning_path_progress WHERE tenant_id = @tenant AND path_id = @target
              UNION
              SELECT p.learner_key FROM learning_path_courses c
                JOIN course_progress p ON p.tenant_id = c.tenant_id AND p.course_id = c.course_id
              WHERE c.tenant_id = @tenant AND c.path_id = @target
              """;
        var learners = await connection.QueryAsync<string>(new CommandDefinition(sql, new { tenant = dialect.Id(tenantId), target = targetId }, tx, cancellationToken: ct));
        return learners.Order(StringComparer.Ordinal).ToList();
    }

    public Task ClearDirtyAsync(Guid tenantId, DirtyDefinition change, CancellationToken ct) =>
        Execute("DELETE FROM progress_dirty WHERE tenant_id = @tenant AND kind = @kind AND target_id = @target AND generation = @generation",
            new { tenant = dialect.Id(tenantId), kind = change.Kind, target = change.TargetId, generation = change.Generation }, ct);

    /// <summary>A stored statement by id, voided or not.</summary>
    public async Task<LedgerStatement?> FindAsync(Guid tenantId, Guid id, CancellationToken ct)
    {
        var payload = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT payload FROM statements WHERE tenant_id = @tenant AND statement_id = @id",
            new { tenant = dialect.Id(tenantId), id = dialect.Id(id) }, tx, cancellationToken: ct));
        return payload is null ? null : LedgerStatement.Parse(id, payload);
    }

    /// <summary>Every non-voided statement whose actor (or object Agent) is the learner.</summary>
    public async Task<IReadOnlyList<LedgerStatement>> ReadLearnerAsync(Guid tenantId, string learnerKey, CancellationToken ct)
    {
        const string sql = """
            SELECT s.statement_id, s.payload FROM statements s
            WHERE s.tenant_id = @tenant AND NOT s.is_voiding
              AND EXISTS (SELECT 1 FROM statement_agents g
                          WHERE g.tenant_id = @tenant AND g.statement_id = s.statement_id AND g.agent_key = @learner AND g.direct)
              AND NOT EXISTS (SELECT 1 FROM statement_voids v WHERE v.tenant_id = @tenant AND v.target_id = s.statement_id)
            """;
        var statements = new List<LedgerStatement>();
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            sql, new { tenant = dialect.Id(tenantId), learner = learnerKey }, tx, cancellationToken: ct));
        while (await reader.ReadAsync(ct))
        {
            statements.Add(LedgerStatement.Parse(dialect.ReadId(reader, 0), reader.GetString(1)));
        }

        return statements;
    }

    /// <summary>
    /// Every non-voided statement that may count for each of <paramref name="keys"/>: by the learner, in the registration,
    /// about the activity as object or context activity; the derivation keeps the ones that do. One query per chunk of keys.
    /// </summary>
    public async Task<IReadOnlyDictionary<AttemptKey, List<LedgerStatement>>> ReadKeysAsync(Guid tenantId, IReadOnlyList<AttemptKey> keys, CancellationToken ct)
    {
        var statements = keys.Distinct().ToDictionary(k => k, _ => new List<LedgerStatement>());
        var parsed = new Dictionary<Guid, LedgerStatement>();
        foreach (var chunk in statements.Keys.Chunk(KeysPerCommand))
        {
            var (cte, parameters) = KeyTable(tenantId, chunk);
            await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
                $"""
                {cte}
                SELECT k.n, s.statement_id, s.payload FROM k
                JOIN statement_agents g ON g.tenant_id = @tenant AND g.agent_key = k.learner AND g.direct
                JOIN statements s ON s.tenant_id = @tenant AND s.statement_id = g.statement_id
                WHERE NOT s.is_voiding
                  AND COALESCE(s.registration, @nil) = k.registration
                  AND (s.object_activity_id = k.activity
                       OR EXISTS (SELECT 1 FROM statement_activities a
                                  WHERE a.tenant_id = @tenant AND a.statement_id = s.statement_id AND a.activity_id = k.activity AND NOT a.direct))
                  AND NOT EXISTS (SELECT 1 FROM statement_voids v WHERE v.tenant_id = @tenant AND v.target_id = s.statement_id)
                """, parameters, tx, cancellationToken: ct));
            while (await reader.ReadAsync(ct))
            {
                var id = dialect.ReadId(reader, 1);
                if (!parsed.TryGetValue(id, out var statement))
                {
                    parsed[id] = statement = LedgerStatement.Parse(id, reader.GetString(2));
                }

                statements[chunk[Convert.ToInt32(reader.GetValue(0), null)]].Add(statement);
            }
        }

        return statements;
    }

    /// <summary>For each of <paramref name="keys"/>, the attempts (number and state) and whether a completion record exists, as the read models hold them.</summary>
    public async Task<IReadOnlyDictionary<AttemptKey, KeyState>> ReadKeyStatesAsync(Guid tenantId, IReadOnlyList<AttemptKey> keys, CancellationToken ct)
    {
        var attempts = keys.Distinct().ToDictionary(k => k, _ => new Dictionary<int, AttemptState>());
        var completed = new HashSet<AttemptKey>();
        foreach (var chunk in attempts.Keys.Chunk(KeysPerCommand))
        {
            var (cte, parameters) = KeyTable(tenantId, chunk);
            await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
                $"""
                {cte}
                SELECT k.n, a.attempt_number, a.state FROM k JOIN attempts a ON {KeyJoin("a")}
                UNION ALL
                SELECT k.n, -1, 0 FROM k JOIN completion_records c ON {KeyJoin("c")}
                """, parameters, tx, cancellationToken: ct));
            while (await reader.ReadAsync(ct))
            {
                var key = chunk[Convert.ToInt32(reader.GetValue(0), null)];
                var number = Convert.ToInt32(reader.GetValue(1), null);
                if (number < 0)
                {
                    completed.Add(key);
                }
                else
                {
                    attempts[key][number] = (AttemptState)Convert.ToInt32(reader.GetValue(2), null);
                }
            }
        }

        return attempts.ToDictionary(a => a.Key, a => new KeyState(a.Value, completed.Contains(a.Key)));
    }

    /// <summary>Replaces every read-model row of the facts' key by the facts.</summary>
    public Task ReplaceAsync(Guid tenantId, ProgressFacts facts, CancellationToken ct) => ReplaceAsync(tenantId, [facts], ct);

    /// <summary>Replaces every read-model row of each facts' key by those facts: one delete per table and chunk of keys, multi-row inserts.</summary>
    public async Task ReplaceAsync(Guid tenantId, IReadOnlyList<ProgressFacts> all, CancellationToken ct)
    {
        foreach (var chunk in all.Select(f => f.Key).Distinct().Chunk(KeysPerCommand))
        {
            var (cte, parameters) = KeyTable(tenantId, chunk);
            var deletes = ProgressStore.Tables.Select(table =>
                $"{cte} DELETE FROM {table} WHERE tenant_id = @tenant AND (learner_key, activity_id, registration) IN (SELECT learner, activity, registration FROM k)");
            await Execute(string.Join(";\n", deletes), parameters, ct);
        }

        var attempts = new MultiRowInsert("attempts",
            "tenant_id, learner_key, activity_id, registration, attempt_number, course_id, state, outcome, score_scaled, score_raw, score_min, score_max, success, completion, opened_at, closed_at, decided_by, decided_at");
        var interactions = new MultiRowInsert("interaction_results",
            "tenant_id, learner_key, activity_id, registration, attempt_number, position, interaction_id, correct, raw_score, response, answered_at");
        var completions = new MultiRowInsert("completion_records", "tenant_id, learner_key, activity_id, registration, completed_at, statement_id");
        var passFails = new MultiRowInsert("pass_fail_records", "tenant_id, learner_key, activity_id, registration, outcome, decided_at, statement_id");
        foreach (var facts in all)
        {
            var key = KeyValues(tenantId, facts.Key);
            foreach (var attempt in facts.Attempts)
            {
                attempts.Add([.. key, (attempt.Number, null), (attempt.CourseId, DbType.String), ((short)attempt.State, null), ((short)attempt.Outcome, null),
                    (attempt.Score?.Scaled, DbType.Double), (attempt.Score?.Raw, DbType.Double), (attempt.Score?.Min, DbType.Double), (attempt.Score?.Max, DbType.Double),
                    (attempt.Success, DbType.Boolean), (attempt.Completion, DbType.Boolean), TimeValue(attempt.OpenedAt), TimeValue(attempt.ClosedAt),
                    IdValue(attempt.DecidedBy), TimeValue(attempt.DecidedAt)]);
                for (var i = 0; i < attempt.Interactions.Count; i++)
                {
                    var interaction = attempt.Interactions[i];
                    interactions.Add([.. key, (attempt.Number, null), (i, null), (interaction.InteractionId, null), (interaction.Correct, DbType.Boolean),
                        (interaction.RawScore, DbType.Double), (interaction.Response, DbType.String), TimeValue(interaction.Timestamp)]);
                }
            }

            if (facts.Completion is { } completion)
            {
                completions.Add([.. key, TimeValue(completion.CompletedAt), IdValue(completion.StatementId)]);
            }

            if (facts.PassFail is { } passFail)
            {
                passFails.Add([.. key, ((short)passFail.Outcome, null), TimeValue(passFail.DecidedAt), IdValue(passFail.StatementId)]);
            }
        }

        foreach (var rows in new[] { attempts, interactions, completions, passFails })
        {
            await rows.ExecuteAsync(connection, tx, ct);
        }
    }

    // Keys per command: three parameters each, well below the parameter limits of both databases.
    internal const int KeysPerCommand = 500;

    /// <summary>
    /// Attempt keys as a table <c>k(n, learner, activity, registration)</c> (n: the key's index in <paramref name="keys"/>; no
    /// registration as the nil UUID, as the read models store it) for joins, with <c>@tenant</c> and <c>@nil</c>.
    /// </summary>
    internal (string Cte, DynamicParameters Parameters) KeyTable(Guid tenantId, IReadOnlyList<AttemptKey> keys)
    {
        var parameters = new DynamicParameters(new { tenant = dialect.Id(tenantId), nil = dialect.Id(Guid.Empty) });
        var rows = new System.Text.StringBuilder();
        for (var i = 0; i < keys.Count; i++)
        {
            rows.Append(i == 0 ? "(" : ", (").Append(i).Append(", @l").Append(i).Append(", @a").Append(i).Append(", @r").Append(i).Append(')');
            parameters.Add("l" + i, keys[i].LearnerKey);
            parameters.Add("a" + i, keys[i].ActivityId);
            parameters.Add("r" + i, dialect.Id(keys[i].Registration ?? Guid.Empty));
        }

        return ($"WITH k(n, learner, activity, registration) AS (VALUES {rows})", parameters);
    }

    private static string KeyJoin(string alias) =>
        $"{alias}.tenant_id = @tenant AND {alias}.learner_key = k.learner AND {alias}.activity_id = k.activity AND {alias}.registration = k.registration";

    private (object? Value, DbType? Type)[] KeyValues(Guid tenantId, AttemptKey key) =>
        [(dialect.Id(tenantId), null), (key.LearnerKey, null), (key.ActivityId, null), (dialect.Id(key.Registration ?? Guid.Empty), null)];

    private (object? Value, DbType? Type) TimeValue(DateTimeOffset? value) =>
        value is { } t ? (dialect.Time(t), null) : (null, postgres ? DbType.DateTimeOffset : DbType.Int64);

    private (object? Value, DbType? Type) IdValue(Guid? value) =>
        value is { } id ? (dialect.Id(id), null) : (null, postgres ? DbType.Guid : DbType.String);

    public async Task<IReadOnlyList<AttemptView>> ReadAttemptsAsync(Guid tenantId, string learnerKey, CancellationToken ct)
    {
        var parameters = new { tenant = dialect.Id(tenantId), learner = learnerKey };
        var interactions = new List<(string Activity, Guid Registration, int Number, InteractionResult Result)>();
        await using (var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            """
            SELECT activity_id, registration, attempt_number, interaction_id, correct, raw_score, response, answered_at
            FROM interaction_results WHERE tenant_id = @tenant AND learner_key = @learner
            ORDER BY activity_id, registration, attempt_number, position
            """, parameters, tx, cancellationToken: ct)))
        {
            while (await reader.ReadAsync(ct))
            {
                interactions.Add((reader.GetString(0), dialect.ReadId(reader, 1), Convert.ToInt32(reader.GetValue(2), null), new InteractionResult(
                    reader.GetString(3), Bool(reader, 4), Double(reader, 5), reader.IsDBNull(6) ? null : reader.GetString(6), dialect.ReadTime(reader, 7))));
            }
        }

        var attempts = new List<AttemptView>();
        await using (var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"""
            SELECT {AttemptColumns} FROM attempts WHERE tenant_id = @tenant AND learner_key = @learner
            ORDER BY activity_id, registration, attempt_number
            """, parameters, tx, cancellationToken: ct)))
        {
            while (await reader.ReadAsync(ct))
            {
                var attempt = ReadAttempt(reader, learnerKey);
                var registration = attempt.Registration ?? Guid.Empty;
                attempts.Add(attempt with
                {
                    Interactions = interactions.Where(i => i.Activity == attempt.ActivityId && i.Registration == registration && i.Number == attempt.Number)
                        .Select(i => i.Result).ToList(),
                });
            }
        }

        return attempts;
    }

    /// <summary>One page of a learner's attempts (keyset: after <paramref name="after"/>), without their interactions.</summary>
    public async Task<IReadOnlyList<AttemptView>> ReadAttemptPageAsync(
        Guid tenantId, string learnerKey, string? activityId, ProgressPosition? after, int limit, CancellationToken ct)
    {
        var (filter, parameters) = Page(tenantId, learnerKey, activityId, after, limit, numbered: true);
        var attempts = new List<AttemptView>();
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {AttemptColumns} FROM attempts WHERE {filter} ORDER BY activity_id, registration, attempt_number LIMIT @limit",
            parameters, tx, cancellationToken: ct));
        while (await reader.ReadAsync(ct))
        {
            attempts.Add(ReadAttempt(reader, learnerKey));
        }

        return attempts;
    }

    public Task<IReadOnlyList<CompletionView>> ReadCompletionsAsync(Guid tenantId, string learnerKey, CancellationToken ct) =>
        ReadCompletionsAsync(tenantId, learnerKey, null, null, ct);

    /// <summary>Up to <paramref name="limit"/> rows (all when null) after <paramref name="after"/>.</summary>
    public async Task<IReadOnlyList<CompletionView>> ReadCompletionsAsync(
        Guid tenantId, string learnerKey, ProgressPosition? after, int? limit, CancellationToken ct)
    {
        var list = new List<CompletionView>();
        var (filter, parameters) = Page(tenantId, learnerKey, null, after, limit, numbered: false);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT activity_id, registration, completed_at, statement_id FROM completion_records WHERE {filter} ORDER BY activity_id, registration"
            + (limit is null ? string.Empty : " LIMIT @limit"), parameters, tx, cancellationToken: ct));
        while (await reader.ReadAsync(ct))
        {
            list.Add(new CompletionView(learnerKey, reader.GetString(0), Registration(dialect.ReadId(reader, 1)), dialect.ReadTime(reader, 2), dialect.ReadId(reader, 3)));
        }

        return list;
    }

    public Task<IReadOnlyList<PassFailView>> ReadPassFailAsync(Guid tenantId, string learnerKey, CancellationToken ct) =>
        ReadPassFailAsync(tenantId, learnerKey, null, null, ct);

    /// <summary>Up to <paramref name="limit"/> rows (all when null) after <paramref name="after"/>.</summary>
    public async Task<IReadOnlyList<PassFailView>> ReadPassFailAsync(
        Guid tenantId, string learnerKey, ProgressPosition? after, int? limit, CancellationToken ct)
    {
        var list = new List<PassFailView>();
        var (filter, parameters) = Page(tenantId, learnerKey, null, after, limit, numbered: false);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT activity_id, registration, outcome, decided_at, statement_id FROM pass_fail_records WHERE {filter} ORDER BY activity_id, registration"
            + (limit is null ? string.Empty : " LIMIT @limit"), parameters, tx, cancellationToken: ct));
        while (await reader.ReadAsync(ct))
        {
            list.Add(new PassFailView(learnerKey, reader.GetString(0), Registration(dialect.ReadId(reader, 1)),
                (AttemptOutcome)Convert.ToInt32(reader.GetValue(2), null), dialect.ReadTime(reader, 3), dialect.ReadId(reader, 4)));
        }

        return list;
    }

    public Task CommitAsync(CancellationToken ct) => tx.CommitAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await tx.DisposeAsync();
        await connection.DisposeAsync();
    }

    private const string AttemptColumns = """
        activity_id, registration, attempt_number, course_id, state, outcome, score_scaled, score_raw, score_min, score_max,
        success, completion, opened_at, closed_at, decided_by, decided_at
        """;

    private AttemptView ReadAttempt(DbDataReader reader, string learnerKey) => new(
        learnerKey, reader.GetString(0), Registration(dialect.ReadId(reader, 1)), Convert.ToInt32(reader.GetValue(2), null),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        (AttemptState)Convert.ToInt32(reader.GetValue(4), null), (AttemptOutcome)Convert.ToInt32(reader.GetValue(5), null),
        Double(reader, 6), Double(reader, 7), Double(reader, 8), Double(reader, 9), Bool(reader, 10), Bool(reader, 11),
        dialect.ReadTime(reader, 12), Time(reader, 13), reader.IsDBNull(14) ? null : dialect.ReadId(reader, 14), Time(reader, 15), []);

    // Keyset pagination: rows strictly after the previous page's last key, in the order of the (tenant, learner, …) keys.
    private (string Filter, DynamicParameters Parameters) Page(
        Guid tenantId, string learnerKey, string? activityId, ProgressPosition? after, int? limit, bool numbered)
    {
        var parameters = new DynamicParameters(new { tenant = dialect.Id(tenantId), learner = learnerKey, limit });
        var filter = "tenant_id = @tenant AND learner_key = @learner";
        if (activityId is not null)
        {
            filter += " AND activity_id = @activity";
            parameters.Add("activity", activityId);
        }

        if (after is not null)
        {
            filter += numbered
                ? " AND (activity_id, registration, attempt_number) > (@afterActivity, @afterRegistration, @afterNumber)"
                : " AND (activity_id, registration) > (@afterActivity, @afterRegistration)";
            parameters.Add("afterActivity", after.ActivityId);
            parameters.Add("afterRegistration", dialect.Id(after.Registration ?? Guid.Empty));
            parameters.Add("afterNumber", after.Number);
        }

        return (filter, parameters);
    }

    // No registration is stored as the nil UUID, so that it can be part of the keys.
    private static Guid? Registration(Guid stored) => stored == Guid.Empty ? null : stored;

    private DateTimeOffset? Time(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : dialect.ReadTime(reader, ordinal);

    private static double? Double(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Convert.ToDouble(reader.GetValue(ordinal), null);

    private static bool? Bool(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Convert.ToBoolean(reader.GetValue(ordinal), null);

    private Task Execute(string sql, object? parameters, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(sql, parameters, tx, cancellationToken: ct));
}
