using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Lrs.EndToEnd.Tests.Support;
using Xunit.Abstractions;

namespace Lrs.EndToEnd.Tests;

/// <summary>
/// The product's promise: a statement the API acknowledged survives a crash. Writers hammer the host, the process
/// is killed while requests are in flight, and after a restart every acknowledged id must be there.
/// </summary>
public sealed class CrashDurabilityTests(ITestOutputHelper output)
{
    private const string Key = "e2e-crash-key";
    private const string Secret = "e2e-crash-secret";
    private const int Writers = 8;
    private const int BatchSize = 10;
    private static readonly TimeSpan LoadDuration = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task KillDuringWrites_Postgres_EveryAcknowledgedStatementSurvives()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await CrashAndVerifyAsync(new Dictionary<string, string>
        {
            ["Lrs__Database__Provider"] = "Postgres",
            ["Lrs__Database__ConnectionString"] = database.ConnectionString,
        });
    }

    [Fact]
    public async Task KillDuringWrites_Sqlite_EveryAcknowledgedStatementSurvives()
    {
        await CrashAndVerifyAsync(new Dictionary<string, string>
        {
            ["Lrs__Database__Provider"] = "Sqlite",
            ["Lrs__Database__ConnectionString"] = "Data Source=crash.db",
        });
    }

    private async Task CrashAndVerifyAsync(Dictionary<string, string> environment)
    {
        environment["Lrs__Bootstrap__XapiKey"] = Key;
        environment["Lrs__Bootstrap__XapiSecret"] = Secret;
        using var directory = new TempDirectory();
        var clock = Stopwatch.StartNew();
        var acknowledged = new ConcurrentBag<Guid>();
        var unexpected = new ConcurrentBag<string>();
        int inFlightAtKill;

        using (var host = LrsProcess.Start(directory.Path, environment))
        {
            await host.WaitReadyAsync();
            output.WriteLine($"{clock.Elapsed}: ready");
            using var client = Xapi.Client(new Uri(host.BaseAddress, "xapi/"), Key, Secret);
            var inFlight = 0;
            var writers = Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
            {
                while (true)
                {
                    var batch = new JsonArray([.. Enumerable.Range(0, BatchSize).Select(_ => Xapi.Statement(Xapi.Agent($"mailto:{Guid.NewGuid():N}@example.com")))]);
                    Interlocked.Increment(ref inFlight);
                    try
                    {
                        using var response = await client.PostAsync("statements", Xapi.Json(batch));
                        var body = await response.Content.ReadAsStringAsync();
                        if (response.StatusCode != HttpStatusCode.OK)
                        {
                            unexpected.Add($"{(int)response.StatusCode} {body}");
                            continue;
                        }

                        foreach (var id in JsonNode.Parse(body)!.AsArray())
                        {
                            acknowledged.Add(Guid.Parse(id!.GetValue<string>()));
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                    {
                        return; // The process is gone; whatever was not answered was never acknowledged.
                    }
                    finally
                    {
                        Interlocked.Decrement(ref inFlight);
                    }
                }
            })).ToArray();

            await Task.Delay(LoadDuration);
            inFlightAtKill = Volatile.Read(ref inFlight);
            host.Kill();
            await Task.WhenAll(writers).WaitAsync(LrsProcess.Timeout);
        }

        output.WriteLine($"{clock.Elapsed}: killed");
        output.WriteLine($"{acknowledged.Count} statements acknowledged; {inFlightAtKill} requests in flight at the kill.");
        Assert.Empty(unexpected);
        Assert.True(inFlightAtKill > 0, "The kill did not land while requests were in flight.");
        Assert.NotEmpty(acknowledged);

        using var restarted = LrsProcess.Start(directory.Path, environment);
        await restarted.WaitReadyAsync();
        output.WriteLine($"{clock.Elapsed}: restarted");
        using var reader = Xapi.Client(new Uri(restarted.BaseAddress, "xapi/"), Key, Secret);
        var missing = new ConcurrentBag<Guid>();
        await Parallel.ForEachAsync(acknowledged, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, ct) =>
        {
            using var response = await reader.GetAsync($"statements?statementId={id}", ct);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                missing.Add(id);
            }
        }).WaitAsync(TimeSpan.FromSeconds(90));

        output.WriteLine($"{clock.Elapsed}: verified");
        Assert.True(missing.IsEmpty, $"{missing.Count} of {acknowledged.Count} acknowledged statements were lost, e.g. {missing.FirstOrDefault()}.");
    }
}
