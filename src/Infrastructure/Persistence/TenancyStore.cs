using Lrs.Application.Tenancy;
using Lrs.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Lrs.Infrastructure.Persistence;

public sealed class TenancyStore(LrsDbContext db) : ITenancyStore
{
    public Task<Credential?> FindCredentialAsync(string key, CancellationToken ct) =>
        db.Credentials.AsNoTracking().FirstOrDefaultAsync(c => c.Key == key, ct);

    public Task<Tenant?> FindTenantAsync(Guid id, CancellationToken ct) =>
        db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);

    public Task<Tenant?> FirstTenantAsync(CancellationToken ct) =>
        db.Tenants.AsNoTracking().OrderBy(t => t.Name).FirstOrDefaultAsync(ct);

    public async Task AddTenantAsync(Tenant tenant, CancellationToken ct)
    {
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync(ct);
    }

    public async Task AddCredentialAsync(Credential credential, CancellationToken ct)
    {
        db.Credentials.Add(credential);
        await db.SaveChangesAsync(ct);
    }

    public async Task<(IReadOnlyList<Tenant> Items, int Total)> ListTenantsAsync(string? search, int skip, int take, CancellationToken ct)
    {
        var query = db.Tenants.AsNoTracking();
        if (search is not null)
        {
            var lower = search.ToLowerInvariant();
            query = query.Where(t => t.Name.ToLower().Contains(lower));
        }

        return (await query.OrderBy(t => t.Name).ThenBy(t => t.Id).Skip(skip).Take(take).ToListAsync(ct), await query.CountAsync(ct));
    }

    public async Task<(IReadOnlyList<Credential> Items, int Total)> ListCredentialsAsync(
        Guid tenantId, string? search, int skip, int take, CancellationToken ct)
    {
        var query = db.Credentials.AsNoTracking().Where(c => c.TenantId == tenantId);
        if (search is not null)
        {
            var lower = search.ToLowerInvariant();
            query = query.Where(c => c.Key.ToLower().Contains(lower) || c.Name.ToLower().Contains(lower));
        }

        // Ids are UUIDv7, so id order is creation order on both databases.
        return (await query.OrderByDescending(c => c.Id).Skip(skip).Take(take).ToListAsync(ct), await query.CountAsync(ct));
    }

    public async Task<bool> RevokeCredentialAsync(string key, DateTimeOffset now, CancellationToken ct)
    {
        var credential = await db.Credentials.FirstOrDefaultAsync(c => c.Key == key, ct);
        if (credential is not { IsActive: true })
        {
            return false;
        }

        credential.Revoke(now);
        await db.SaveChangesAsync(ct);
        return true;
    }
}
