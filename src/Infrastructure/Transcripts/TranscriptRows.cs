using System.Data;
using System.Data.Common;
using Dapper;
using Lrs.Application.Transcripts;
using Lrs.Domain.Progress;
using Lrs.Infrastructure.Progress;

namespace Lrs.Infrastructure.Transcripts;

/// <summary>A stored statement as the transcript folds it: its ledger position, stored time and JSON.</summary>
internal sealed record LedgerRow(long Seq, DateTimeOffset Stored, string Payload);

/// <summary>
/// SQL of the transcript projection (docs/decisions/0018) within a <see cref="ProgressSession"/>: the <c>transcript_keys</c> rows,
/// and the learner's statements the rows do not hold yet.
/// </summary>
internal static class TranscriptRows
{
    public const string Table = "transcript_keys";

    private const string Columns = """
        activity_id, registration, opened_at, completed_at, verdict_at, verdict_passed, verdict_success, verdict_scored,
        verdict_scaled, verdict_raw, verdict_min, verdict_max, end_at, end_outcome, score_at, score_scaled, score_raw, score_min, score_max,
        progress, standalone, title, title_seq, actor_name, actor_name_seq
        """;

    private static readonly string TableColumns = string.Join(", ", Columns.Split(',').Select(c => "t." + c.Trim()));

