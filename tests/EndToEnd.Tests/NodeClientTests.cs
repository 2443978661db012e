using System.Diagnostics;
using Lrs.EndToEnd.Tests.Support;

namespace Lrs.EndToEnd.Tests;

/// <summary>
/// Third-party content's view: the <c>@xapi/xapi</c> npm client library drives every xAPI resource of the real
/// binary on PostgreSQL (<c>node/xapi-client.mjs</c>; build/test.sh installs its packages).
/// </summary>
public sealed class NodeClientTests
{
    private const string Key = "node-client";
    private const string Secret = "node-client-secret";

    [Fact]
    public async Task XapiJsClient_EveryResource_Succeeds()
    {
        var modules = Path.Combine(SourceNodeDirectory(), "node_modules");
        Assert.True(Directory.Exists(modules), $"{modules} is missing: run 'npm ci' in tests/EndToEnd.Tests/node (build/test.sh does).");

        using var directory = new TempDirectory();
        await using var database = await PostgresDatabase.CreateAsync();
        using var lrs = LrsProcess.Start(directory.Path, new Dictionary<string, string>
        {
            ["Lrs__Database__Provider"] = "Postgres",
            ["Lrs__Database__ConnectionString"] = database.ConnectionString,
            ["Lrs__Bootstrap__XapiKey"] = Key,
            ["Lrs__Bootstrap__XapiSecret"] = Secret,
        });
        await lrs.WaitReadyAsync();

        var start = new ProcessStartInfo("node", [Path.Combine(SourceNodeDirectory(), "xapi-client.mjs")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = SourceNodeDirectory(),
        };
        start.Environment["LRS_ENDPOINT"] = new Uri(lrs.BaseAddress, "/xapi/").ToString();
        start.Environment["LRS_KEY"] = Key;
        start.Environment["LRS_SECRET"] = Secret;
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await node.WaitForExitAsync(timeout.Token);

        Assert.True(node.ExitCode == 0, $"{await output}\n{await errors}");
        Assert.Contains("all checks passed", await output, StringComparison.Ordinal);
    }

    private static string SourceNodeDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EndToEnd.Tests.csproj")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("tests/EndToEnd.Tests not found above the test binaries."), "node");
    }
}
