using Lrs.Domain.Tenancy;

namespace Lrs.Application.Admins;

/// <summary>Portal admin accounts.</summary>
public interface IAdminStore
{
    Task<AdminAccount?> FindByEmailAsync(string normalisedEmail, CancellationToken ct);

    Task<bool> AnyAsync(CancellationToken ct);

    Task AddAsync(AdminAccount admin, CancellationToken ct);

    /// <summary>Admins whose e-mail contains <paramref name="search"/> (all when null), by e-mail, and how many match.</summary>
    Task<(IReadOnlyList<AdminAccount> Items, int Total)> ListAsync(string? search, int skip, int take, CancellationToken ct);
}