    /// <summary>Every row of the learner.</summary>
    public static async Task<IReadOnlyList<TranscriptKey>> LearnerAsync(ProgressSession s, Guid tenantId, string learner, CancellationToken ct)
    {
        var keys = new List<TranscriptKey>();
        await using var reader = await s.Connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {Columns} FROM {Table} WHERE tenant_id = @tenant AND learner_key = @learner",
            new { tenant = s.Dialect.Id(tenantId), learner }, s.Transaction, cancellationToken: ct));
        while (await reader.ReadAsync(ct))
        {
            keys.Add(Read(s, reader, 0));
        }

        return keys;
    }

    /// <summary>The rows of <paramref name="keys"/> that exist, by key.</summary>
    public static async Task<Dictionary<AttemptKey, TranscriptKey>> KeysAsync(
        ProgressSession s, Guid tenantId, IReadOnlyList<AttemptKey> keys, CancellationToken ct)
    {
        var found = new Dictionary<AttemptKey, TranscriptKey>();
        foreach (var chunk in keys.Chunk(ProgressSession.KeysPerCommand))
        {
            var (cte, parameters) = s.KeyTable(tenantId, chunk);
            await using var reader = await s.Connection.ExecuteReaderAsync(new CommandDefinition(
                $"""
                {cte}
                SELECT k.n, {TableColumns} FROM k JOIN {Table} t
                    ON t.tenant_id = @tenant AND t.learner_key = k.learner AND t.activity_id = k.activity AND t.registration = k.registration
                """, parameters, s.Transaction, cancellationToken: ct));
            while (await reader.ReadAsync(ct))
            {
                found[chunk[Convert.ToInt32(reader.GetValue(0), null)]] = Read(s, reader, 1);
            }
        }

        return found;
    }

    /// <summary>Writes each learner's keys in place of the rows they had.</summary>
    public static async Task ReplaceAsync(
        ProgressSession s, Guid tenantId, IReadOnlyList<(string Learner, TranscriptKey Key)> rows, CancellationToken ct)
    {
        var keys = rows.Select(r => AttemptKey.Create(r.Learner, r.Key.ActivityId, r.Key.Registration)).ToList();
        foreach (var chunk in keys.Chunk(ProgressSession.KeysPerCommand))
        {
            var (cte, parameters) = s.KeyTable(tenantId, chunk);
            await s.Connection.ExecuteAsync(new CommandDefinition(
                $"{cte} DELETE FROM {Table} WHERE tenant_id = @tenant AND (learner_key, activity_id, registration) IN (SELECT learner, activity, registration FROM k)",
                parameters, s.Transaction, cancellationToken: ct));
        }

        var insert = new MultiRowInsert(Table, "tenant_id, learner_key, " + Columns);
        var tenant = s.Dialect.Id(tenantId);
        foreach (var (learner, key) in rows)
        {
            insert.Add([(tenant, null), (learner, null), (key.ActivityId, null), (s.Dialect.Id(key.Registration ?? Guid.Empty), null),
                (s.Dialect.Time(key.Opened), null), Time(s, key.CompletedAt), Time(s, key.VerdictAt), (key.VerdictPassed, DbType.Boolean),
                (key.VerdictSuccess, DbType.Boolean), (key.VerdictScore is not null, DbType.Boolean),
                (key.VerdictScore?.Scaled, DbType.Double), (key.VerdictScore?.Raw, DbType.Double), (key.VerdictScore?.Min, DbType.Double),
                (key.VerdictScore?.Max, DbType.Double), Time(s, key.EndAt), (key.EndOutcome, DbType.String), Time(s, key.ScoreAt),
                (key.Score?.Scaled, DbType.Double), (key.Score?.Raw, DbType.Double), (key.Score?.Min, DbType.Double), (key.Score?.Max, DbType.Double),
                (key.Progress, DbType.Double), (key.Standalone, DbType.Boolean), (key.Title, DbType.String), (key.TitleSeq, DbType.Int64),
                (key.ActorName, DbType.String), (key.ActorNameSeq, DbType.Int64)]);
        }

        await insert.ExecuteAsync(s.Connection, s.Transaction, ct);
    }

    public static Task DeleteLearnerAsync(ProgressSession s, Guid tenantId, string learner, CancellationToken ct) =>
        s.Connection.ExecuteAsync(new CommandDefinition($"DELETE FROM {Table} WHERE tenant_id = @tenant AND learner_key = @learner",
            new { tenant = s.Dialect.Id(tenantId), learner }, s.Transaction, cancellationToken: ct));

    /// <summary>
    /// The learner's statements (as actor or object; the transcript keeps those where the learner is the actor) with
    /// <paramref name="after"/> &lt; seq ≤ <paramref name="upTo"/> (no upper bound when null), in seq order, leaving out
    /// voiding statements and voided ones. Read through the learner's agent index, so a short tail costs a short read.
    /// </summary>
    public static async Task<IReadOnlyList<LedgerRow>> LedgerAsync(
        ProgressSession s, Guid tenantId, string learner, long after, long? upTo, CancellationToken ct)
    {
        var bound = upTo is null ? string.Empty : " AND s.seq <= @upTo";
        var rows = new List<LedgerRow>();
        // Driven by the learner's agent links, each joined to its statement by (stored, seq); a statement naming the learner
        // twice (actor and object) comes twice and is kept once.
        await using var reader = await s.Connection.ExecuteReaderAsync(new CommandDefinition(
            $"""
            SELECT s.seq, s.stored, s.payload FROM statement_agents g
            JOIN statements s ON s.tenant_id = g.tenant_id AND s.stored = g.stored AND s.seq = g.seq
            WHERE g.tenant_id = @tenant AND g.agent_key = @learner AND g.direct AND g.seq > @after{bound.Replace("s.seq", "g.seq", StringComparison.Ordinal)}
              AND NOT s.is_voiding
              AND NOT EXISTS (SELECT 1 FROM statement_voids v WHERE v.tenant_id = @tenant AND v.target_id = s.statement_id)
            ORDER BY s.seq
            """, new { tenant = s.Dialect.Id(tenantId), learner, after, upTo }, s.Transaction, cancellationToken: ct));
        while (await reader.ReadAsync(ct))
        {
            var seq = reader.GetInt64(0);
            if (rows.Count == 0 || rows[^1].Seq != seq)
            {
                rows.Add(new LedgerRow(seq, s.Dialect.ReadTime(reader, 1), reader.GetString(2)));
            }
        }

        return rows;
    }

    /// <summary>
    /// Whether a statement of the learner at or before <paramref name="checkpoint"/> (so folded into the rows) was voided by a
    /// voiding statement after it (not yet projected): then the rows still count the voided statement.
    /// </summary>
    public static async Task<bool> VoidedSinceAsync(ProgressSession s, Guid tenantId, string learner, long checkpoint, CancellationToken ct) =>
        checkpoint > 0 && await s.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            SELECT COUNT(*) FROM statement_agents g
            JOIN statement_voids v ON v.tenant_id = g.tenant_id AND v.target_id = g.statement_id
            JOIN statements w ON w.tenant_id = v.tenant_id AND w.statement_id = v.voiding_id
            WHERE g.tenant_id = @tenant AND g.agent_key = @learner AND g.direct AND g.seq <= @checkpoint AND w.seq > @checkpoint
            """, new { tenant = s.Dialect.Id(tenantId), learner, checkpoint }, s.Transaction, cancellationToken: ct)) > 0;

    private static (object? Value, DbType? Type) Time(ProgressSession s, DateTimeOffset? value) =>
        value is { } t ? (s.Dialect.Time(t), null) : (null, s.Postgres ? DbType.DateTimeOffset : DbType.Int64);

    private static TranscriptKey Read(ProgressSession s, DbDataReader r, int o)
    {
        var registration = s.Dialect.ReadId(r, o + 1);
        return new TranscriptKey(r.GetString(o), registration == Guid.Empty ? null : registration, s.Dialect.ReadTime(r, o + 2))
        {
            CompletedAt = Time(s, r, o + 3),
            VerdictAt = Time(s, r, o + 4),
            VerdictPassed = Convert.ToBoolean(r.GetValue(o + 5), null),
            VerdictSuccess = r.IsDBNull(o + 6) ? null : Convert.ToBoolean(r.GetValue(o + 6), null),
            VerdictScore = Convert.ToBoolean(r.GetValue(o + 7), null) ? Score(r, o + 8) : null,
            EndAt = Time(s, r, o + 12),
            EndOutcome = r.IsDBNull(o + 13) ? null : r.GetString(o + 13),
            ScoreAt = Time(s, r, o + 14),
            Score = r.IsDBNull(o + 14) ? null : Score(r, o + 15),
            Progress = Double(r, o + 19),
            Standalone = Convert.ToBoolean(r.GetValue(o + 20), null),
            Title = r.IsDBNull(o + 21) ? null : r.GetString(o + 21),
            TitleSeq = Convert.ToInt64(r.GetValue(o + 22), null),
            ActorName = r.IsDBNull(o + 23) ? null : r.GetString(o + 23),
            ActorNameSeq = Convert.ToInt64(r.GetValue(o + 24), null),
        };
    }

    private static AttemptScore Score(DbDataReader r, int o) => new(Double(r, o), Double(r, o + 1), Double(r, o + 2), Double(r, o + 3));

    private static DateTimeOffset? Time(ProgressSession s, DbDataReader r, int o) => r.IsDBNull(o) ? null : s.Dialect.ReadTime(r, o);

    private static double? Double(DbDataReader r, int o) => r.IsDBNull(o) ? null : Convert.ToDouble(r.GetValue(o), null);
}
