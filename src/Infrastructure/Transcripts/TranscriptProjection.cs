using Dapper;
using Lrs.Application.Progress;
using Lrs.Application.Transcripts;
using Lrs.Domain.Progress;
using Lrs.Infrastructure.Progress;

namespace Lrs.Infrastructure.Transcripts;

/// <summary>
/// The transcript projection's step over one tenant's new statements (docs/decisions/0018): each statement by a learner about
/// an Activity is folded into its learner, activity and registration's row, in seq order. A voiding statement makes its
/// target's learner be folded again from all of their remaining statements, as is a statement already voided when it arrives
/// skipped. Rows therefore always equal the fold of the learner's non-voided statements up to the checkpoint.
/// </summary>
internal static class TranscriptProjection
{
    /// <summary>Folds <paramref name="statements"/> (seq order) into the rows; <paramref name="upTo"/> is the checkpoint the batch moves to.</summary>
    public static async Task ProjectAsync(
        ProgressSession session, Guid tenantId, IReadOnlyList<NewStatement> statements, long upTo, CancellationToken ct)
    {
        var voided = await VoidedAsync(session, tenantId, statements.Select(s => s.Id).ToList(), ct);
        var refold = new SortedSet<string>(StringComparer.Ordinal);
        var folds = new List<(TranscriptStatement Statement, long Seq)>();
        foreach (var row in statements)
        {
            if (TranscriptStatement.Read(row.Payload, row.Stored) is { } statement)
            {
                if (!voided.Contains(row.Id))
                {
                    folds.Add((statement, row.Seq));
                }
            }
            else if (LedgerStatement.Parse(row.Id, row.Payload).VoidedTarget is { } target
                     && await session.FindAsync(tenantId, target, ct) is { ActorKey: { } learner })
            {
                refold.Add(learner);
            }
        }

        var incremental = folds.Where(f => !refold.Contains(f.Statement.LearnerKey)).ToList();
        var keys = incremental.Select(f => Key(f.Statement)).Distinct().ToList();
        var rows = await TranscriptRows.KeysAsync(session, tenantId, keys, ct);
        foreach (var (statement, seq) in incremental)
        {
            var key = Key(statement);
            if (!rows.TryGetValue(key, out var row))
            {
                rows[key] = row = new TranscriptKey(statement.ActivityId, statement.Registration, statement.At);
            }

            row.Add(statement, seq);
        }

        await TranscriptRows.ReplaceAsync(session, tenantId, rows.Select(r => (r.Key.LearnerKey, r.Value)).ToList(), ct);
        foreach (var learner in refold)
        {
            await RefoldAsync(session, tenantId, learner, upTo, ct);
        }
    }

    /// <summary>Replaces the learner's rows by the fold of their non-voided statements up to <paramref name="upTo"/>.</summary>
    public static async Task RefoldAsync(ProgressSession session, Guid tenantId, string learner, long upTo, CancellationToken ct)
    {
        var transcript = new StatementTranscript(learner);
        foreach (var row in await TranscriptRows.LedgerAsync(session, tenantId, learner, 0, upTo, ct))
        {
            transcript.Add(row.Payload, row.Stored, row.Seq);
        }

        await TranscriptRows.DeleteLearnerAsync(session, tenantId, learner, ct);
        await TranscriptRows.ReplaceAsync(session, tenantId, transcript.Keys.Select(k => (learner, k)).ToList(), ct);
    }

    private static AttemptKey Key(TranscriptStatement statement) =>
        AttemptKey.Create(statement.LearnerKey, statement.ActivityId, statement.Registration);

    /// <summary>Those of <paramref name="ids"/> that a voiding statement stored before them already voided.</summary>
    private static async Task<HashSet<Guid>> VoidedAsync(ProgressSession session, Guid tenantId, IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        var voided = new HashSet<Guid>();
        foreach (var chunk in ids.Chunk(ProgressSession.KeysPerCommand))
        {
            // Dapper expands a list parameter into one parameter per item only when its declared type is a list.
            var targets = await session.Connection.QueryAsync<string>(session.Postgres
                ? new CommandDefinition("SELECT target_id::text FROM statement_voids WHERE tenant_id = @tenant AND target_id = ANY(@ids)",
                    new { tenant = tenantId, ids = chunk }, session.Transaction, cancellationToken: ct)
                : new CommandDefinition("SELECT target_id FROM statement_voids WHERE tenant_id = @tenant AND target_id IN @ids",
                    new { tenant = session.Dialect.Id(tenantId), ids = chunk.Select(i => (string)session.Dialect.Id(i)).ToArray() }, session.Transaction, cancellationToken: ct));
            voided.UnionWith(targets.Select(Guid.Parse));
        }

        return voided;
    }
}
