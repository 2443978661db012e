using Lrs.Application.Tenancy;

namespace Lrs.Application.Events;

/// <summary>
/// Inbound events name their tenant; one this LRS does not have would otherwise leave rows no tenant owns (the ledger
/// has no foreign key to tenants). Such a message can never succeed, so it becomes a dead letter at once.
/// </summary>
public static class KnownTenant
{
    public static async Task RequireAsync(this ITenancyStore tenants, Guid tenantId, string messageName, CancellationToken ct)
    {
        if (await tenants.FindTenantAsync(tenantId, ct) is null)
        {
            throw new InvalidMessageException($"{messageName}: tenant {tenantId:D} is not known to this LRS.");
        }
    }
}
