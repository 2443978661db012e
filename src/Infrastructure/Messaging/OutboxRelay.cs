using System.Text.Json;
using System.Text.Json.Nodes;
using Lrs.Application.Events;
using Lrs.Application.Events.Contracts;
using Lrs.Application.Progress;
using Lrs.Infrastructure.Observability;
using Lrs.Infrastructure.Persistence;
using Lrs.Infrastructure.Progress;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lrs.Infrastructure.Messaging;

/// <summary>
/// The <c>relay</c> role (docs/decisions/0009). Publishes the outbox — in position order per aggregate, marking rows
/// sent, retrying failures with exponential backoff while other aggregates go on — and tails the statement ledger by
/// seq with its own checkpoint (the ledger is the outbox of <c>progress.statement.stored.v1</c> and of the analytics
/// firehose), reading only up to the projector's commit horizon (docs/decisions/0005). Message ids are deterministic,
/// so a round repeated after a crash publishes the same ids again and consumers' inboxes drop the repeats.
/// </summary>
public sealed class OutboxRelay(
    MessageStore messages, ProgressStore ledger, IBus bus, RelayOptions options, Pseudonymiser? pseudonymiser,
    LrsMetrics metrics, TimeProvider time, ILogger<OutboxRelay> logger, ChangeSignals? signals = null) : BackgroundService
{
    public const string LedgerCheckpoint = "relay.ledger";

    private long _outboxBacklog;
    private double _outboxLag;
    private long _ledgerBacklog;
    private double _ledgerLag;
    private int _observing;
    private DateTimeOffset _nextPrune;

    public long OutboxBacklog => Interlocked.Read(ref _outboxBacklog);

    public long LedgerBacklog => Interlocked.Read(ref _ledgerBacklog);

    /// <summary>One round: publishes what is due in the outbox and the ledger; returns how many messages were published.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct) => await OutboxRoundAsync(ct) + await LedgerRoundAsync(ct);

    /// <summary>Publishes what is due in the outbox, then refreshes the backlog figures; returns how many rows were published.</summary>
    private async Task<int> OutboxRoundAsync(CancellationToken ct)
    {
        Observe();
        var published = 0;
        int round;
        do
        {
            round = await RelayOutboxAsync(ct);
            published += round;
        }
        while (round > 0);

        var (count, oldest) = await messages.BacklogAsync(ct);
        Interlocked.Exchange(ref _outboxBacklog, count);
        Volatile.Write(ref _outboxLag, oldest is { } o ? Math.Max(0, (time.GetUtcNow() - o).TotalSeconds) : 0);
        if (time.GetUtcNow() >= _nextPrune)
        {
            await PruneAsync(ct);
        }

        return published;
    }

    /// <summary>
    /// Deletes outbox rows published longer ago than <see cref="RelayOptions.RetainSentHours"/> and inbox entries older than
    /// <see cref="RelayOptions.RetainHandledHours"/>; the relay's outbox loop does this once an hour. Returns the counts.
    /// </summary>
    public async Task<(long Outbox, long Inbox)> PruneAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var pruned = await messages.PruneAsync(
            options.RetainSentHours > 0 ? now.AddHours(-options.RetainSentHours) : null,
            options.RetainHandledHours > 0 ? now.AddHours(-options.RetainHandledHours) : null, ct);
        _nextPrune = now.AddHours(1);
        if (pruned.Outbox + pruned.Inbox > 0)
        {
            logger.LogInformation("Pruned {Outbox} published outbox rows and {Inbox} inbox entries", pruned.Outbox, pruned.Inbox);
        }

        return pruned;
    }

    /// <summary>Publishes the ledger's statements up to the commit horizon; returns how many were published.</summary>
    private async Task<int> LedgerRoundAsync(CancellationToken ct)
    {
        Observe();
        var published = 0;
        int round;
        do
        {
            round = await RelayLedgerAsync(ct);
            published += round;
        }
        while (round > 0);

        return published;
    }

    private async Task<int> RelayOutboxAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var rows = await messages.ReadUnsentAsync(options.BatchSize, ct);
        Interlocked.Exchange(ref _outboxBacklog, Math.Max(rows.Count, Interlocked.Read(ref _outboxBacklog)));
        var sent = new List<OutboxRow>();
        var gate = new object();
        // Aggregates in parallel, each aggregate's rows in order; a row that is not due or fails holds back the rows
        // after it of the same aggregate, so they never overtake it.
        await Parallel.ForEachAsync(rows.GroupBy(r => (r.TenantId, r.AggregateKey)), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct },
            async (aggregate, token) =>
            {
                foreach (var row in aggregate)
                {
                    if (row.NextAttemptAt > now)
                    {
                        return;
                    }

                    try
                    {
                        await PublishAsync(MessageJson.Deserialize(row.MessageType, row.Payload), row.MessageId, token);
                        lock (gate)
                        {
                            sent.Add(row);
                        }
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                    {
                        var delay = Backoff(row.Attempts + 1);
                        logger.LogWarning("Publishing {MessageType} {MessageId} failed ({Error}); next try in {Delay}", row.MessageType, row.MessageId,
                            e.GetBaseException().Message, delay);
                        await messages.MarkFailedAsync(row, e.GetBaseException().Message, time.GetUtcNow() + delay, ct);
                        return;
                    }
                }
            });

        await messages.MarkSentAsync(sent, time.GetUtcNow(), ct);
        return sent.Count;
    }

    private async Task<int> RelayLedgerAsync(CancellationToken ct)
    {
        long checkpoint;
        await using (var peek = await ledger.BeginAsync(ct))
        {
            checkpoint = await peek.LockCheckpointAsync(LedgerCheckpoint, ct);
            await peek.CommitAsync(ct);
        }

        var horizon = await ledger.HorizonAsync(checkpoint, ct);
        Interlocked.Exchange(ref _ledgerBacklog, Math.Max(0, horizon - checkpoint));
        await using var session = await ledger.BeginAsync(ct);
        checkpoint = await session.LockCheckpointAsync(LedgerCheckpoint, ct);
        if (checkpoint >= horizon)
        {
            Interlocked.Exchange(ref _ledgerBacklog, 0);
            Volatile.Write(ref _ledgerLag, 0);
            return 0;
        }

        var statements = await session.ReadNewAsync(checkpoint, horizon, options.BatchSize, ct);
        if (statements.Count > 0 && Stored(statements[0].Payload) is { } oldest)
        {
            Volatile.Write(ref _ledgerLag, Math.Max(0, (time.GetUtcNow() - oldest).TotalSeconds));
        }

        await Parallel.ForEachAsync(statements, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (row, token) =>
        {
            var (stored, storedId) = Describe(row);
            await PublishAsync(stored, storedId, token);
            if (pseudonymiser is not null)
            {
                var statement = JsonNode.Parse(row.Payload)!.AsObject();
                var forwarded = new StatementForwarded
                {
                    TenantId = row.TenantId,
                    StatementId = row.Id,
                    Seq = row.Seq,
                    Statement = JsonSerializer.SerializeToElement(pseudonymiser.Pseudonymise(statement)),
                };
                await PublishAsync(forwarded, MessageContracts.DeterministicId(MessageContracts.NameOf<StatementForwarded>(), row.TenantId, row.Id), token);
            }
        });

        var next = statements.Count < options.BatchSize ? horizon : statements[^1].Seq;
        await session.SaveCheckpointAsync(LedgerCheckpoint, next, ct);
        await session.CommitAsync(ct);
        Interlocked.Exchange(ref _ledgerBacklog, Math.Max(0, horizon - next));
        return statements.Count;
    }

    private static (StatementStored Message, Guid Id) Describe(NewStatement row)
    {
        var statement = LedgerStatement.Parse(row.Id, row.Payload);
        var message = new StatementStored
        {
            TenantId = row.TenantId,
            StatementId = row.Id,
            Seq = row.Seq,
            VerbId = statement.VerbId,
            ActivityId = statement.ObjectId,
            LearnerKey = statement.ActorKey,
            Registration = statement.Registration,
            Voiding = statement.IsVoiding,
            Stored = Stored(row.Payload) ?? statement.Timestamp,
        };
        return (message, MessageContracts.DeterministicId(MessageContracts.NameOf<StatementStored>(), row.TenantId, row.Id));
    }

    private static DateTimeOffset? Stored(string payload) =>
        JsonNode.Parse(payload)?["stored"]?.GetValue<string>() is { } s
            ? DateTimeOffset.Parse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal)
            : null;

    private async Task PublishAsync(object message, Guid messageId, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.PublishTimeoutSeconds));
        try
        {
            await bus.Publish(message, message.GetType(), Pipe.Execute<PublishContext>(c => c.MessageId = messageId), timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"The broker did not confirm within {options.PublishTimeoutSeconds} s.");
        }
    }

    private TimeSpan Backoff(int failures) =>
        TimeSpan.FromMilliseconds(Math.Min(options.MaxBackoffSeconds * 1000.0, 250 * Math.Pow(2, Math.Min(failures - 1, 20))));

    private void Observe()
    {
        // Once, from whichever loop comes first.
        if (Interlocked.Exchange(ref _observing, 1) == 1)
        {
            return;
        }

        metrics.ObserveRelay(
            () => [new(Interlocked.Read(ref _outboxBacklog), new KeyValuePair<string, object?>("source", "outbox")),
                   new(Interlocked.Read(ref _ledgerBacklog), new KeyValuePair<string, object?>("source", "ledger"))],
            () => [new(Volatile.Read(ref _outboxLag), new KeyValuePair<string, object?>("source", "outbox")),
                   new(Volatile.Read(ref _ledgerLag), new KeyValuePair<string, object?>("source", "ledger"))]);
    }

    /// <summary>
    /// The outbox and the ledger as two loops, so that a burst of statements to forward never holds back the completion and
    /// progress events. The outbox's next round starts when the projector of this process commits rows, else after
    /// <see cref="RelayOptions.PollMilliseconds"/>; the ledger's statements are found by polling. A failed round waits a backoff.
    /// </summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(
        LoopAsync(signals?.Outbox, OutboxRoundAsync, stoppingToken),
        LoopAsync(null, LedgerRoundAsync, stoppingToken));

    private Task LoopAsync(ChangeSignal? wake, Func<CancellationToken, Task<int>> round, CancellationToken stoppingToken) =>
        ChangeSignal.LoopAsync(wake, TimeSpan.FromMilliseconds(options.PollMilliseconds), round, (e, failures) =>
        {
            var delay = Backoff(failures);
            logger.LogWarning("The relay round failed ({Error}); next round in {Delay}", e.GetBaseException().Message, delay);
            return delay;
        }, time, stoppingToken);
}
