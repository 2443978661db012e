using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Lrs.Infrastructure.Persistence;

/// <summary>Ready when the database answers and every known migration has been applied.</summary>
public sealed class DatabaseHealthCheck(MigrationRunner migrations) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var applied = await migrations.AppliedAsync(cancellationToken);
            var missing = migrations.Available.Select(m => m.Version).Except(applied).ToList();
            return missing.Count == 0
                ? HealthCheckResult.Healthy($"{applied.Count} migrations applied")
                : HealthCheckResult.Unhealthy($"Migrations not applied: {string.Join(", ", missing)}");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("Database unreachable: " + e.Message);
        }
    }
}
