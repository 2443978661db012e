namespace Lrs.Application.Events;

/// <summary>A message a consumer still failed on after its retries, kept with the error for replay or discard.</summary>
public sealed record DeadLetter(
    Guid Id, Guid TenantId, Guid MessageId, string MessageType, string Consumer, string Payload, string Error, int Attempts, DateTimeOffset FailedAt);

/// <summary>The dead letters of a tenant (row-level security on PostgreSQL confines each call to the tenant).</summary>
public interface IDeadLetterStore
{
    /// <summary>
    /// Up to <paramref name="limit"/> dead letters with ids after <paramref name="after"/>, oldest first (ids are UUIDv7),
    /// only those of <paramref name="messageType"/> when it is given.
    /// </summary>
    Task<IReadOnlyList<DeadLetter>> ListAsync(Guid tenantId, Guid? after, int limit, string? messageType, CancellationToken ct);

    /// <summary>The message types the tenant's dead letters have, in order.</summary>
    Task<IReadOnlyList<string>> MessageTypesAsync(Guid tenantId, CancellationToken ct);

    Task<DeadLetter?> FindAsync(Guid tenantId, Guid id, CancellationToken ct);

    Task<bool> DeleteAsync(Guid tenantId, Guid id, CancellationToken ct);
}

/// <summary>Sends a dead letter's message again to the consumer that failed on it, with its original message id.</summary>
public interface IMessageReplay
{
    Task ReplayAsync(DeadLetter letter, CancellationToken ct);
}

public sealed record ListDeadLetters(Guid TenantId, string? Cursor, int? Limit, string? MessageType = null);

/// <summary>Lists, reads, replays and discards dead letters; for the internal API and the portal.</summary>
public sealed class DeadLettersHandler(IDeadLetterStore store, IMessageReplay replay)
{
    public const int MaxLimit = 200;

    /// <summary>A page and the cursor of the next one, or an error naming the malformed cursor or limit.</summary>
    public async Task<(IReadOnlyList<DeadLetter> Items, string? Next, string? Error)> ListAsync(ListDeadLetters query, CancellationToken ct)
    {
        var limit = query.Limit ?? 50;
        if (limit is < 1 or > MaxLimit)
        {
            return ([], null, $"limit must be from 1 to {MaxLimit}.");
        }

        Guid? after = null;
        if (query.Cursor is not null)
        {
            if (!Guid.TryParse(query.Cursor, out var cursor))
            {
                return ([], null, "cursor is not one this API gave out.");
            }

            after = cursor;
        }

        var items = await store.ListAsync(query.TenantId, after, limit + 1, string.IsNullOrWhiteSpace(query.MessageType) ? null : query.MessageType.Trim(), ct);
        var page = items.Take(limit).ToList();
        return (page, items.Count > limit ? page[^1].Id.ToString("D") : null, null);
    }

    public Task<IReadOnlyList<string>> MessageTypesAsync(Guid tenantId, CancellationToken ct) => store.MessageTypesAsync(tenantId, ct);

    public Task<DeadLetter?> GetAsync(Guid tenantId, Guid id, CancellationToken ct) => store.FindAsync(tenantId, id, ct);

    /// <summary>
    /// Sends the message again and removes the dead letter; false when there is none. Safe to repeat: the consumer's
    /// inbox ignores a message id it has already handled.
    /// </summary>
    public async Task<bool> ReplayAsync(Guid tenantId, Guid id, CancellationToken ct)
    {
        if (await store.FindAsync(tenantId, id, ct) is not { } letter)
        {
            return false;
        }

        await replay.ReplayAsync(letter, ct);
        await store.DeleteAsync(tenantId, id, ct);
        return true;
    }

    public Task<bool> DeleteAsync(Guid tenantId, Guid id, CancellationToken ct) => store.DeleteAsync(tenantId, id, ct);
}
