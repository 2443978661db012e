using System.Diagnostics;
using System.Threading.Channels;
using Lrs.Application.Statements;
using Lrs.Infrastructure.Observability;
using Lrs.Infrastructure.Statements;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lrs.Infrastructure.Ingest;

/// <summary>
/// The in-process batch writer. Requests wait in a bounded queue; each of <see cref="IngestOptions.Writers"/> writer
/// loops takes whatever has accumulated while its previous transaction committed and writes it as one transaction,
/// then completes each request. A request is answered only after its transaction committed, so an acknowledged
/// statement is durable.
/// </summary>
public sealed class IngestQueue : BackgroundService, IStatementIngest
{
    private readonly Channel<IngestRequest> _channel;
    private readonly StatementBatchWriter _writer;
    private readonly IngestOptions _options;
    private readonly LrsMetrics _metrics;
    private readonly ILogger<IngestQueue> _logger;
    private readonly int _writers;

    public IngestQueue(StatementBatchWriter writer, IngestOptions options, LrsMetrics metrics, ILogger<IngestQueue> logger, int writers = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(writers, 1);
        _writers = writers;
        _writer = writer;
        _options = options;
        _metrics = metrics;
        _logger = logger;
        _channel = Channel.CreateBounded<IngestRequest>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = writers == 1,
            FullMode = BoundedChannelFullMode.Wait,
        });
        metrics.ObserveQueueDepth(() => _channel.Reader.Count);
    }

    public async ValueTask<IngestResult> WriteAsync(Guid tenantId, IReadOnlyList<PreparedStatement> statements, CancellationToken ct)
    {
        var request = new IngestRequest(tenantId, statements);
        if (!_channel.Writer.TryWrite(request))
        {
            _metrics.RequestsRejected.Add(1);
            return new IngestResult(IngestOutcome.Busy, $"The ingest queue is full; retry after {_options.RetryAfterSeconds} s.");
        }

        // Not cancellable once queued: the outcome must be known even if the client went away.
        return await request.Completion.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.WhenAll(Enumerable.Range(0, _writers).Select(_ => Task.Run(() => WriteLoopAsync(stoppingToken), CancellationToken.None)));
        await DrainAsync();
    }

    private async Task WriteLoopAsync(CancellationToken stoppingToken)
    {
        var reader = _channel.Reader;
        var batch = new List<IngestRequest>();
        IngestRequest? carried = null;
        try
        {
            while (carried is not null || await reader.WaitToReadAsync(stoppingToken))
            {
                var count = 0;
                if (carried is not null)
                {
                    batch.Add(carried);
                    count = carried.Statements.Count;
                    carried = null;
                }

                while (reader.TryRead(out var next))
                {
                    if (count > 0 && count + next.Statements.Count > _options.MaxBatchStatements)
                    {
                        carried = next;
                        break;
                    }

                    batch.Add(next);
                    count += next.Statements.Count;
                }

                await WriteBatchAsync(batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: finish what was accepted so no client waits forever.
        }

        if (carried is not null)
        {
            await WriteBatchAsync([carried]);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);

        // BackgroundService starts ExecuteAsync with Task.Run on the stopping token, so a stop that comes before the
        // thread pool picked it up cancels it unrun. Drain here then, or accepted requests would wait forever.
        if (ExecuteTask is null or { IsCompleted: true })
        {
            await DrainAsync();
        }
    }

    /// <summary>Refuses new requests and writes the accepted ones, each alone. Only while no writer loop runs.</summary>
    private async Task DrainAsync()
    {
        _channel.Writer.TryComplete();
        while (_channel.Reader.TryRead(out var remaining))
        {
            await WriteBatchAsync([remaining]);
        }
    }

    private async Task WriteBatchAsync(IReadOnlyList<IngestRequest> batch)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var results = await _writer.WriteAsync(batch, CancellationToken.None);
            Complete(results);
        }
        catch (Exception e) when (batch.Count > 1)
        {
            // One request may have poisoned the group (e.g. a concurrent writer stored the same id first):
            // write each alone so the others still succeed.
            _logger.LogWarning(e, "Ingest batch of {Count} requests failed; retrying them one by one", batch.Count);
            foreach (var request in batch)
            {
                await WriteBatchAsync([request]);
            }

            return;
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Ingest of {Count} statements failed", batch[0].Statements.Count);
            _metrics.RequestsRejected.Add(1);
            batch[0].Completion.TrySetResult(new IngestResult(IngestOutcome.Busy, "The statements could not be stored; nothing was written. Retry shortly."));
            return;
        }

        var statements = batch.Sum(r => r.Statements.Count);
        _metrics.BatchSize.Record(statements);
        _metrics.BatchDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private void Complete(IReadOnlyDictionary<IngestRequest, IngestResult> results)
    {
        foreach (var (request, result) in results)
        {
            if (result.Outcome == IngestOutcome.Stored)
            {
                _metrics.StatementsStored.Add(request.Statements.Count);
            }
            else
            {
                _metrics.RequestsRejected.Add(1);
            }

            request.Completion.TrySetResult(result);
        }
    }
}
