using Lrs.Application.Events;
using Lrs.Application.Progress;
using Lrs.Domain.Progress;
using Lrs.Infrastructure.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lrs.Infrastructure.Progress;

/// <summary>
/// Keeps the progress read models up to date with the statement ledger (docs/decisions/0005). Reads statements past
/// its checkpoint in seq order, finds the attempt keys they touch (for a voiding statement: its target's key),
/// recomputes each key from all of its non-voided statements and commits the key's rows with the new checkpoint.
/// </summary>
public sealed class ProgressProjector(
    ProgressStore store, IGradingRuleSource rules, ProgressProjectorOptions options, ILogger<ProgressProjector> logger, TimeProvider? time = null) : BackgroundService
{
    public const string Projection = "progress";

    /// <summary>Projects every statement committed before the call; returns how many statements were read.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var total = 0;
        int read;
        do
        {
            read = await ProjectBatchAsync(ct);
            total += read;
        }
        while (read >= options.BatchSize);

        return total;
    }

    /// <summary>Empties the read models, resets the checkpoint and projects the whole ledger again.</summary>
    public async Task<int> RebuildAsync(CancellationToken ct)
    {
        await using (var session = await store.BeginAsync(ct))
        {
            await session.LockCheckpointAsync(Projection, ct);
            await session.ClearReadModelsAsync(ct);
            await session.SaveCheckpointAsync(Projection, 0, ct);
            await session.CommitAsync(ct);
        }

        return await RunOnceAsync(ct);
    }

    /// <summary>
    /// Recomputes every read-model row of one learner from the learner's statements, e.g. after GDPR erasure gave the
    /// learner's statements a new identifier. Writes no events: the facts are not new, only the learner's name for them.
    /// Returns how many statements were read.
    /// </summary>
    public async Task<int> RecomputeLearnerAsync(Guid tenantId, string learnerKey, CancellationToken ct)
    {
        await using var session = await store.BeginAsync(ct);
        await session.UseTenantAsync(tenantId, ct);
        var statements = await session.ReadLearnerAsync(tenantId, learnerKey, ct);
        await RecomputeAsync(session, tenantId, statements, ct);
        await session.CommitAsync(ct);
        return statements.Count;
    }

    /// <summary>Recomputes the keys and courses of <paramref name="touched"/>; returns the events of facts that are new.</summary>
    private async Task<List<OutboxMessage>> RecomputeAsync(ProgressSession session, Guid tenantId, IReadOnlyList<LedgerStatement> touched, CancellationToken ct)
    {
        var events = new List<OutboxMessage>();
        foreach (var key in touched.Select(ProgressDerivation.KeyOf).OfType<AttemptKey>().Distinct())
        {
            var rule = await rules.RuleForAsync(tenantId, key.ActivityId, ct);
            var before = await session.ReadKeyStateAsync(tenantId, key, ct);
            var facts = ProgressDerivation.Derive(key, await session.ReadKeyAsync(tenantId, key, ct), rule);
            await session.ReplaceAsync(tenantId, facts, ct);
            events.AddRange(ProgressEvents.Changes(tenantId, before, facts));
        }

        // After the keys: lesson completion is read from the completion and pass records just replaced.
        await CourseProgressProjection.RecomputeAsync(session, tenantId, touched, ct);
        return events;
    }

    private async Task<int> ProjectBatchAsync(CancellationToken ct)
    {
        long checkpoint;
        await using (var peek = await store.BeginAsync(ct))
        {
            checkpoint = await peek.LockCheckpointAsync(Projection, ct);
            await peek.CommitAsync(ct);
        }

        var horizon = await store.HorizonAsync(checkpoint, ct);
        await using var session = await store.BeginAsync(ct);
        // Another projector may have moved on meanwhile; the lock makes this one wait its turn and re-read.
        checkpoint = await session.LockCheckpointAsync(Projection, ct);
        if (checkpoint >= horizon)
        {
            return 0;
        }

        var statements = await session.ReadNewAsync(checkpoint, horizon, options.BatchSize, ct);
        foreach (var tenant in statements.GroupBy(s => s.TenantId))
        {
            await session.UseTenantAsync(tenant.Key, ct);
            var touched = await TouchedAsync(session, tenant.Key, tenant, ct);
            var events = await RecomputeAsync(session, tenant.Key, touched, ct);

            // New facts only, in the transaction of the read models and the checkpoint (docs/decisions/0009).
            await OutboxWriter.WriteAsync(session.Connection, session.Transaction, events, (time ?? TimeProvider.System).GetUtcNow(), ct);
        }

        // Up to the horizon when everything below it was read; seqs of rolled-back inserts never appear.
        var next = statements.Count < options.BatchSize ? horizon : statements[^1].Seq;
        await session.SaveCheckpointAsync(Projection, next, ct);
        await session.CommitAsync(ct);
        return statements.Count;
    }

    /// <summary>The statements a batch changes the projection of: each new statement, or for a voiding one its target.</summary>
    private static async Task<IReadOnlyList<LedgerStatement>> TouchedAsync(
        ProgressSession session, Guid tenantId, IEnumerable<NewStatement> statements, CancellationToken ct)
    {
        var touched = new List<LedgerStatement>();
        foreach (var row in statements)
        {
            var statement = LedgerStatement.Parse(row.Id, row.Payload);
            if (statement.VoidedTarget is { } target)
            {
                // Voiding un-projects the target: its key is recomputed without it.
                statement = await session.FindAsync(tenantId, target, ct);
            }

            if (statement is not null)
            {
                touched.Add(statement);
            }
        }

        return touched;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.PollMilliseconds));
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Progress projection failed; will retry");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
