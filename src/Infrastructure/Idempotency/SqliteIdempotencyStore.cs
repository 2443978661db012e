using System.Globalization;
using Dapper;
using Lrs.Application.Idempotency;
using Lrs.Infrastructure.Persistence;

namespace Lrs.Infrastructure.Idempotency;

/// <summary>Idempotency keys on SQLite; tenancy by the queries alone.</summary>
public sealed class SqliteIdempotencyStore(SqliteConnections connections) : IIdempotencyStore
{
    public async Task<bool> TryClaimAsync(IdempotentRequest request, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(IdempotencySql.Claim, new
        {
            tenant = Tenant(request.TenantId), request.Key, request.Method, request.Path, request.RequestHash, now = now.ToUnixTimeMilliseconds(),
        }, cancellationToken: ct)) == 1;
    }

    public async Task<IdempotencyRecord?> FindAsync(Guid tenantId, string key, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        return (await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            IdempotencySql.Find, new { tenant = Tenant(tenantId), key }, cancellationToken: ct)))?.ToRecord();
    }

    public async Task CompleteAsync(IdempotentRequest request, StoredResponse response, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(IdempotencySql.Complete, new
        {
            tenant = Tenant(request.TenantId), key = request.Key, hash = request.RequestHash, response.Status, response.ContentType, response.Body,
        }, cancellationToken: ct));
    }

    public async Task ReleaseAsync(Guid tenantId, string key, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(IdempotencySql.Release, new { tenant = Tenant(tenantId), key }, cancellationToken: ct));
    }

    private static string Tenant(Guid tenantId) => tenantId.ToString("D", CultureInfo.InvariantCulture);

    private sealed class Row
    {
        public string Method { get; init; } = string.Empty;

        public string Path { get; init; } = string.Empty;

        public string RequestHash { get; init; } = string.Empty;

        public long? Status { get; init; }

        public string? ContentType { get; init; }

        public byte[]? Body { get; init; }

        public long Created { get; init; }

        public IdempotencyRecord ToRecord() => new(Method, Path, RequestHash,
            Status is { } status ? new StoredResponse((int)status, ContentType, Body ?? []) : null, DateTimeOffset.FromUnixTimeMilliseconds(Created));
    }
}
