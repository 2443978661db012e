using Lrs.EndToEnd.Tests.Support;

namespace Lrs.Bench;

/// <summary>
/// The built host (<c>dotnet Lrs.Api.dll</c>, started as the end-to-end tests start it) on a free loopback port, on the run's
/// PostgreSQL database, with a fixed xAPI credential. Runs the <c>api</c>, <c>ingest</c> and <c>partitions</c> roles: the
/// projector and relay are separate deployments in production and would only compete for the same two cores here.
/// </summary>
internal sealed class LrsHost : IAsyncDisposable
{
    public const string Key = "bench";
    public const string Secret = "bench-secret-0123456789abcdef";

    private readonly LrsProcess _process;
    private readonly DirectoryInfo _directory;

    private LrsHost(LrsProcess process, DirectoryInfo directory)
    {
        _process = process;
        _directory = directory;
    }

    public Uri BaseAddress => _process.BaseAddress;

    public static async Task<LrsHost> StartAsync(string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Warning",
            ["Lrs__Roles"] = "api,ingest,partitions",
            ["Lrs__Database__Provider"] = "Postgres",
            ["Lrs__Database__ConnectionString"] = connectionString,
            ["Lrs__Bootstrap__XapiKey"] = Key,
            ["Lrs__Bootstrap__XapiSecret"] = Secret,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var directory = Directory.CreateTempSubdirectory("lrs-bench-");
        var host = new LrsHost(LrsProcess.Start(directory.FullName, environment), directory);
        try
        {
            await host._process.WaitReadyAsync();
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>The operating system's id of the host process.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The host's resident memory (working set) in MiB.</summary>
    public double MemoryMiB() => _process.WorkingSetMiB();

    public ValueTask DisposeAsync()
    {
        _process.Dispose();
        _directory.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }
}
