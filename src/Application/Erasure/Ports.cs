namespace Lrs.Application.Erasure;

/// <summary>What an erasure changed, per kind of row.</summary>
public sealed record ErasureCounts(
    long Statements, long Documents, long Attachments, long ReadModelRows, long SagaInstances)
{
    public static readonly ErasureCounts None = new(0, 0, 0, 0, 0);
}

/// <summary>An erasure request as its tombstone shows it: nothing in it identifies the agent.</summary>
public sealed record ErasureView(
    Guid Id, string Status, string AgentHash, string Placeholder, string RequestedBy, DateTimeOffset RequestedAt,
    ErasureCounts? Counts, string? Error, DateTimeOffset? CompletedAt);

/// <summary>A request still to be carried out: <c>requested</c> with the identifier keys it erases, or <c>erased</c> (keys gone).</summary>
public sealed record PendingErasure(Guid TenantId, Guid Id, string Status, IReadOnlyList<string> Keys);

public interface IErasureStore
{
    /// <summary>Records a request (status <c>requested</c>); the same id again is a no-op that returns the stored one.</summary>
    Task<ErasureView> RequestAsync(Guid tenantId, Guid id, IReadOnlyList<string> keys, string placeholder, string requestedBy,
        DateTimeOffset at, CancellationToken ct);

    Task<ErasureView?> FindAsync(Guid tenantId, Guid id, CancellationToken ct);

    /// <summary>Requests newest first, after <paramref name="after"/> (keyset), up to <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<ErasureView>> ListAsync(Guid tenantId, (DateTimeOffset At, Guid Id)? after, int limit, CancellationToken ct);

    /// <summary>Requests of any tenant not yet completed.</summary>
    Task<IReadOnlyList<PendingErasure>> PendingAsync(CancellationToken ct);

    /// <summary>
    /// In one transaction: redacts the agent from the tenant's statements and their agent index, deletes its documents,
    /// the attachments only its statements referenced and its read-model rows, relabels saga instances with the
    /// placeholder, forgets the request's keys and marks it <c>erased</c> with the counts.
    /// </summary>
    Task<ErasureCounts> EraseAsync(PendingErasure request, AgentRedaction redaction, CancellationToken ct);

    /// <summary>Marks an erased request <c>completed</c> (or <c>failed</c> with <paramref name="error"/>).</summary>
    Task FinishAsync(Guid tenantId, Guid id, string? error, DateTimeOffset at, CancellationToken ct);
}
