using System.Text.Json.Nodes;
using Lrs.EndToEnd.Tests.Support;

namespace Lrs.EndToEnd.Tests;

/// <summary><c>--seed-demo</c> from the command line: seeds while the host serves, and a second run adds nothing.</summary>
public sealed class SeedDemoTests
{
    // Seeding 18,000 statements and projecting them takes minutes on a busy 2-core machine.
    private static readonly TimeSpan SeedingTime = TimeSpan.FromMinutes(12);

    [Fact]
    public async Task SeedDemo_ServingThenMigrateOnly_SeedsOnceAndServesTheReports()
    {
        using var directory = new TempDirectory();
        using (var lrs = LrsProcess.Start(directory.Path, null, "--seed-demo"))
        {
            // Listening on the --urls given after the switch: the switch does not swallow the next option.
            await lrs.WaitReadyAsync();
            await lrs.WaitForLineAsync(l => l.Contains("Demo xAPI secret: lrs_demo_secret", StringComparison.Ordinal), within: SeedingTime);
            Assert.Contains("Seeded tenant 'demo' with 4 courses, 300 learners", lrs.Output, StringComparison.Ordinal);
            Assert.Contains($"Admin portal:     {lrs.BaseAddress.ToString().TrimEnd('/')}/admin/", lrs.Output, StringComparison.Ordinal);

            using var client = Xapi.Client(lrs.BaseAddress, "lrs_demo", "lrs_demo_secret");
            client.DefaultRequestHeaders.Remove("X-Experience-API-Version");
            var report = JsonNode.Parse(await client.GetStringAsync("/api/v1/reports/completion-rate"))!;
            Assert.Equal(4, report["courses"]!.AsArray().Count);
            Assert.All(report["courses"]!.AsArray(), c => Assert.True((int)c!["completed"]! > 0));
        }

        using var again = LrsProcess.Start(directory.Path, null, "--seed-demo", "--migrate-only");

        Assert.Equal(0, await again.WaitForExitAsync());
        Assert.Contains("Tenant 'demo' already holds the demo data", again.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Seeded tenant", again.Output, StringComparison.Ordinal);
    }
}
