using Lrs.Application.Events;
using Lrs.Application.Progress;
using Lrs.Domain.Progress;
using Lrs.Infrastructure.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lrs.Infrastructure.Progress;

/// <summary>What one run of the projector did: statements read, and the facts that became true (in the order found).</summary>
public sealed record ProjectionRun(int Statements, IReadOnlyList<LearnerFact> Facts);

/// <summary>
/// Keeps the progress read models up to date with the statement ledger (docs/decisions/0005). Reads statements past
/// its checkpoint in seq order, finds the attempt keys they touch (for a voiding statement: its target's key),
/// recomputes each key from all of its non-voided statements and commits the key's rows with the new checkpoint.
/// </summary>
public sealed class ProgressProjector(
    ProgressStore store, IGradingRuleSource rules, ProgressProjectorOptions options, ILogger<ProgressProjector> logger, TimeProvider? time = null) : BackgroundService, IProgressCatchUp
{
    public const string Projection = "progress";

    /// <summary>Projects every statement committed before the call; returns how many statements were read.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct) => (await ProjectAsync(ct)).Statements;

    /// <summary>
    /// Projects every statement committed before the call, then recomputes the learners of courses and learning paths changed
    /// since the last run (docs/decisions/0008); returns how many statements were read and the facts that became true.
    /// </summary>
    public async Task<ProjectionRun> ProjectAsync(CancellationToken ct)
    {
        var total = 0;
        var facts = new List<LearnerFact>();
        BatchResult batch;
        do
        {
            batch = await ProjectBatchAsync(ct);
            total += batch.Read;
            facts.AddRange(batch.Facts);
        }
        while (batch.Read >= options.BatchSize);

        facts.AddRange(await DrainChangedDefinitionsAsync(ct));
        return new ProjectionRun(total, facts);
    }

    public Task<int> CatchUpAsync(CancellationToken ct) => RunOnceAsync(ct);

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

    /// <summary>
    /// Recomputes the attempt keys of <paramref name="touched"/> and then its learners' course, module, quiz and other read models;
    /// returns the attempt and completion events and the learner facts that are new.
    /// </summary>
    private async Task<(List<OutboxMessage> Events, List<LearnerFact> Facts)> RecomputeAsync(
        ProgressSession session, Guid tenantId, IReadOnlyList<LedgerStatement> touched, CancellationToken ct)
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
        var learnerFacts = new List<LearnerFact>();
        foreach (var (learner, courses) in await CourseProgressProjection.CoursesTouchedAsync(session, tenantId, touched, ct))
        {
            learnerFacts.AddRange(await LearnerProgressProjection.RecomputeAsync(session, tenantId, learner, courses, ct));
        }

        return (events, learnerFacts);
    }

    private sealed record BatchResult(int Read, IReadOnlyList<LearnerFact> Facts);

    private async Task<BatchResult> ProjectBatchAsync(CancellationToken ct)
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
            return new BatchResult(0, []);
        }

        var learnerFacts = new List<LearnerFact>();
        var statements = await session.ReadNewAsync(checkpoint, horizon, options.BatchSize, ct);
        foreach (var tenant in statements.GroupBy(s => s.TenantId))
        {
            await session.UseTenantAsync(tenant.Key, ct);
            var touched = await TouchedAsync(session, tenant.Key, tenant, ct);
            var (events, tenantFacts) = await RecomputeAsync(session, tenant.Key, touched, ct);

            // New facts only, in the transaction of the read models and the checkpoint (docs/decisions/0008, 0009).
            await OutboxWriter.WriteAsync(session.Connection, session.Transaction, events, (time ?? TimeProvider.System).GetUtcNow(), ct);
            await WriteFactsAsync(session, tenantFacts, ct);
            learnerFacts.AddRange(tenantFacts);
        }

        // Up to the horizon when everything below it was read; seqs of rolled-back inserts never appear.
        var next = statements.Count < options.BatchSize ? horizon : statements[^1].Seq;
        await session.SaveCheckpointAsync(Projection, next, ct);
        await session.CommitAsync(ct);
        return new BatchResult(statements.Count, learnerFacts);
    }

    /// <summary>
    /// Recomputes the learners of every course and learning path whose definition changed (queued in <c>progress_dirty</c> by their
    /// PUT), in one transaction with the queue entries' removal. An entry re-queued meanwhile has a new generation and stays.
    /// </summary>
    private async Task<IReadOnlyList<LearnerFact>> DrainChangedDefinitionsAsync(CancellationToken ct)
    {
        await using var session = await store.BeginAsync(ct);
        await session.LockCheckpointAsync(Projection, ct);
        var facts = new List<LearnerFact>();
        foreach (var (tenant, changes) in await session.ReadDirtyAsync(ct))
        {
            await session.UseTenantAsync(tenant, ct);
            var tenantFacts = new List<LearnerFact>();
            foreach (var change in changes)
            {
                var learners = await session.LearnersOfAsync(tenant, change.Kind, change.TargetId, ct);
                foreach (var learner in learners)
                {
                    tenantFacts.AddRange(await LearnerProgressProjection.RecomputeAsync(
                        session, tenant, learner, change.Kind == "course" ? [change.TargetId] : [], ct));
                }

                await session.ClearDirtyAsync(tenant, change, ct);
            }

            await WriteFactsAsync(session, tenantFacts, ct);
            facts.AddRange(tenantFacts);
        }

        await session.CommitAsync(ct);
        return facts;
    }

    // The data-model seed's events of one tenant's new facts, queued in the outbox of this transaction (docs/decisions/0008, 0009);
    // PostgreSQL needs lrs.tenant_id set to that tenant, as it is while the tenant's rows are written.
    private Task WriteFactsAsync(ProgressSession session, IReadOnlyList<LearnerFact> facts, CancellationToken ct) =>
        OutboxWriter.WriteAsync(session.Connection, session.Transaction, facts.Select(LearnerEvents.Message), (time ?? TimeProvider.System).GetUtcNow(), ct);

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
