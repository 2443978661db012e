namespace Lrs.Infrastructure.Ingest;

/// <summary>Configuration section <c>Lrs:Ingest</c>.</summary>
public sealed class IngestOptions
{
    /// <summary>Write requests that may wait for the writer; beyond this the API answers 503 with Retry-After.</summary>
    public int QueueCapacity { get; set; } = 4096;

    /// <summary>Most statements one transaction takes (a request is never split).</summary>
    public int MaxBatchStatements { get; set; } = 5000;

    /// <summary>
    /// Transactions the writer runs at once on PostgreSQL, each taking what has accumulated in the queue. While one
    /// commits or waits for the host, another keeps the database busy; two made batched ingest a third faster on two
    /// cores (docs/performance.md). SQLite has one writer at a time whatever this says.
    /// </summary>
    public int Writers { get; set; } = 2;

    /// <summary>Seconds a client is told to wait when the queue is full.</summary>
    public int RetryAfterSeconds { get; set; } = 1;
}
