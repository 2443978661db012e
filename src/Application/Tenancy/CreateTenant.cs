using Lrs.Application.Security;
using Lrs.Domain.Tenancy;

namespace Lrs.Application.Tenancy;

/// <summary>Create a tenant with its first xAPI credential. Key and secret are generated when not given.</summary>
public sealed record CreateTenant(string Name, string? Key = null, string? Secret = null, XapiScope Scopes = XapiScope.All, Guid? TenantId = null);

/// <summary>The new tenant and the credential's key and secret (the secret is shown this once; only its hash is kept).</summary>
public sealed record TenantCreated(Guid TenantId, string Key, string Secret);

public sealed class CreateTenantHandler(ITenancyStore store, TimeProvider time)
{
    public async Task<TenantCreated> HandleAsync(CreateTenant command, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var tenant = Tenant.Create(command.Name, now, command.TenantId);
        await store.AddTenantAsync(tenant, ct);
        var issued = await IssueCredentialHandler.IssueAsync(store, tenant.Id, command.Key, command.Secret, command.Name, command.Scopes, now, ct);
        return new TenantCreated(tenant.Id, issued.Key, issued.Secret);
    }
}

/// <summary>Issue another xAPI credential for an existing tenant.</summary>
public sealed record IssueCredential(Guid TenantId, string Name, XapiScope Scopes, string? Key = null, string? Secret = null);

public sealed record CredentialIssued(string Key, string Secret);

public sealed class IssueCredentialHandler(ITenancyStore store, TimeProvider time)
{
    public async Task<CredentialIssued> HandleAsync(IssueCredential command, CancellationToken ct)
    {
        _ = await store.FindTenantAsync(command.TenantId, ct)
            ?? throw new Domain.DomainException($"Tenant {command.TenantId} does not exist.");
        return await IssueAsync(store, command.TenantId, command.Key, command.Secret, command.Name, command.Scopes, time.GetUtcNow(), ct);
    }

    internal static async Task<CredentialIssued> IssueAsync(
        ITenancyStore store, Guid tenantId, string? key, string? secret, string name, XapiScope scopes, DateTimeOffset now, CancellationToken ct)
    {
        key ??= "lrs_" + SecretHasher.NewSecret()[..16];
        secret ??= SecretHasher.NewSecret();
        if (await store.FindCredentialAsync(key, ct) is not null)
        {
            throw new Domain.DomainException($"A credential with key '{key}' already exists.");
        }

        await store.AddCredentialAsync(Credential.Issue(tenantId, key, name, SecretHasher.Hash(secret), scopes, now), ct);
        return new CredentialIssued(key, secret);
    }
}
