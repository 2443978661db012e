namespace Lrs.Application.Idempotency;

public enum IdempotencyOutcome
{
    /// <summary>First use of the key: run the request, then complete or release the key.</summary>
    Claimed,

    /// <summary>A retry of a finished request: answer its stored response.</summary>
    Replay,

    /// <summary>The key was first used for a different request.</summary>
    Mismatch,

    /// <summary>The first request with the key has not finished yet.</summary>
    InProgress,
}

public sealed record IdempotencyClaim(IdempotencyOutcome Outcome, StoredResponse? Response = null);

/// <summary>
/// Decides what a request with an Idempotency-Key does: run (first use), replay the stored response (same request),
/// or be refused (different request, or the first still running). Keys expire after <see cref="Retention"/>.
/// </summary>
public sealed class ClaimIdempotencyKeyHandler(IIdempotencyStore store, TimeProvider time)
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    public async Task<IdempotencyClaim> HandleAsync(IdempotentRequest request, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await store.TryClaimAsync(request, now, ct))
            {
                return new IdempotencyClaim(IdempotencyOutcome.Claimed);
            }

            var existing = await store.FindAsync(request.TenantId, request.Key, ct);
            if (existing is null)
            {
                continue; // released between our insert and read: try again
            }

            if (existing.Created < now - Retention)
            {
                await store.ReleaseAsync(request.TenantId, request.Key, ct);
                continue;
            }

            if (existing.Method != request.Method || existing.Path != request.Path || existing.RequestHash != request.RequestHash)
            {
                return new IdempotencyClaim(IdempotencyOutcome.Mismatch);
            }

            return existing.Response is null
                ? new IdempotencyClaim(IdempotencyOutcome.InProgress)
                : new IdempotencyClaim(IdempotencyOutcome.Replay, existing.Response);
        }

        return new IdempotencyClaim(IdempotencyOutcome.InProgress);
    }
}
