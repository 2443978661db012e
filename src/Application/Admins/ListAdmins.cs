using Lrs.Application.Common;
using Lrs.Domain.Tenancy;

namespace Lrs.Application.Admins;

/// <summary>One page of admins, optionally only those whose e-mail contains <paramref name="Search"/>.</summary>
public sealed record ListAdmins(string? Search, int Skip, int Take);

public sealed record AdminSummary(string Email, AdminRole Role, DateTimeOffset CreatedAt);

public sealed class ListAdminsHandler(IAdminStore store)
{
    public async Task<Counted<AdminSummary>> HandleAsync(ListAdmins query, CancellationToken ct)
    {
        var (items, total) = await store.ListAsync(Counted.Search(query.Search), Math.Max(0, query.Skip), Counted.Take(query.Take), ct);
        return new Counted<AdminSummary>(items.Select(a => new AdminSummary(a.Email, a.Role, a.CreatedAt)).ToList(), total);
    }
}
