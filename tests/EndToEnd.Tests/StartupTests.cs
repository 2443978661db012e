using Lrs.EndToEnd.Tests.Support;

namespace Lrs.EndToEnd.Tests;

/// <summary>The host's command line and configuration failures, as a deployment script meets them.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task MigrateOnly_AppliesSchemaAndExits()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var directory = new TempDirectory();
        using var host = LrsProcess.Start(directory.Path, Postgres(database.ConnectionString), "--migrate-only");

        Assert.Equal(0, await host.WaitForExitAsync());
        Assert.True(await database.ScalarAsync("SELECT count(*) FROM schema_migrations") > 0, host.Output);
    }

    [Fact]
    public async Task Start_PostgresWithoutConnectionString_ExitsNonZeroNamingTheSetting()
    {
        using var directory = new TempDirectory();
        using var host = LrsProcess.Start(directory.Path, new Dictionary<string, string> { ["Lrs__Database__Provider"] = "Postgres" });

        Assert.NotEqual(0, await host.WaitForExitAsync());
        Assert.Contains("ConnectionString", host.Output, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Postgres(string connectionString) => new()
    {
        ["Lrs__Database__Provider"] = "Postgres",
        ["Lrs__Database__ConnectionString"] = connectionString,
    };
}
