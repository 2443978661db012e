using Lrs.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Lrs.Infrastructure.Persistence;

/// <summary>EF Core mapping of the relational (non-ledger) tables. The schema itself comes from the SQL migrations.</summary>
public sealed class LrsDbContext(DbContextOptions<LrsDbContext> options) : DbContext(options)
{
    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<Credential> Credentials => Set<Credential>();

    public DbSet<AdminAccount> Admins => Set<AdminAccount>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(LrsDbContext).Assembly);
}
