using Lrs.Application.Admins;
using Lrs.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Lrs.Infrastructure.Persistence;

public sealed class AdminStore(LrsDbContext db) : IAdminStore
{
    public Task<AdminAccount?> FindByEmailAsync(string normalisedEmail, CancellationToken ct) =>
        db.Admins.AsNoTracking().FirstOrDefaultAsync(a => a.Email == normalisedEmail, ct);

    public Task<bool> AnyAsync(CancellationToken ct) => db.Admins.AnyAsync(ct);

    public async Task AddAsync(AdminAccount admin, CancellationToken ct)
    {
        db.Admins.Add(admin);
        await db.SaveChangesAsync(ct);
    }

    public async Task<(IReadOnlyList<AdminAccount> Items, int Total)> ListAsync(string? search, int skip, int take, CancellationToken ct)
    {
        var query = db.Admins.AsNoTracking();
        if (search is not null)
        {
            var lower = search.ToLowerInvariant();
            query = query.Where(a => a.Email.Contains(lower));
        }

        return (await query.OrderBy(a => a.Email).Skip(skip).Take(take).ToListAsync(ct), await query.CountAsync(ct));
    }
}
