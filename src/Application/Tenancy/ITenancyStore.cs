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
}
