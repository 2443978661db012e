using System.Text.Json.Nodes;
using Lrs.EndToEnd.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Lrs.EndToEnd.Tests;

/// <summary><c>--rebuild-projections</c>: progress is rebuilt from the ledger alone, then the process exits.</summary>
public sealed class RebuildProjectionsTests
{
    [Fact]
    public async Task RebuildProjections_LedgerWithoutProjector_ProjectsItAndExits()
    {
        using var directory = new TempDirectory();
        var environment = new Dictionary<string, string>
        {
            ["Lrs__Roles"] = "api,ingest", // no projector: nothing is projected until the rebuild
            ["Lrs__Bootstrap__XapiKey"] = "rebuild-key",
            ["Lrs__Bootstrap__XapiSecret"] = "rebuild-secret",
        };
        var actor = Xapi.Agent($"mailto:{Guid.NewGuid():N}@example.com");
        using (var lrs = LrsProcess.Start(directory.Path, environment))
        {
            await lrs.WaitReadyAsync();
            using var client = Xapi.Client(new Uri(lrs.BaseAddress, "xapi/"), "rebuild-key", "rebuild-secret");
            var completed = Xapi.Statement(actor);
            completed["verb"] = new JsonObject { ["id"] = "http://adlnet.gov/expapi/verbs/completed" };
            await Xapi.PostAsync(client, completed, Xapi.Statement(actor));
        }

        Assert.Equal(0, await CountAsync(directory.Path, "completion_records"));

        using var rebuild = LrsProcess.Start(directory.Path, environment, "--rebuild-projections");

        Assert.Equal(0, await rebuild.WaitForExitAsync());
        Assert.Contains("Projections rebuilt from 2 statements.", rebuild.Output, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(directory.Path, "completion_records"));
        Assert.Equal(2, await CountAsync(directory.Path, "attempts"));
    }

    private static async Task<long> CountAsync(string directory, string table)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "data", "lrs.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
