using Dapper;
using Lrs.Application.Idempotency;
using Lrs.Infrastructure.Courses;
using Npgsql;

namespace Lrs.Infrastructure.Idempotency;

/// <summary>Idempotency keys on PostgreSQL, under the tenant_isolation row-level security policy.</summary>
public sealed class PostgresIdempotencyStore(NpgsqlDataSource dataSource) : IIdempotencyStore
{
    public Task<bool> TryClaimAsync(IdempotentRequest request, DateTimeOffset now, CancellationToken ct) =>
        PostgresTenant.RunAsync(dataSource, request.TenantId, ct, async (connection, tx) =>
            await connection.ExecuteAsync(new CommandDefinition(IdempotencySql.Claim, new
            {
                tenant = request.TenantId, request.Key, request.Method, request.Path, request.RequestHash, now = now.UtcDateTime,
            }, tx, cancellationToken: ct)) == 1);

    public Task<IdempotencyRecord?> FindAsync(Guid tenantId, string key, CancellationToken ct) =>
        PostgresTenant.RunAsync(dataSource, tenantId, ct, async (connection, tx) =>
            (await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
                IdempotencySql.Find, new { tenant = tenantId, key }, tx, cancellationToken: ct)))?.ToRecord());

    public Task CompleteAsync(IdempotentRequest request, StoredResponse response, CancellationToken ct) =>
        PostgresTenant.RunAsync(dataSource, request.TenantId, ct, (connection, tx) => connection.ExecuteAsync(new CommandDefinition(
            IdempotencySql.Complete, new { tenant = request.TenantId, key = request.Key, hash = request.RequestHash, response.Status, response.ContentType, response.Body },
            tx, cancellationToken: ct)));

    public Task ReleaseAsync(Guid tenantId, string key, CancellationToken ct) =>
        PostgresTenant.RunAsync(dataSource, tenantId, ct, (connection, tx) => connection.ExecuteAsync(new CommandDefinition(
            IdempotencySql.Release, new { tenant = tenantId, key }, tx, cancellationToken: ct)));

    private sealed class Row
    {
        public string Method { get; init; } = string.Empty;

        public string Path { get; init; } = string.Empty;

        public string RequestHash { get; init; } = string.Empty;

        public int? Status { get; init; }

        public string? ContentType { get; init; }

        public byte[]? Body { get; init; }

        public DateTime Created { get; init; }

        public IdempotencyRecord ToRecord() => new(Method, Path, RequestHash,
            Status is { } status ? new StoredResponse(status, ContentType, Body ?? []) : null, new DateTimeOffset(Created, TimeSpan.Zero));
    }
}
