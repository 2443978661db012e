using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;

namespace Lrs.Bench;

/// <summary>
/// The write scenarios over HTTP: batched POSTs, single-statement POSTs from many clients, a sustained run with the
/// host's memory sampled, and backpressure with a stalled database. Every acknowledged statement is counted back.
/// </summary>
internal sealed class IngestScenarios(BenchOptions options, BenchDatabase db, LrsHost host, BenchTenant tenant)
{
    private readonly StatementFactory _factory = new(options.Learners, seed: 4242);

    public async Task RunAsync()
    {
        Report.Header("Ingest (POST /xapi/statements, acknowledged after commit)");
        if (options.WarmupSeconds > 0 && options.Scenarios.Overlaps(["batch", "single", "sustained"]))
        {
            await WarmUpAsync();
        }

        if (options.Scenarios.Contains("batch"))
        {
            await IngestAsync($"batches of 100, {options.BatchClients} clients", 100, options.BatchClients, options.BatchRequests, null);
        }

        if (options.Scenarios.Contains("single"))
        {
            await IngestAsync($"single statements, {options.SingleClients} clients", 1, options.SingleClients, options.SingleRequests, null);
        }

        if (options.Scenarios.Contains("sustained"))
        {
            await IngestAsync($"sustained {options.SustainedSeconds} s, batches of 100", 100, options.BatchClients, null,
                TimeSpan.FromSeconds(options.SustainedSeconds));
        }

        if (options.Scenarios.Contains("backpressure"))
        {
            await BackpressureAsync();
        }
    }

    /// <summary>
    /// Batched POSTs for a few seconds before anything is measured. A freshly started .NET host runs unoptimised code
    /// for its first seconds and recompiles the hot paths as it goes; a host in service has long done that, so the
    /// measured scenarios start after it. The statements stay in the store; each scenario counts only its own.
    /// </summary>
    private async Task WarmUpAsync()
    {
        var (bodies, _) = Bodies(50, 100);
        using var http = HttpLoad.Client(host.BaseAddress, options.BatchClients);
        var result = await HttpLoad.RunAsync(http, options.BatchClients, i => HttpLoad.PostStatements(bodies[(int)(i % bodies.Count)]),
            null, TimeSpan.FromSeconds(options.WarmupSeconds), _ => 100);
        Report.Note($"warm-up: {result.Items:N0} statements in {result.Elapsed.TotalSeconds:N0} s of batched POSTs, not measured ({result.Rate:N0} st/s)");
    }

    private async Task IngestAsync(string name, int perRequest, int clients, int? requests, TimeSpan? duration)
    {
        // A pool of request bodies, cycled for timed runs; the API gives every statement a fresh id.
        var (bodies, statements) = Bodies(Math.Min(requests ?? int.MaxValue, Math.Max(50, 30_000 / perRequest)), perRequest);
        using var http = HttpLoad.Client(host.BaseAddress, clients);
        var before = await db.CountStatementsAsync(tenant.Id);
        var memory = new MemorySampler(host);
        var cpu = new CpuMeter(host.ProcessId);
        var result = await HttpLoad.RunAsync(http, clients, i => HttpLoad.PostStatements(bodies[(int)(i % bodies.Count)]),
            requests, duration, _ => perRequest);
        var cpuUsed = cpu.Describe(result.Items);
        await memory.StopAsync();
        var stored = await db.CountStatementsAsync(tenant.Id) - before;
        var copyRate = await BaselineAsync(statements);
        Report.Line(name, result, "st/s", copyRate);
        Report.Note($"{result.Items:N0} statements acknowledged in {result.Elapsed.TotalSeconds:N1} s, {stored:N0} counted back in the store"
            + (stored == result.Items ? string.Empty : "  << MISMATCH"));
        if (cpuUsed is not null)
        {
            Report.Note(cpuUsed);
        }

        if (duration is not null)
        {
            Report.Note(memory.Describe());
        }
    }

