namespace Lrs.Infrastructure.Ingest;

/// <summary>Configuration section <c>Lrs:Ingest</c>.</summary>
public sealed class IngestOptions
{
    /// <summary>Write requests that may wait for the writer; beyond this the API answers 503 with Retry-After.</summary>
    public int QueueCapacity { get; set; } = 4096;

    /// <summary>Most statements one transaction takes (a request is never split).</summary>
    public int MaxBatchStatements { get; set; } = 5000;

    /// <summary>Seconds a client is told to wait when the queue is full.</summary>
    public int RetryAfterSeconds { get; set; } = 1;
}
