using Lrs.Application.Erasure;
using Lrs.Infrastructure.Progress;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lrs.Infrastructure.Erasure;

/// <summary>
/// The erasure process, one persisted step at a time: erase (one transaction, queuing <c>progress.gdpr.erased.v1</c>),
/// rebuild the placeholder learner's read models, and complete once the relay has sent the notification. Requests are rows, so one interrupted by a restart is picked up again; each step is idempotent.
/// </summary>
public sealed class ErasureWorker(IErasureStore store, ProgressProjector projector, TimeProvider time, ILogger<ErasureWorker> logger) : BackgroundService
{
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    /// <summary>Carries out every pending request; returns how many were erased.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var done = 0;
        foreach (var request in await store.PendingAsync(ct))
        {
            try
            {
                var redaction = new AgentRedaction(request.Keys, request.Id);
                if (request.Status == "requested")
                {
                    var counts = await store.EraseAsync(request, redaction, time.GetUtcNow(), ct);
                    logger.LogInformation("Erasure {Id} of tenant {Tenant} erased: {Counts}", request.Id, request.TenantId, counts);
                }

                if (request.Status is "requested" or "erased")
                {
                    // Rebuild: the read models of the placeholder learner, from the redacted statements (idempotent).
                    await projector.RecomputeLearnerAsync(request.TenantId, redaction.PlaceholderKey, ct);
                    await store.MarkRebuiltAsync(request.TenantId, request.Id, ct);
                }

                if (!await store.CompleteAsync(request, redaction, time.GetUtcNow(), ct))
                {
                    continue;
                }

                done++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Erasure {Id} of tenant {Tenant} failed; will retry", request.Id, request.TenantId);
            }
        }

        return done;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Poll);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Erasure poll failed; will retry");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
