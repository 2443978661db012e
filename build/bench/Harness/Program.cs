using System.Diagnostics;
using System.Text.Json.Nodes;
using Lrs.Bench;
using Lrs.Domain.Xapi;

// The benchmark harness: the real host as a child process on loopback over PostgreSQL, driven over HTTP, with the raw
// binary COPY rate of the same statement rows measured in the same run beside every figure. See README "Benchmarks".
//   dotnet run -c Release --project build/bench/Harness -- [--quick] [options]   (--help lists them)
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

var options = BenchOptions.Parse(args);
var total = Stopwatch.StartNew();
await using var db = await BenchDatabase.CreateAsync();
db.Keep = options.KeepDatabase;
await using var host = await LrsHost.StartAsync(db.ConnectionString);
Console.WriteLine($"Lrs benchmark{(options.Quick ? " (--quick smoke run)" : string.Empty)}: "
    + $"{Environment.ProcessorCount} cores, PostgreSQL {await db.ScalarAsync("SHOW server_version")}, "
    + $"synchronous_commit={await db.ScalarAsync("SHOW synchronous_commit")}, fsync={await db.ScalarAsync("SHOW fsync")}, "
    + $"host roles api,ingest,partitions at {host.BaseAddress}");
Console.WriteLine("  ratio = the scenario's rate / the raw binary COPY rate of the same statement rows into plain copies of the "
    + "statement tables (same columns and indexes), measured right after it in this run.");

var tenant = new BenchTenant(
    Guid.Parse(await db.ScalarAsync("SELECT id FROM tenants ORDER BY created_at LIMIT 1")),
    new JsonObject
    {
        ["objectType"] = "Agent",
        ["name"] = LrsHost.Key,
        ["account"] = new JsonObject { ["homePage"] = "http://localhost/xapi/credentials", ["name"] = LrsHost.Key },
    },
    AgentIdentity.Account("http://localhost/xapi/credentials", LrsHost.Key).Key);
await db.CreateBaselineTablesAsync();

if (options.Scenarios.Contains("queries"))
{
    await new QueryScenarios(options, db, host, tenant).RunAsync();
}

if (options.Scenarios.Overlaps(["batch", "single", "sustained", "backpressure"]))
{
    await new IngestScenarios(options, db, host, tenant).RunAsync();
}
if (options.Scenarios.Contains("completion"))
{
    await new CompletionScenario(options).RunAsync();
}

Console.WriteLine();
Console.WriteLine($"Done in {total.Elapsed.TotalSeconds:N0} s.");
return 0;
