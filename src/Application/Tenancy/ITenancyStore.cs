using Lrs.Domain.Tenancy;

namespace Lrs.Application.Tenancy;

/// <summary>Tenants and credentials, as the use cases need them.</summary>
public interface ITenancyStore
{
    Task<Credential?> FindCredentialAsync(string key, CancellationToken ct);

    Task<Tenant?> FindTenantAsync(Guid id, CancellationToken ct);

    Task<Tenant?> FirstTenantAsync(CancellationToken ct);

    Task AddTenantAsync(Tenant tenant, CancellationToken ct);

    Task AddCredentialAsync(Credential credential, CancellationToken ct);

    /// <summary>Tenants whose name contains <paramref name="search"/> (all when null), by name, and how many match.</summary>
    Task<(IReadOnlyList<Tenant> Items, int Total)> ListTenantsAsync(string? search, int skip, int take, CancellationToken ct);

    /// <summary>A tenant's credentials whose key or name contains <paramref name="search"/>, newest first, and how many match.</summary>
    Task<(IReadOnlyList<Credential> Items, int Total)> ListCredentialsAsync(Guid tenantId, string? search, int skip, int take, CancellationToken ct);

    /// <summary>Marks the credential revoked at <paramref name="now"/>; false when it does not exist or was already revoked.</summary>
    Task<bool> RevokeCredentialAsync(string key, DateTimeOffset now, CancellationToken ct);
}
