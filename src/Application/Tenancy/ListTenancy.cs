using Lrs.Application.Common;
using Lrs.Domain.Tenancy;

namespace Lrs.Application.Tenancy;

/// <summary>One page of tenants, optionally only those whose name contains <paramref name="Search"/>.</summary>
public sealed record ListTenants(string? Search, int Skip, int Take);

public sealed record TenantSummary(Guid Id, string Name, DateTimeOffset CreatedAt);

/// <summary>One page of a tenant's credentials (never their secrets).</summary>
public sealed record ListCredentials(Guid TenantId, string? Search, int Skip, int Take);

public sealed record CredentialSummary(string Key, string Name, string Scopes, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

public sealed class ListTenantsHandler(ITenancyStore store)
{
    public async Task<Counted<TenantSummary>> HandleAsync(ListTenants query, CancellationToken ct)
    {
        var (items, total) = await store.ListTenantsAsync(Counted.Search(query.Search), Math.Max(0, query.Skip), Counted.Take(query.Take), ct);
        return new Counted<TenantSummary>(items.Select(t => new TenantSummary(t.Id, t.Name, t.CreatedAt)).ToList(), total);
    }
}

public sealed class ListCredentialsHandler(ITenancyStore store)
{
    public async Task<Counted<CredentialSummary>> HandleAsync(ListCredentials query, CancellationToken ct)
    {
        var (items, total) = await store.ListCredentialsAsync(
            query.TenantId, Counted.Search(query.Search), Math.Max(0, query.Skip), Counted.Take(query.Take), ct);
        return new Counted<CredentialSummary>(
            items.Select(c => new CredentialSummary(c.Key, c.Name, XapiScopes.Format(c.Scopes), c.CreatedAt, c.RevokedAt)).ToList(), total);
    }
}
