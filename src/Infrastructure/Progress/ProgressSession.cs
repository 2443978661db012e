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
    private const string KeyFilter = "tenant_id = @tenant AND learner_key = @learner AND activity_id = @activity AND registration = @registration";

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
        const string sql = "SELECT tenant_id, seq, statement_id, payload FROM statements WHERE {0} seq > @after AND seq <= @upTo ORDER BY seq LIMIT @limit";
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
            rows.Add(new NewStatement(dialect.ReadId(reader, 0), reader.GetInt64(1), dialect.ReadId(reader, 2), reader.GetString(3)));
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
    /// Every non-voided statement that may count for <paramref name="key"/>: by the learner, in the registration, about
    /// the activity as object or context activity. The derivation keeps the ones that do.
    /// </summary>
    public async Task<IReadOnlyList<LedgerStatement>> ReadKeyAsync(Guid tenantId, AttemptKey key, CancellationToken ct)
    {
        var sql = $"""
            SELECT s.statement_id, s.payload FROM statements s
            WHERE s.tenant_id = @tenant AND NOT s.is_voiding
              AND {(key.Registration is null ? "s.registration IS NULL" : "s.registration = @registration")}
              AND EXISTS (SELECT 1 FROM statement_agents g
                          WHERE g.tenant_id = @tenant AND g.statement_id = s.statement_id AND g.agent_key = @learner AND g.direct)
              AND (s.object_activity_id = @activity
                   OR EXISTS (SELECT 1 FROM statement_activities a
                              WHERE a.tenant_id = @tenant AND a.statement_id = s.statement_id AND a.activity_id = @activity AND NOT a.direct))
              AND NOT EXISTS (SELECT 1 FROM statement_voids v WHERE v.tenant_id = @tenant AND v.target_id = s.statement_id)
            """;
        var parameters = new DynamicParameters(new { tenant = dialect.Id(tenantId), learner = key.LearnerKey, activity = key.ActivityId });
        if (key.Registration is { } registration)
        {
            parameters.Add("registration", dialect.Id(registration));
        }

        var statements = new List<LedgerStatement>();
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, tx, cancellationToken: ct));
        while (await reader.ReadAsync(ct))
        {
            statements.Add(LedgerStatement.Parse(dialect.ReadId(reader, 0), reader.GetString(1)));
        }

        return statements;
    }

    /// <summary>The attempts (number and state) and whether a completion record exists, as the read models hold them for the key.</summary>
    public async Task<KeyState> ReadKeyStateAsync(Guid tenantId, AttemptKey key, CancellationToken ct)
    {
        var parameters = KeyParameters(tenantId, key);
        var attempts = new Dictionary<int, AttemptState>();
        await using (var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT attempt_number, state FROM attempts WHERE {KeyFilter}", parameters, tx, cancellationToken: ct)))
        {
            while (await reader.ReadAsync(ct))
            {
                attempts[Convert.ToInt32(reader.GetValue(0), null)] = (AttemptState)Convert.ToInt32(reader.GetValue(1), null);
            }
        }

        var completed = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM completion_records WHERE {KeyFilter}", parameters, tx, cancellationToken: ct)) > 0;
        return new KeyState(attempts, completed);
    }

    /// <summary>Replaces every read-model row of the facts' key by the facts.</summary>
    public async Task ReplaceAsync(Guid tenantId, ProgressFacts facts, CancellationToken ct)
    {
        var key = KeyParameters(tenantId, facts.Key);
        foreach (var table in ProgressStore.Tables)
        {
            await Execute($"DELETE FROM {table} WHERE {KeyFilter}", key, ct);
        }

        foreach (var attempt in facts.Attempts)
        {
            var p = KeyParameters(tenantId, facts.Key);
            p.Add("number", attempt.Number);
            p.Add("course", attempt.CourseId, DbType.String);
            p.Add("state", (short)attempt.State);
            p.Add("outcome", (short)attempt.Outcome);
            p.Add("scaled", attempt.Score?.Scaled, DbType.Double);
            p.Add("raw", attempt.Score?.Raw, DbType.Double);
            p.Add("min", attempt.Score?.Min, DbType.Double);
            p.Add("max", attempt.Score?.Max, DbType.Double);
            p.Add("success", attempt.Success, DbType.Boolean);
            p.Add("completion", attempt.Completion, DbType.Boolean);
            AddTime(p, "opened", attempt.OpenedAt);
            AddTime(p, "closed", attempt.ClosedAt);
            AddId(p, "decided_by", attempt.DecidedBy);
            AddTime(p, "decided_at", attempt.DecidedAt);
            await Execute(
                """
                INSERT INTO attempts (tenant_id, learner_key, activity_id, registration, attempt_number, course_id, state, outcome,
                    score_scaled, score_raw, score_min, score_max, success, completion, opened_at, closed_at, decided_by, decided_at)
                VALUES (@tenant, @learner, @activity, @registration, @number, @course, @state, @outcome,
                    @scaled, @raw, @min, @max, @success, @completion, @opened, @closed, @decided_by, @decided_at)
                """, p, ct);

            for (var i = 0; i < attempt.Interactions.Count; i++)
            {
                var interaction = attempt.Interactions[i];
                var r = KeyParameters(tenantId, facts.Key);
                r.Add("number", attempt.Number);
                r.Add("position", i);
                r.Add("interaction", interaction.InteractionId);
                r.Add("correct", interaction.Correct, DbType.Boolean);
                r.Add("raw", interaction.RawScore, DbType.Double);
                r.Add("response", interaction.Response, DbType.String);
                AddTime(r, "answered", interaction.Timestamp);
                await Execute(
                    """
                    INSERT INTO interaction_results (tenant_id, learner_key, activity_id, registration, attempt_number, position,
                        interaction_id, correct, raw_score, response, answered_at)
                    VALUES (@tenant, @learner, @activity, @registration, @number, @position, @interaction, @correct, @raw, @response, @answered)
                    """, r, ct);
            }
        }

        if (facts.Completion is { } completion)
        {
            var p = KeyParameters(tenantId, facts.Key);
            AddTime(p, "at", completion.CompletedAt);
            AddId(p, "statement", completion.StatementId);
            await Execute(
                """
                INSERT INTO completion_records (tenant_id, learner_key, activity_id, registration, completed_at, statement_id)
                VALUES (@tenant, @learner, @activity, @registration, @at, @statement)
                """, p, ct);
        }

        if (facts.PassFail is { } passFail)
        {
            var p = KeyParameters(tenantId, facts.Key);
            p.Add("outcome", (short)passFail.Outcome);
            AddTime(p, "at", passFail.DecidedAt);
            AddId(p, "statement", passFail.StatementId);
            await Execute(
                """
                INSERT INTO pass_fail_records (tenant_id, learner_key, activity_id, registration, outcome, decided_at, statement_id)
                VALUES (@tenant, @learner, @activity, @registration, @outcome, @at, @statement)
                """, p, ct);
        }
    }

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

    private DynamicParameters KeyParameters(Guid tenantId, AttemptKey key) => new(new
    {
        tenant = dialect.Id(tenantId),
        learner = key.LearnerKey,
        activity = key.ActivityId,
        registration = dialect.Id(key.Registration ?? Guid.Empty),
    });

    private void AddTime(DynamicParameters p, string name, DateTimeOffset? value)
    {
        if (value is { } t)
        {
            p.Add(name, dialect.Time(t));
        }
        else
        {
            p.Add(name, null, postgres ? DbType.DateTimeOffset : DbType.Int64);
        }
    }

    private void AddId(DynamicParameters p, string name, Guid? value)
    {
        if (value is { } id)
        {
            p.Add(name, dialect.Id(id));
        }
        else
        {
            p.Add(name, null, postgres ? DbType.Guid : DbType.String);
        }
    }

    private DateTimeOffset? Time(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : dialect.ReadTime(reader, ordinal);

    private static double? Double(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Convert.ToDouble(reader.GetValue(ordinal), null);

    private static bool? Bool(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Convert.ToBoolean(reader.GetValue(ordinal), null);

    private Task Execute(string sql, object? parameters, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(sql, parameters, tx, cancellationToken: ct));
}
