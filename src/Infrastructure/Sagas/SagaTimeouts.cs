using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lrs.Infrastructure.Sagas;

/// <summary>
/// Timeouts by polling the saga table (docs/decisions/0011): instances whose <c>due_at</c> has passed get the message
/// <paramref name="overdue"/> makes, published on the bus, and the state machine decides. Works the same over the
/// in-memory transport and RabbitMQ (no delayed-exchange plugin needed) and survives restarts, since the due time is a
/// column of the instance. A notice sent twice is harmless: it names the due time, which the saga moves when it acts.
/// </summary>
public sealed class SagaTimeouts<TSaga>(
    SagaStore<TSaga> store, IBus bus, Func<TSaga, object> overdue, TimeSpan poll, TimeProvider time, ILogger<SagaTimeouts<TSaga>> logger)
    : BackgroundService
    where TSaga : class, IPersistedSaga
{
    /// <summary>Publishes a notice for every instance due now; returns how many.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var due = await store.DueAsync(time.GetUtcNow(), 500, ct);
        foreach (var saga in due)
        {
            await bus.Publish(overdue(saga), ct);
        }

        return due.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(poll);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Looking for due {SagaType} sagas failed; will retry", store.SagaType);
            }
        }
    }
}
