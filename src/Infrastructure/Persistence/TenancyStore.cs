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
}
