using System.Globalization;

namespace Lrs.Bench;

/// <summary>Command-line options; <c>--quick</c> shrinks every scenario to a smoke run of well under a minute.</summary>
internal sealed record BenchOptions
{
    public bool Quick { get; init; }

    public int BatchRequests { get; init; } = 300;

    public int BatchClients { get; init; } = 8;

    public int SingleRequests { get; init; } = 15_000;

    public int SingleClients { get; init; } = 64;

    public int SustainedSeconds { get; init; } = 60;

    public int WarmupSeconds { get; init; } = 10;

    public IReadOnlyList<int> StoreSteps { get; init; } = [100_000, 1_000_000];

    public int Learners { get; init; } = 1000;

    public int Queries { get; init; } = 300;

    public int QueryClients { get; init; } = 4;

    public int BackpressureSeconds { get; init; } = 10;

    public int BackpressureClients { get; init; } = 256;

    public int BaselineRows { get; init; } = 50_000;

    public bool Explain { get; init; } = true;

    public bool KeepDatabase { get; init; }

    public int CompletionLearners { get; init; } = 200;

    public int CompletionClients { get; init; } = 16;

    public IReadOnlySet<string> Scenarios { get; init; } = new HashSet<string> { "queries", "batch", "single", "sustained", "backpressure", "completion" };

    public const string Usage = """
        usage: dotnet run -c Release --project build/bench/Harness -- [options]
          --quick                   smoke run of every scenario, under a minute
          --only a,b                scenarios: queries, batch, single, sustained, backpressure, completion (default: all)
          --batch-requests N        POSTs of 100 statements (300)      --batch-clients N    concurrent clients (8)
          --single-requests N       single-statement POSTs (15000)     --single-clients N   concurrent clients (64)
          --sustained-seconds N     the sustained batched run (60)
          --warmup-seconds N        batched POSTs before the ingest scenarios, not measured (10; 0 for none)
          --store N,N...            store sizes at which queries are measured (100000,1000000)
          --learners N              distinct learners (1000)           --queries N          requests per query scenario (300)
          --query-clients N         concurrent query clients (4)      --backpressure-seconds N (10)
          --baseline-rows N         most rows in one COPY baseline (50000)
          --no-explain              skip the EXPLAIN (ANALYZE, BUFFERS) plans at the largest store
          --keep-database           leave the run's database (lrs_bench_…) in place for inspection; prints its name
          --completion-learners N   learners POSTing launched, passed, completed (200)
          --completion-clients N    learners at a time (16)
        Needs LRS_TEST_POSTGRES (eval "$(build/services.sh env)") naming a role that may create databases, and for
        the completion scenario LRS_TEST_RABBITMQ (build/services.sh start starts RabbitMQ too).
        """;

    public static BenchOptions Parse(string[] args)
    {
        var options = args.Contains("--quick")
            ? new BenchOptions
            {
                Quick = true, WarmupSeconds = 2, BatchRequests = 20, SingleRequests = 1000, SustainedSeconds = 5, StoreSteps = [5_000, 20_000],
                Queries = 20, BackpressureSeconds = 4, BackpressureClients = 128, BaselineRows = 2000,
                CompletionLearners = 20, CompletionClients = 4,
            }
            : new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            int Int() => int.Parse(Value(), CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--quick" => options,
                "--only" => options with { Scenarios = Value().Split(',').ToHashSet() },
                "--batch-requests" => options with { BatchRequests = Int() },
                "--batch-clients" => options with { BatchClients = Int() },
                "--single-requests" => options with { SingleRequests = Int() },
                "--single-clients" => options with { SingleClients = Int() },
                "--sustained-seconds" => options with { SustainedSeconds = Int() },
                "--warmup-seconds" => options with { WarmupSeconds = Int() },
                "--store" => options with { StoreSteps = Value().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).Order().ToArray() },
                "--learners" => options with { Learners = Int() },
                "--queries" => options with { Queries = Int() },
                "--query-clients" => options with { QueryClients = Int() },
                "--backpressure-seconds" => options with { BackpressureSeconds = Int() },
                "--baseline-rows" => options with { BaselineRows = Int() },
                "--no-explain" => options with { Explain = false },
                "--keep-database" => options with { KeepDatabase = true },
                "--completion-learners" => options with { CompletionLearners = Int() },
                "--completion-clients" => options with { CompletionClients = Int() },
                _ => throw new ArgumentException($"Unknown option {args[i]}.\n{Usage}"),
            };
        }

        return options;
    }
}
