using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Lrs.Bench;

/// <summary>
/// The built host (<c>dotnet Lrs.Api.dll</c>) as a child process on a free loopback port, on the run's PostgreSQL database,
/// with a fixed xAPI credential. Runs the <c>api</c>, <c>ingest</c> and <c>partitions</c> roles: the projector and relay
/// are separate deployments in production and would only compete for the same two cores here.
/// </summary>
internal sealed class LrsHost : IAsyncDisposable
{
    public const string Key = "bench";
    public const string Secret = "bench-secret-0123456789abcdef";

    private readonly Process _process;
    private readonly List<string> _output = [];

    private LrsHost(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<LrsHost> StartAsync(string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Directory.CreateTempSubdirectory("lrs-bench-").FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Lrs.Api.dll"));
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("Lrs__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Lrs__Roles"] = "api,ingest,partitions";
        info.Environment["Lrs__Database__Provider"] = "Postgres";
        info.Environment["Lrs__Database__ConnectionString"] = connectionString;
        info.Environment["Lrs__Bootstrap__XapiKey"] = Key;
        info.Environment["Lrs__Bootstrap__XapiSecret"] = Secret;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var host = new LrsHost(process, baseAddress);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitReadyAsync();
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>The host's resident memory (working set) in MiB, as the operating system reports it now.</summary>
    public double MemoryMiB()
    {
        _process.Refresh();
        return _process.WorkingSet64 / 1024.0 / 1024.0;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output.TakeLast(40));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        Directory.Delete(_process.StartInfo.WorkingDirectory, recursive: true);
        _process.Dispose();
    }

    private async Task WaitReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Lrs exited with {_process.ExitCode} before it was ready:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync("health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy starting to answer within the probe's timeout.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Lrs was not ready within two minutes:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Add(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
