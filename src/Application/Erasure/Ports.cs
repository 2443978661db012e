namespace Lrs.Application.Erasure;

/// <summary>What an erasure changed, per kind of row.</summary>
public sealed record ErasureCounts(
    long Statements, long Documents, long Attachments, long ReadModelRows, long SagaInstances, long Messages);

/// <summary>An erasure request as its tombstone shows it: nothing in it identifies the agent.</summary>
public sealed record ErasureView(
    Guid Id, string Status, string AgentHash, string Placeholder, string RequestedBy, DateTimeOffset RequestedAt,
    ErasureCounts? Counts, string? Error, DateTimeOffset? CompletedAt);

/// <summary>A request still to be carried out (<c>requested</c>, <c>erased</c> or <c>rebuilt</c>), with the identifier keys it erases.</summary>
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
    /// the attachments only its statements referenced and its read-model rows, gives saga instances, outbox rows and dead
    /// letters the placeholder, queues <c>progress.gdpr.erased.v1</c> in the outbox and marks the request <c>erased</c>.
    /// </summary>
    Task<ErasureCounts> EraseAsync(PendingErasure request, AgentRedaction redaction, DateTimeOffset now, CancellationToken ct);

    /// <summary>The placeholder learner's read models are rebuilt: <c>erased</c> → <c>rebuilt</c>.</summary>
    Task MarkRebuiltAsync(Guid tenantId, Guid id, CancellationToken ct);

    /// <summary>
    /// Once the relay has sent <c>progress.gdpr.erased.v1</c>: redacts that outbox row too, forgets the keys and marks the
    /// request <c>completed</c>. False while the notification is still queued.
    /// </summary>
    Task<bool> CompleteAsync(PendingErasure request, AgentRedaction redaction, DateTimeOffset at, CancellationToken ct);

    /// <summary>Marks a request <c>failed</c>, forgetting its keys.</summary>
    Task FailAsync(Guid tenantId, Guid id, string error, DateTimeOffset at, CancellationToken ct);
}
