namespace Lrs.Application.Idempotency;

/// <summary>A request made with an <c>Idempotency-Key</c>: the tenant's key and what identifies the request.</summary>
/// <param name="TenantId">Keys are scoped per tenant.</param>
/// <param name="Key">The client's Idempotency-Key.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path and query.</param>
/// <param name="RequestHash">SHA-256 (hex) over method, path, content type and body.</param>
public sealed record IdempotentRequest(Guid TenantId, string Key, string Method, string Path, string RequestHash);

/// <summary>The first response to a key, replayed to retries.</summary>
public sealed record StoredResponse(int Status, string? ContentType, byte[] Body);

/// <summary>A key as stored: the request it was first used for and, once that finished, its response.</summary>
public sealed record IdempotencyRecord(string Method, string Path, string RequestHash, StoredResponse? Response, DateTimeOffset Created);

/// <summary>Idempotency keys of each tenant; the primary key (tenant, key) settles two requests racing for one key.</summary>
public interface IIdempotencyStore
{
    /// <summary>Records the key as in progress; false when the tenant already holds it.</summary>
    Task<bool> TryClaimAsync(IdempotentRequest request, DateTimeOffset now, CancellationToken ct);

    Task<IdempotencyRecord?> FindAsync(Guid tenantId, string key, CancellationToken ct);

    Task CompleteAsync(IdempotentRequest request, StoredResponse response, CancellationToken ct);

    /// <summary>Forgets the key (the request failed, or the key expired), so it may be used again.</summary>
    Task ReleaseAsync(Guid tenantId, string key, CancellationToken ct);
}
