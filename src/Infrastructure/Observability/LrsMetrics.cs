using System.Diagnostics.Metrics;

namespace Lrs.Infrastructure.Observability;

/// <summary>
/// The LRS's own instruments on the <c>Lrs</c> meter (read them with
/// <c>dotnet-counters monitor -n Lrs.Api --counters Lrs,Microsoft.AspNetCore.Hosting</c>).
/// </summary>
public sealed class LrsMetrics : IDisposable
{
    public const string MeterName = "Lrs";

    private readonly Meter _meter;

    public LrsMetrics(IMeterFactory factory)
    {
        _meter = factory.Create(MeterName);
        StatementsStored = _meter.CreateCounter<long>("lrs.statements.stored", "{statement}", "Statements committed to the ledger");
        RequestsRejected = _meter.CreateCounter<long>("lrs.ingest.rejected", "{request}", "Write requests rejected (conflict, invalid or busy)");
        BatchSize = _meter.CreateHistogram<int>("lrs.ingest.batch_size", "{statement}", "Statements per ingest transaction");
        BatchDuration = _meter.CreateHistogram<double>("lrs.ingest.batch_duration", "ms", "Time to write and commit one ingest transaction");
    }

    public Counter<long> StatementsStored { get; }

    public Counter<long> RequestsRejected { get; }

    public Histogram<int> BatchSize { get; }

    public Histogram<double> BatchDuration { get; }

    public void ObserveQueueDepth(Func<int> depth) =>
        _meter.CreateObservableGauge("lrs.ingest.queue_depth", depth, "{request}", "Write requests waiting for the ingest writer");

    /// <summary>
    /// <c>lrs.relay.backlog</c>: messages not yet published, and <c>lrs.relay.lag</c>: age of the oldest of them, each
    /// with <c>source</c> = <c>outbox</c> (outbox rows) or <c>ledger</c> (statements not yet announced).
    /// </summary>
    public void ObserveRelay(Func<IEnumerable<Measurement<long>>> backlog, Func<IEnumerable<Measurement<double>>> lag)
    {
        _meter.CreateObservableGauge("lrs.relay.backlog", backlog, "{message}", "Integration events not yet published");
        _meter.CreateObservableGauge("lrs.relay.lag", lag, "s", "Age of the oldest integration event not yet published");
    }

    public void Dispose() => _meter.Dispose();
}
