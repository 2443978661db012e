using Lrs.Application.Events;
using Lrs.Application.Progress;
using Lrs.Domain.Progress;
using Lrs.Infrastructure.Messaging;
using Lrs.Infrastructure.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lrs.Infrastructure.Progress;

/// <summary>What one run of the projector did: statements read, and the facts that became true (in the order found).</summary>
public sealed record ProjectionRun(int Statements, IReadOnlyList<LearnerFact> Facts);

/// <summary>
/// Keeps the progress read models up to date with the statement ledger (docs/decisions/0005, 0007, 0008) in three stages, each
/// with its own checkpoint and transactions:
/// <list type="number">
/// <item>Attempts: reads statements past its checkpoint in seq order, finds the attempt keys they touch (for a voiding statement:
/// its target's key), recomputes those keys from all of their non-voided statements and commits the keys' rows (attempts,
/// interactions, completion and pass/fail records), their attempt and completion events and the checkpoint.</item>
/// <item>Learners: follows the first stage's checkpoint and recomputes the lesson, course, module, quiz, submission, path,
/// competency, achievement and user rows of the learners those statements touch, with the data-model events.</item>
/// <item>Transcripts: follows the ledger's commit horizon on its own and folds the statements into the learners' transcript rows
/// (docs/decisions/0018).</item>
/// </list>
/// The completion event therefore waits only for the first, cheap stage. The attempts and learners stages run as soon as this
/// process commits statements, and otherwise poll; the transcript stage polls.
/// </summary>
public sealed class ProgressProjector(
    ProgressStore store, IGradingRuleSource rules, ProgressProjectorOptions options, ILogger<ProgressProjector> logger,
    TimeProvider? time = null, ChangeSignals? signals = null) : BackgroundService, IProgressCatchUp
{
    /// <summary>The checkpoint of the attempts stage.</summary>
    public const string Projection = "progress";

    /// <summary>The checkpoint of the learners stage; never past <see cref="Projection"/>'s.</summary>
    public const string LearnerProjection = "progress.learners";

    /// <summary>The checkpoint of the transcript stage (docs/decisions/0018), which follows the ledger on its own.</summary>
    public const string TranscriptProjection = "transcripts";

    private TimeProvider Clock => time ?? TimeProvider.System;

    /// <summary>Projects every statement committed before the call; returns how many statements were read.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct) => (await ProjectAsync(ct)).Statements;

    /// <summary>
    /// Projects every statement committed before the call through the attempts and learners stages, recomputes the learners of
    /// courses and learning paths changed since the last run (docs/decisions/0008), then folds the statements into the transcript
    /// rows (0018); returns how many statements the attempts stage read and the facts that became true.
    /// </summary>
    public async Task<ProjectionRun> ProjectAsync(CancellationToken ct)
    {
        var total = await ProjectAttemptsAsync(ct);
        var facts = await ProjectLearnersAsync(ct);
        facts.AddRange(await DrainChangedDefinitionsAsync(ct));
        await ProjectTranscriptsAsync(ct);
        return new ProjectionRun(total, facts);
    }

    public Task<int> CatchUpAsync(CancellationToken ct) => RunOnceAsync(ct);

    /// <summary>Empties the read models, resets the checkpoints and projects the whole ledger again.</summary>
    public async Task<int> RebuildAsync(CancellationToken ct)
    {
        await using (var session = await store.BeginAsync(ct))
        {
            await session.LockCheckpointAsync(Projection, ct);
            await session.LockCheckpointAsync(LearnerProjection, ct);
            await session.LockCheckpointAsync(TranscriptProjection, ct);
            await session.ClearReadModelsAsync(ct);
            await session.SaveCheckpointAsync(Projection, 0, ct);
            await session.SaveCheckpointAsync(LearnerProjection, 0, ct);
            await session.SaveCheckpointAsync(TranscriptProjection, 0, ct);
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
        // The transcript rows hold statements up to the transcript stage's checkpoint; locked, it stays there until commit.
        var transcripts = await session.LockCheckpointAsync(TranscriptProjection, ct);
        await session.UseTenantAsync(tenantId, ct);
        var statements = await session.ReadLearnerAsync(tenantId, learnerKey, ct);
        await RecomputeKeysAsync(session, tenantId, statements, ct);
        await RecomputeLearnersAsync(session, tenantId, statements, ct);
        await Transcripts.TranscriptProjection.RefoldAsync(session, tenantId, learnerKey, transcripts, ct);
        await session.CommitAsync(ct);
        return statements.Count;
    }

    /// <summary>Recomputes the attempt keys of <paramref name="touched"/>; returns the attempt and completion events that are new.</summary>
    private async Task<List<OutboxMessage>> RecomputeKeysAsync(
        ProgressSession session, Guid tenantId, IReadOnlyList<LedgerStatement> touched, CancellationToken ct)
    {
        var keys = touched.Select(ProgressDerivation.KeyOf).OfType<AttemptKey>().Distinct().ToList();
        if (keys.Count == 0)
        {
            return [];
        }

        // Rules are read once per activity and batch: a course PUT committed before the batch began is seen.
        var ruleOf = new Dictionary<string, GradingRule>(StringComparer.Ordinal);
        foreach (var activity in keys.Select(k => k.ActivityId).Distinct(StringComparer.Ordinal))
        {
            ruleOf[activity] = await rules.RuleForAsync(tenantId, activity, ct);
        }

        var before = await session.ReadKeyStatesAsync(tenantId, keys, ct);
        var statements = await session.ReadKeysAsync(tenantId, keys, ct);
        var facts = keys.Select(key => ProgressDerivation.Derive(key, statements[key], ruleOf[key.ActivityId])).ToList();
        await session.ReplaceAsync(tenantId, facts, ct);
        return facts.SelectMany(f => ProgressEvents.Changes(tenantId, before[f.Key], f)).ToList();
    }

    /// <summary>
    /// Recomputes the course, module, quiz and other read models of the learners of <paramref name="touched"/> (after their keys:
    /// lesson completion is read from the completion and pass records); returns the learner facts that are new.
    /// </summary>
    private static async Task<List<LearnerFact>> RecomputeLearnersAsync(
        ProgressSession session, Guid tenantId, IReadOnlyList<LedgerStatement> touched, CancellationToken ct)
    {
        var learnerFacts = new List<LearnerFact>();
        foreach (var (learner, courses) in await CourseProgressProjection.CoursesTouchedAsync(session, tenantId, touched, ct))
        {
            learnerFacts.AddRange(await LearnerProgressProjection.RecomputeAsync(session, tenantId, learner, courses, ct));
        }

        return learnerFacts;
    }

    /// <summary>The first stage over everything committed: returns how many statements were read.</summary>
    private async Task<int> ProjectAttemptsAsync(CancellationToken ct)
    {
        var total = 0;
        int read;
        do
        {
            read = await ProjectBatchAsync(Projection, ledger: true, async (session, tenant, rows, _) =>
            {
                var events = await RecomputeKeysAsync(session, tenant, await TouchedAsync(session, tenant, rows, ct), ct);
                // New facts only, in the transaction of the read models and the checkpoint (docs/decisions/0009).
                await OutboxWriter.WriteAsync(session.Connection, session.Transaction, events, Clock.GetUtcNow(), ct);
                return events.Count;
            }, ct);
            total += read;
        }
        while (read >= options.BatchSize);

        return total;
    }

    /// <summary>The second stage up to the first stage's checkpoint: returns the learner facts that became true.</summary>
    private async Task<List<LearnerFact>> ProjectLearnersAsync(CancellationToken ct)
    {
        var facts = new List<LearnerFact>();
        int read;
        do
        {
            read = await ProjectBatchAsync(LearnerProjection, ledger: false, async (session, tenant, rows, _) =>
            {
                var tenantFacts = await RecomputeLearnersAsync(session, tenant, await TouchedAsync(session, tenant, rows, ct), ct);
                await WriteFactsAsync(session, tenantFacts, ct);
                facts.AddRange(tenantFacts);
                return tenantFacts.Count;
            }, ct);
        }
        while (read >= options.BatchSize);

        return facts;
    }

    /// <summary>The transcript stage over everything committed (docs/decisions/0018).</summary>
    private async Task ProjectTranscriptsAsync(CancellationToken ct)
    {
        int read;
        do
        {
            read = await ProjectBatchAsync(TranscriptProjection, ledger: true, async (session, tenant, rows, upTo) =>
            {
                await Transcripts.TranscriptProjection.ProjectAsync(session, tenant, rows, upTo, ct);
                return 0;
            }, ct);
        }
        while (read >= options.BatchSize);
    }

    /// <summary>
    /// One batch of one stage: up to <see cref="ProgressProjectorOptions.BatchSize"/> statements past the stage's checkpoint and
    /// below its horizon (the ledger's commit horizon, or the first stage's checkpoint), handed to <paramref name="project"/> by
    /// tenant with the checkpoint the batch moves to, then the checkpoint moved, in one transaction. Returns how many statements
    /// were read. <paramref name="project"/> returns how many events it queued.
    /// </summary>
    private async Task<int> ProjectBatchAsync(
        string projection, bool ledger, Func<ProgressSession, Guid, IReadOnlyList<NewStatement>, long, Task<int>> project, CancellationToken ct)
    {
        long checkpoint;
        long horizon;
        await using (var peek = await store.BeginAsync(ct))
        {
            checkpoint = await peek.LockCheckpointAsync(projection, ct);
            horizon = ledger ? 0 : await peek.CheckpointAsync(Projection, ct);
            await peek.CommitAsync(ct);
        }

        if (ledger)
        {
            horizon = await store.HorizonAsync(checkpoint, ct);
        }

        await using var session = await store.BeginAsync(ct);
        // Another projector may have moved on meanwhile; the lock makes this one wait its turn and re-read.
        checkpoint = await session.LockCheckpointAsync(projection, ct);
        if (checkpoint >= horizon)
        {
            return 0;
        }

        var statements = await session.ReadNewAsync(checkpoint, horizon, options.BatchSize, ct);
        // Up to the horizon when everything below it was read; seqs of rolled-back inserts never appear.
        var next = statements.Count < options.BatchSize ? horizon : statements[^1].Seq;
        var events = 0;
        foreach (var tenant in statements.GroupBy(s => s.TenantId))
        {
            await session.UseTenantAsync(tenant.Key, ct);
            events += await project(session, tenant.Key, tenant.ToList(), next);
        }

        await session.SaveCheckpointAsync(projection, next, ct);
        await session.CommitAsync(ct);
        if (projection == Projection)
        {
            signals?.Progress.Notify();
        }

        if (events > 0)
        {
            signals?.Outbox.Notify();
        }

        return statements.Count;
    }

    /// <summary>
    /// Recomputes the learners of every course and learning path whose definition changed (queued in <c>progress_dirty</c> by their
    /// PUT), in one transaction with the queue entries' removal. An entry re-queued meanwhile has a new generation and stays.
    /// </summary>
    private async Task<IReadOnlyList<LearnerFact>> DrainChangedDefinitionsAsync(CancellationToken ct)
    {
        await using var session = await store.BeginAsync(ct);
        await session.LockCheckpointAsync(LearnerProjection, ct);
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
        if (facts.Count > 0)
        {
            signals?.Outbox.Notify();
        }

        return facts;
    }

    // The data-model seed's events of one tenant's new facts, queued in the outbox of this transaction (docs/decisions/0008, 0009);
    // PostgreSQL needs lrs.tenant_id set to that tenant, as it is while the tenant's rows are written.
    private Task WriteFactsAsync(ProgressSession session, IReadOnlyList<LearnerFact> facts, CancellationToken ct) =>
        OutboxWriter.WriteAsync(session.Connection, session.Transaction, facts.Select(LearnerEvents.Message), Clock.GetUtcNow(), ct);

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

    /// <summary>
    /// The stages of <see cref="ProgressProjectorOptions.Stages"/> as loops, so that a long learners batch never holds back the next
    /// attempts batch. The attempts stage wakes when this process commits statements, the learners stage when the attempts stage
    /// moves on; the transcript stage polls.
    /// </summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var stages = options.StageNames();
        var loops = new List<Task>();
        if (stages.Contains(ProgressProjectorOptions.Attempts))
        {
            loops.Add(LoopAsync(ProgressProjectorOptions.Attempts, signals?.Ledger, ProjectAttemptsAsync, stoppingToken));
        }

        if (stages.Contains(ProgressProjectorOptions.Learners))
        {
            loops.Add(LoopAsync(ProgressProjectorOptions.Learners, signals?.Progress, async ct =>
            {
                await ProjectLearnersAsync(ct);
                await DrainChangedDefinitionsAsync(ct);
            }, stoppingToken));
        }

        if (stages.Contains(ProgressProjectorOptions.Transcripts))
        {
            // Polls only: a transcript reads the statements the stage has not folded yet, so waking at each commit would buy
            // nothing but more transactions contending with ingest (on SQLite, for its one write lock).
            loops.Add(LoopAsync(ProgressProjectorOptions.Transcripts, null, ProjectTranscriptsAsync, stoppingToken));
        }

        return Task.WhenAll(loops);
    }

    private Task LoopAsync(string stage, ChangeSignal? wake, Func<CancellationToken, Task> round, CancellationToken ct)
    {
        var poll = TimeSpan.FromMilliseconds(options.PollMilliseconds);
        return ChangeSignal.LoopAsync(wake, poll, round, (e, _) =>
        {
            logger.LogError(e, "Progress projection ({Stage}) failed; will retry", stage);
            return poll;
        }, Clock, ct);
    }
}
