using System.Globalization;
using Lrs.Application.Demo;
using Lrs.Infrastructure.Ingest;

namespace Lrs.Api.Hosting;

/// <summary>
/// The <c>--seed-demo</c> option: fills the demo tenant (docs/decisions/0013). With the host serving, the statements go
/// through its running ingest writer; with <c>--migrate-only</c> the host never starts, so the writer is run for the
/// seeding alone and stopped (draining) afterwards.
/// </summary>
public static class DemoSeeding
{
    public const string Option = "--seed-demo";

    /// <summary>Seeds through the ingest writer of a host that is running.</summary>
    public static async Task<DemoSeeded> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        using var scope = services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<SeedDemoHandler>().HandleAsync(new SeedDemo(), ct);
    }

    /// <summary>Seeds without a running host: starts the ingest writer for the duration.</summary>
    public static async Task<DemoSeeded> RunWithoutHostAsync(IServiceProvider services, CancellationToken ct)
    {
        var writer = services.GetRequiredService<IngestQueue>();
        await writer.StartAsync(ct);
        try
        {
            return await RunAsync(services, ct);
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>What to tell the operator: what was seeded, the demo credential, and where to look.</summary>
    public static string Describe(DemoSeeded seeded, string? endpoint, bool portal)
    {
        var what = string.Create(CultureInfo.InvariantCulture,
            $"{seeded.Courses} courses, {seeded.Learners} learners, {seeded.Statements:N0} statements ({seeded.Voided} voided)");
        var lines = new List<string>
        {
            seeded.Created
                ? string.Create(CultureInfo.InvariantCulture, $"Seeded tenant '{SeedDemoHandler.TenantName}' with {what} in {seeded.Elapsed.TotalSeconds:F1} s ({seeded.Projection.TotalSeconds:F1} s of it projecting progress).")
                : $"Tenant '{SeedDemoHandler.TenantName}' already holds the demo data ({what}); nothing was added.",
            $"  Demo xAPI key:    {seeded.Key}",
            $"  Demo xAPI secret: {seeded.Secret}",
        };
        if (endpoint is not null)
        {
            lines.Add($"  Reports:          {endpoint}/api/v1/reports/completion-rate (same credential)");
            if (portal)
            {
                lines.Add($"  Admin portal:     {endpoint}/admin/");
            }
        }

        return string.Join('\n', lines);
    }
}