    /// <summary>
    /// Backpressure: a second host with a small queue while the statement tables are locked, so the database cannot keep up.
    /// Clients that get 503 wait for Retry-After and try again; acknowledged statements are counted back once the lock goes.
    /// </summary>
    private async Task BackpressureAsync()
    {
        const int queue = 64;
        await using var small = await LrsHost.StartAsync(db.ConnectionString, new Dictionary<string, string> { ["Lrs__Ingest__QueueCapacity"] = $"{queue}" });
        var (bodies, statements) = Bodies(2000, 1);
        using var http = HttpLoad.Client(small.BaseAddress, options.BackpressureClients);
        var before = await db.CountStatementsAsync(tenant.Id);
        var memory = new MemorySampler(small);
        var duration = TimeSpan.FromSeconds(options.BackpressureSeconds);
        await using var connection = await db.DataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using (var lockTables = new NpgsqlCommand("LOCK TABLE statement_ids IN EXCLUSIVE MODE", connection, tx))
        {
            await lockTables.ExecuteNonQueryAsync();
        }

        var load = HttpLoad.RunAsync(http, options.BackpressureClients, i => HttpLoad.PostStatements(bodies[(int)(i % bodies.Count)]),
            null, duration, _ => 1, honourRetryAfter: true);
        await Task.Delay(duration / 2);
        await tx.RollbackAsync();
        var result = await load;
        await memory.StopAsync();
        var stored = await db.CountStatementsAsync(tenant.Id) - before;
        var copyRate = await BaselineAsync(statements);
        Report.Line($"backpressure, {options.BackpressureClients} clients, queue {queue}", result, "st/s", copyRate);
        Report.Note($"database stalled (statement_ids locked) for the first {duration.TotalSeconds / 2:N0} s of {duration.TotalSeconds:N0} s: "
            + $"{result.Busy:N0} answers were 503, {result.BusyWithRetryAfter:N0} of them with Retry-After; other errors {result.Errors:N0}");
        Report.Note($"{result.Items:N0} statements acknowledged, {stored:N0} counted back" + (stored == result.Items ? string.Empty : "  << MISMATCH"));
        Report.Note(memory.Describe());
    }

    private (List<byte[]> Bodies, List<JsonObject> Statements) Bodies(int requests, int perRequest)
    {
        var bodies = new List<byte[]>(requests);
        var statements = new List<JsonObject>();
        var now = DateTimeOffset.UtcNow;
        for (var r = 0; r < requests; r++)
        {
            var batch = Enumerable.Range(0, perRequest).Select(_ => _factory.Next(now.AddSeconds(-r))).ToArray();
            statements.AddRange(batch.Take(options.BaselineRows - statements.Count));
            JsonNode body = perRequest == 1 ? batch[0] : new JsonArray(batch.Select(s => (JsonNode)s.DeepClone()).ToArray());
            bodies.Add(Encoding.UTF8.GetBytes(body.ToJsonString()));
        }

        return (bodies, statements);
    }

    /// <summary>Raw binary COPY of the same statements, as the LRS would store them, into plain copies of the tables.</summary>
    private Task<double> BaselineAsync(List<JsonObject> statements)
    {
        var stored = DateTimeOffset.UtcNow;
        var rows = statements.AsParallel().AsOrdered()
            .Select(s => StatementFactory.Prepare(s, Guid.CreateVersion7(stored), stored, tenant.Authority, tenant.AuthorityKey))
            .ToList();
        return db.CopyBaselineAsync(tenant.Id, rows);
    }
}

/// <summary>The host's resident memory, sampled every second: at the start, the middle and the end, and the peak.</summary>
internal sealed class MemorySampler
{
    private readonly List<(double At, double MiB)> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public MemorySampler(LrsHost host)
    {
        var clock = Stopwatch.StartNew();
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                lock (_samples)
                {
                    _samples.Add((clock.Elapsed.TotalSeconds, host.MemoryMiB()));
                }

                try
                {
                    await Task.Delay(1000, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    _samples.Add((clock.Elapsed.TotalSeconds, host.MemoryMiB()));
                }
            }
        });
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    public string Describe()
    {
        var middle = _samples.MinBy(s => Math.Abs(s.At - (_samples[^1].At / 2)));
        return $"host memory (working set): start {_samples[0].MiB:N0} MiB, middle {middle.MiB:N0} MiB, end {_samples[^1].MiB:N0} MiB, "
            + $"peak {_samples.Max(s => s.MiB):N0} MiB ({_samples.Count} samples)";
    }
}

/// <summary>The bootstrap tenant of the host and the authority its credential writes with.</summary>
internal sealed record BenchTenant(Guid Id, JsonObject Authority, string AuthorityKey);
