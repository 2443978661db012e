using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Lrs.Application.Events.Contracts;
using Lrs.Infrastructure.Messaging;
using MassTransit;

namespace Lrs.Bench;

/// <summary>
/// Statement → completion event latency (target p95 &lt; 1 s): a host with the projector and relay on a database of its
/// own, publishing to RabbitMQ (<c>LRS_TEST_RABBITMQ</c>); learners POST launched → passed → completed one statement at
/// a time, and a consumer bound to <c>progress.completion.recorded.v1</c> takes the time from the acknowledgement of the
/// completing statement (the event names it) to the event's arrival. Every learner must get exactly one event.
/// </summary>
internal sealed class CompletionScenario(BenchOptions options)
{
    private const string Course = StatementFactory.Site + "/courses/onboarding";
    private static readonly string[] Sequence = ["launched", "passed", "completed"];

    private readonly ConcurrentDictionary<Guid, long> _acknowledged = new();
    private readonly ConcurrentDictionary<string, ConcurrentBag<(Guid StatementId, long ArrivedAt)>> _events = new();

    public async Task RunAsync()
    {
        Console.WriteLine();
        Console.WriteLine("Statement → completion event (host roles api,ingest,projector,relay over RabbitMQ; consumer bound to progress.completion.recorded.v1)");
        var broker = new Uri(Environment.GetEnvironmentVariable("LRS_TEST_RABBITMQ")
            ?? throw new InvalidOperationException("Set LRS_TEST_RABBITMQ: eval \"$(build/services.sh env)\" after build/services.sh start."));
        var credentials = broker.UserInfo.Split(':', 2).Select(Uri.UnescapeDataString).ToArray();
        await using var db = await BenchDatabase.CreateAsync();
        await using var host = await LrsHost.StartAsync(db.ConnectionString, new Dictionary<string, string>
        {
            ["Lrs__Roles"] = "api,ingest,projector,relay,partitions",
            ["Lrs__Bus__Transport"] = "RabbitMq",
            ["Lrs__Bus__RabbitMq__Host"] = broker.Host,
            ["Lrs__Bus__RabbitMq__Port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
            ["Lrs__Bus__RabbitMq__Username"] = credentials[0],
            ["Lrs__Bus__RabbitMq__Password"] = credentials.ElementAtOrDefault(1) ?? string.Empty,
        });
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(broker.Host, (ushort)broker.Port, "/", h =>
            {
                h.Username(credentials[0]);
                h.Password(credentials.ElementAtOrDefault(1) ?? string.Empty);
            });
            cfg.MessageTopology.SetEntityNameFormatter(new ContractEntityNameFormatter(cfg.MessageTopology.EntityNameFormatter));
            cfg.ReceiveEndpoint("bench-completions-" + Guid.NewGuid().ToString("N")[..8], e =>
            {
                e.AutoDelete = true;
                e.Durable = false;
                e.Handler<CompletionRecorded>(c =>
                {
                    _events.GetOrAdd(c.Message.LearnerKey, _ => []).Add((c.Message.StatementId, Stopwatch.GetTimestamp()));
                    return Task.CompletedTask;
                });
            });
        });
        await bus.StartAsync();
        try
        {
            await MeasureAsync(host);
            await RelayStageAsync(db);
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    /// <summary>Where the time goes: the completion rows' wait in the outbox (the projector's commit → the broker's confirmation).</summary>
    private static async Task RelayStageAsync(BenchDatabase db)
    {
        var tenant = Guid.Parse(await db.ScalarAsync("SELECT id FROM tenants ORDER BY created_at LIMIT 1"));
        var stage = await db.ScalarAsync("""
            SELECT format('%s rows, p50 %s ms, p95 %s ms, max %s ms', count(*),
                round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)), round(percentile_cont(0.95) WITHIN GROUP (ORDER BY ms)), round(max(ms)))
            FROM (SELECT extract(epoch FROM sent_at - created_at)::float8 * 1000 AS ms FROM outbox
                  WHERE message_type = 'progress.completion.recorded.v1' AND sent_at IS NOT NULL) o
            """, tenant);
        Report.Note($"of which in the outbox (projector's commit → relay's confirmed publish), completion rows: {stage}");
    }

    private async Task MeasureAsync(LrsHost host)
    {
        var learners = options.CompletionLearners;
        using var http = HttpLoad.Client(host.BaseAddress, options.CompletionClients);
        // Warm-up: one learner's event must arrive (the relay's broker connection and the queue binding are up) before measuring.
        var warmUp = Stopwatch.StartNew();
        foreach (var (verb, step) in Sequence.Select((v, i) => (v, i)))
        {
            using var response = await http.SendAsync(HttpLoad.PostStatements(Body(-1, verb, Guid.NewGuid(), Guid.Empty, step)));
            response.EnsureSuccessStatusCode();
        }

        while (_events.IsEmpty)
        {
            await Task.Delay(50);
            if (warmUp.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException("No progress.completion.recorded.v1 arrived within 60 s of the warm-up learner's statements.");
            }
        }

        Report.Note($"warm-up: the first completion event arrived {warmUp.Elapsed.TotalSeconds:N1} s after the host was ready");
        _events.Clear();
        var errors = 0;
        string? firstError = null;
        using var gate = new SemaphoreSlim(options.CompletionClients);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, learners).Select(async l =>
        {
            await gate.WaitAsync();
            try
            {
                var registration = Guid.NewGuid();
                foreach (var (verb, step) in Sequence.Select((v, i) => (v, i)))
                {
                    var id = Guid.NewGuid();
                    using var response = await http.SendAsync(HttpLoad.PostStatements(Body(l, verb, id, registration, step)));
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                        firstError ??= $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                        return;
                    }

                    _acknowledged[id] = Stopwatch.GetTimestamp();
                }
            }
            finally
            {
                gate.Release();
            }
        }));
        var posted = clock.Elapsed;

        // Wait for every learner's event, then a quiet period in which a duplicate would still show up.
        var deadline = Stopwatch.StartNew();
        while (_events.Count < learners - errors && deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(50);
        }

        await Task.Delay(TimeSpan.FromSeconds(options.Quick ? 2 : 5));
        Print(learners, errors, firstError, posted);
    }

    private void Print(int learners, int errors, string? firstError, TimeSpan posted)
    {
        var latencies = _events.Values
            .Select(e => e.MinBy(x => x.ArrivedAt))
            .Where(e => _acknowledged.ContainsKey(e.StatementId))
            .Select(e => Stopwatch.GetElapsedTime(_acknowledged[e.StatementId], e.ArrivedAt).TotalMilliseconds)
            .Order()
            .ToArray();
        double P(double p) => latencies.Length == 0 ? 0 : latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p * latencies.Length) - 1)];
        var duplicates = _events.Values.Sum(e => e.Count - 1);
        var unknown = _events.Values.Count(e => !_acknowledged.ContainsKey(e.MinBy(x => x.ArrivedAt).StatementId));
        Console.WriteLine($"  {"scenario",-34} {"events",8} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8} {"missing",8} {"dupl.",6}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {$"{learners} learners, {options.CompletionClients} clients",-34} {latencies.Length,8:N0} {P(0.50),8:N1} {P(0.95),8:N1} {P(0.99),8:N1} {(latencies.Length == 0 ? 0 : latencies[^1]),8:N1} {learners - _events.Count,8:N0} {duplicates,6:N0}"));
        Report.Note($"{learners * Sequence.Length - errors:N0} statements POSTed one at a time (launched, passed, completed) in {posted.TotalSeconds:N1} s; "
            + $"POST errors {errors}{(firstError is null ? string.Empty : $" (first: {firstError[..Math.Min(firstError.Length, 200)]})")}"
            + (unknown == 0 ? string.Empty : $"; {unknown} events named a statement not acknowledged here"));
        Report.Note($"latency = the completing statement's POST acknowledged → its event consumed; target p95 < 1000 ms: "
            + (latencies.Length > 0 && P(0.95) < 1000 && _events.Count == learners && duplicates == 0 ? "met" : "NOT met"));
    }

    private static byte[] Body(int learner, string verb, Guid id, Guid registration, int step)
    {
        var statement = new JsonObject
        {
            ["id"] = id.ToString(),
            ["actor"] = new JsonObject
            {
                ["objectType"] = "Agent", ["name"] = $"Learner {learner}",
                ["mbox"] = $"mailto:completion.learner{learner}.{registration:N}@example.com",
            },
            ["verb"] = new JsonObject { ["id"] = $"http://adlnet.gov/expapi/verbs/{verb}", ["display"] = new JsonObject { ["en-US"] = verb } },
            ["object"] = new JsonObject
            {
                ["objectType"] = "Activity", ["id"] = Course + "/au/final-assessment",
                ["definition"] = new JsonObject
                {
                    ["name"] = new JsonObject { ["en-US"] = "Final assessment" },
                    ["type"] = "http://adlnet.gov/expapi/activities/assessment",
                },
            },
            ["context"] = new JsonObject
            {
                ["registration"] = registration.ToString(),
                ["contextActivities"] = new JsonObject
                {
                    ["grouping"] = new JsonArray(new JsonObject { ["id"] = Course }),
                    ["category"] = new JsonArray(new JsonObject { ["id"] = "https://w3id.org/xapi/cmi5/context/categories/cmi5" }),
                },
            },
            ["timestamp"] = DateTimeOffset.UtcNow.AddSeconds(step).ToString("O", CultureInfo.InvariantCulture),
        };
        JsonObject? result = verb switch
        {
            "passed" => new JsonObject
            {
                ["success"] = true, ["duration"] = "PT12M30S",
                ["score"] = new JsonObject { ["scaled"] = 0.85, ["raw"] = 85, ["min"] = 0, ["max"] = 100 },
            },
            "completed" => new JsonObject { ["completion"] = true, ["duration"] = "PT13M" },
            _ => null,
        };
        if (result is not null)
        {
            statement["result"] = result;
        }

        return Encoding.UTF8.GetBytes(statement.ToJsonString());
    }
}
