using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Lrs.EndToEnd.Tests.Support;

/// <summary>
/// The built host run as an operator runs it (<c>dotnet Lrs.Api.dll</c>) in a working directory of the test's
/// choosing, on a free loopback port, with stdout and stderr captured line by line. The benchmark harness
/// (build/bench/Harness) compiles this file too.
/// </summary>
public sealed class LrsProcess : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly Lock _gate = new();

    private LrsProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ExitCode => _process.ExitCode;

    /// <summary>The operating system's id of the process.</summary>
    public int Id => _process.Id;

    /// <summary>The process's resident memory (working set) in MiB, as the operating system reports it now.</summary>
    public double WorkingSetMiB()
    {
        _process.Refresh();
        return _process.WorkingSet64 / 1024.0 / 1024.0;
    }

    /// <summary>Everything the process wrote so far, stdout and stderr interleaved as received.</summary>
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    /// <summary>
    /// Starts the host. Inherited <c>Lrs__*</c> variables are dropped so only <paramref name="environment"/> configures it.
    /// </summary>
    public static LrsProcess Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment = null, params string[] arguments)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Lrs.Api.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("Lrs.Api.dll is not next to the test assembly; build the test project.", dll);
        }

        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));

        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("Lrs__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        // Run from a directory without appsettings.json, the framework logs every request and SQL command at Information.
        info.Environment["Logging__LogLevel__Microsoft"] = "Warning";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var host = new LrsProcess(process, baseAddress);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Polls <c>/health/ready</c> until it answers 200; fails if the process exits or the timeout passes.</summary>
    public async Task WaitReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < Timeout)
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

        throw new TimeoutException($"Lrs was not ready within {Timeout}:\n{Output}");
    }

    /// <summary>Waits for an output line matching <paramref name="match"/> (at most <paramref name="within"/>, default <see cref="Timeout"/>); returns its index among the lines.</summary>
    public async Task<int> WaitForLineAsync(Func<string, bool> match, int startAt = 0, TimeSpan? within = null)
    {
        var limit = within ?? Timeout;
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < limit)
        {
            lock (_gate)
            {
                for (var i = startAt; i < _lines.Count; i++)
                {
                    if (match(_lines[i]))
                    {
                        return i;
                    }
                }
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Expected output did not appear within {limit}:\n{Output}");
    }

    public string Line(int index)
    {
        lock (_gate)
        {
            return _lines[index];
        }
    }

    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Lrs did not exit within {Timeout}:\n{Output}");
        }

        return _process.ExitCode;
    }

    /// <summary>Kills the process tree at once, as a crash or power cut would: no shutdown hooks run.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        if (!_process.WaitForExit(Timeout))
        {
            throw new TimeoutException($"Lrs did not die within {Timeout}.");
        }
    }

    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _lines.Add(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
