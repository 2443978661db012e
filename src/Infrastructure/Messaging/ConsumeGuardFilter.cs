using Lrs.Application.Events;
using Lrs.Application.Events.Contracts;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Lrs.Infrastructure.Messaging;

/// <summary>What the consume guard tells a consumer about the message in hand (scoped to one delivery).</summary>
public sealed class InboxScope
{
    /// <summary>The consumer's name in the inbox: its receive endpoint (queue).</summary>
    public string Consumer { get; internal set; } = string.Empty;

    public Guid MessageId { get; internal set; }

    /// <summary>Set once the consumer recorded the message in its own transaction (<see cref="MessageStore.TryRecordHandledAsync"/>).</summary>
    public bool Recorded { get; set; }
}

/// <summary>
/// Wraps every consumer (docs/decisions/0009): a message id the consumer's inbox already holds is acknowledged without
/// running it again; a failure is retried with exponential backoff (<c>Lrs:Bus:RetryLimit</c> attempts, the first delay
/// <c>Lrs:Bus:RetryInitialMilliseconds</c>); what still fails, or is invalid, becomes a dead letter with the error.
/// Consumers whose effect is a database write record the message in that write's transaction; for the others the
/// guard records it after the effect, which must then be idempotent (inbound events become statements with ids
/// derived from the message id, so a repeat is a no-op in the ledger).
/// </summary>
public sealed class ConsumeGuardFilter<T>(MessageStore store, InboxScope scope, BusOptions options, TimeProvider time, ILogger<ConsumeGuardFilter<T>> logger)
    : IFilter<ConsumeContext<T>> where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        if (context.MessageId is not { } messageId)
        {
            await next.Send(context);
            return;
        }

        var consumer = context.ReceiveContext.InputAddress.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "unknown";
        scope.Consumer = consumer;
        scope.MessageId = messageId;
        var ct = context.CancellationToken;
        if (await store.HandledAsync(consumer, messageId, ct))
        {
            logger.LogDebug("{Consumer} already handled message {MessageId}", consumer, messageId);
            return;
        }

        Exception? failure = null;
        var attempts = 0;
        while (attempts < options.RetryLimit)
        {
            attempts++;
            try
            {
                scope.Recorded = false;
                await next.Send(context);
                if (!scope.Recorded)
                {
                    await store.RecordHandledAsync(consumer, messageId, ct);
                }

                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                failure = e;
                if (e is InvalidMessageException)
                {
                    break;
                }

                logger.LogWarning(e, "{Consumer} failed on message {MessageId} (attempt {Attempt})", consumer, messageId, attempts);
                if (attempts < options.RetryLimit)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(options.RetryInitialMilliseconds * Math.Pow(2, attempts - 1)), time, ct);
                }
            }
        }

        var type = MessageContracts.All.Contains(typeof(T)) ? MessageContracts.NameOf<T>() : typeof(T).FullName ?? typeof(T).Name;
        var payload = context.Message is ITenantMessage m ? MessageJson.Serialize(m) : System.Text.Json.JsonSerializer.Serialize(context.Message, MessageJson.Options);
        await store.AddDeadLetterAsync(new DeadLetter(Guid.CreateVersion7(), (context.Message as ITenantMessage)?.TenantId ?? Guid.Empty, messageId, type,
            consumer, payload, failure!.GetBaseException().Message, attempts, time.GetUtcNow()), ct);
        logger.LogError(failure, "{Consumer} gave up on message {MessageId} after {Attempts} attempts; stored as a dead letter", consumer, messageId, attempts);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("consumeGuard");
}
