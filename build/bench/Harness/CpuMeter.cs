using System.Globalization;

namespace Lrs.Bench;

/// <summary>
/// CPU time the host process and the PostgreSQL server (every process named <c>postgres</c>: backends, WAL writer,
/// checkpointer, autovacuum) spent between two readings, from <c>/proc</c>. Throughput on a shared two-core machine
/// varies from run to run with what else runs on it; CPU time per statement varies much less, so it is what shows
/// whether a change made the work cheaper. Where <c>/proc</c> cannot be read (not Linux) the meter reports nothing.
/// </summary>
internal sealed class CpuMeter
{
    private const double TicksPerSecond = 100; // USER_HZ, 100 on every Linux architecture .NET runs on

    private readonly int _hostPid;
    private readonly (double Host, double Postgres)? _start;

    public CpuMeter(int hostPid)
    {
        _hostPid = hostPid;
        _start = Read();
    }

    /// <summary>Microseconds of CPU per item for the host and for PostgreSQL since the meter started, or null.</summary>
    public string? Describe(long items)
    {
        if (_start is not { } start || Read() is not { } end || items <= 0)
        {
            return null;
        }

        var host = (end.Host - start.Host) * 1e6 / items;
        var postgres = (end.Postgres - start.Postgres) * 1e6 / items;
        return string.Create(CultureInfo.InvariantCulture,
            $"CPU per statement: host {host:N0} µs, PostgreSQL {postgres:N0} µs, together {host + postgres:N0} µs");
    }

    private (double Host, double Postgres)? Read()
    {
        try
        {
            var host = Seconds(_hostPid) ?? 0;
            var postgres = 0.0;
            foreach (var directory in Directory.EnumerateDirectories("/proc"))
            {
                if (int.TryParse(Path.GetFileName(directory), out var pid) && Comm(pid) == "postgres")
                {
                    postgres += Seconds(pid) ?? 0;
                }
            }

            return host > 0 ? (host, postgres) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? Comm(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return null; // the process ended between listing and reading
        }
    }

    /// <summary>utime + stime of one process in seconds (fields 14 and 15 of /proc/PID/stat, after the command name).</summary>
    private static double? Seconds(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }

        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }
}
