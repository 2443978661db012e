using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Lrs.Application.Security;
using Lrs.Application.Statements;
using Lrs.Domain.Tenancy;
using Lrs.Infrastructure.Ingest;
using Lrs.Infrastructure.Observability;
using Lrs.Infrastructure.Persistence;
using Lrs.Infrastructure.Statements;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

// Ingest benchmark: the LRS write path against raw PostgreSQL COPY of the same rows, measured in the same run.
//   dotnet run -c Release --project build/bench/Ingest -- [--statements N] [--request-size N] [--producers N]
// Needs LRS_TEST_POSTGRES (build/services.sh env) naming a server where the role may create databases.
var options = BenchOptions.Parse(args);
var server = Environment.GetEnvironmentVariable("LRS_TEST_POSTGRES")
    ?? throw new InvalidOperationException("Set LRS_TEST_POSTGRES (eval \"$(build/services.sh env)\").");
var database = "lrs_bench_" + Guid.NewGuid().ToString("N")[..8];
await Admin(server, $"CREATE DATABASE {database}");
var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database, MaxPoolSize = 50 }.ConnectionString;
try
{
    await using var dataSource = NpgsqlDataSource.Create(connectionString);
    var db = new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = connectionString };
    await new MigrationRunner(new PostgresConnections(dataSource), db, NullLogger<MigrationRunner>.Instance).UpAsync();

    Console.WriteLine($"Ingest benchmark: {options.Statements:N0} statements, requests of {options.RequestSize}, {options.Producers} concurrent producers");
    Console.WriteLine($"  machine: {Environment.ProcessorCount} cores, PostgreSQL {await Scalar(dataSource, "SHOW server_version")}, "
        + $"synchronous_commit={await Scalar(dataSource, "SHOW synchronous_commit")}, fsync={await Scalar(dataSource, "SHOW fsync")}");

    var tenant = Guid.NewGuid();
    var caller = Caller(tenant);
    var bodies = Generate(options.Statements);

    // 1. The request path's CPU work: validation, ids, serialisation, index extraction (single thread).
    var clock = new StoredClock(TimeProvider.System);
    var prepared = new List<PreparedStatement>(options.Statements);
    var sw = Stopwatch.StartNew();
    foreach (var chunk in bodies.Chunk(options.RequestSize))
    {
        var capture = new CapturingIngest();
        var result = await new RecordStatementsHandler(capture, clock).HandleAsync(
            new RecordStatements(caller, new JsonArray(chunk.Select(b => (JsonNode)JsonNode.Parse(b)!).ToArray())), CancellationToken.None);
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException(result.Error!.Message);
        }

        prepared.AddRange(capture.Statements);
    }

    var prepareRate = Rate(options.Statements, sw.Elapsed);

    // 2. Baseline: raw binary COPY of the same statement rows into a plain table of the same shape and indexes.
    await Exec(dataSource, "CREATE TABLE bench_copy (LIKE statements INCLUDING DEFAULTS INCLUDING INDEXES)");
    sw.Restart();
    await using (var connection = await dataSource.OpenConnectionAsync())
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY bench_copy (tenant_id, stored, statement_id, verb_id, object_activity_id, object_statement_id, registration, authority_key, is_voiding, payload) FROM STDIN (FORMAT BINARY)");
        foreach (var s in prepared)
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(tenant, NpgsqlDbType.Uuid);
            await writer.WriteAsync(s.Stored.UtcDateTime, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(s.Id, NpgsqlDbType.Uuid);
            await writer.WriteAsync(s.Index.VerbId, NpgsqlDbType.Text);
            await WriteNullable(writer, s.Index.ObjectActivityId, NpgsqlDbType.Text);
            await WriteNullable(writer, s.Index.ObjectStatementRef, NpgsqlDbType.Uuid);
            await WriteNullable(writer, s.Index.Registration, NpgsqlDbType.Uuid);
            await writer.WriteAsync(s.AuthorityKey, NpgsqlDbType.Text);
            await writer.WriteAsync(s.Index.IsVoiding, NpgsqlDbType.Boolean);
            await writer.WriteAsync(s.Json, NpgsqlDbType.Text);
        }

        await writer.CompleteAsync();
    }

    var copyRate = Rate(options.Statements, sw.Elapsed);

    // 3. The LRS write path: the ingest queue with concurrent producers, group commit, acknowledged after commit.
    using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    using var metrics = new LrsMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
    var queue = new IngestQueue(new StatementBatchWriter(new PostgresStatementStore(dataSource)), new IngestOptions(), metrics, NullLogger<IngestQueue>.Instance);
    await queue.StartAsync(CancellationToken.None);
    var requests = prepared.Chunk(options.RequestSize).ToArray();
    var next = -1;
    var latencies = new List<double>[options.Producers];
    sw.Restart();
    await Task.WhenAll(Enumerable.Range(0, options.Producers).Select(p => Task.Run(async () =>
    {
        latencies[p] = [];
        int i;
        while ((i = Interlocked.Increment(ref next)) < requests.Length)
        {
            var started = Stopwatch.GetTimestamp();
            var result = await queue.WriteAsync(tenant, requests[i], CancellationToken.None);
            if (result.Outcome != IngestOutcome.Stored)
            {
                throw new InvalidOperationException($"Request {i}: {result.Outcome} {result.Message}");
            }

            latencies[p].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    })));
    var ingestElapsed = sw.Elapsed;
    await queue.StopAsync(CancellationToken.None);
    var ingestRate = Rate(options.Statements, ingestElapsed);
    var sorted = latencies.SelectMany(l => l).Order().ToArray();
    var stored = await Scalar(dataSource, $"SELECT count(*) FROM statement_ids WHERE tenant_id = '{tenant}'", tenant);

    Console.WriteLine();
    Console.WriteLine($"  request path (validate + prepare, 1 thread): {prepareRate,10:N0} statements/s");
    Console.WriteLine($"  raw COPY baseline (same rows, 1 table):      {copyRate,10:N0} statements/s");
    Console.WriteLine($"  LRS ingest (durable, acknowledged):          {ingestRate,10:N0} statements/s  = {ingestRate / copyRate:P0} of COPY");
    Console.WriteLine($"    acknowledgement latency p50 {Percentile(sorted, 0.50):N1} ms, p95 {Percentile(sorted, 0.95):N1} ms, p99 {Percentile(sorted, 0.99):N1} ms");
    Console.WriteLine($"    statements stored and counted back: {stored}");
}
finally
{
    NpgsqlConnection.ClearAllPools();
    await Admin(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
}

static double Rate(int count, TimeSpan elapsed) => count / elapsed.TotalSeconds;

static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

static async Task WriteNullable<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type)
{
    if (value is null)
    {
        await writer.WriteNullAsync();
    }
    else
    {
        await writer.WriteAsync(value, type);
    }
}

static async Task Admin(string server, string sql)
{
    await using var connection = new NpgsqlConnection(server);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}

static async Task Exec(NpgsqlDataSource dataSource, string sql)
{
    await using var command = dataSource.CreateCommand(sql);
    await command.ExecuteNonQueryAsync();
}

static async Task<string> Scalar(NpgsqlDataSource dataSource, string sql, Guid? tenant = null)
{
    await using var connection = await dataSource.OpenConnectionAsync();
    await using var tx = await connection.BeginTransactionAsync();
    if (tenant is not null)
    {
        await using var set = new NpgsqlCommand($"SELECT set_config('lrs.tenant_id', '{tenant}', true)", connection, tx);
        await set.ExecuteNonQueryAsync();
    }

    await using var command = new NpgsqlCommand(sql, connection, tx);
    return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture)!;
}

static XapiCaller Caller(Guid tenant)
{
    var authority = new JsonObject
    {
        ["objectType"] = "Agent",
        ["account"] = new JsonObject { ["homePage"] = "http://localhost/xapi/credentials", ["name"] = "bench" },
    };
    return new XapiCaller(tenant, "bench", XapiScope.All, authority, Lrs.Domain.Xapi.AgentIdentity.Account("http://localhost/xapi/credentials", "bench").Key);
}

// Realistic statements: 1,000 learners, 200 activities in 20 courses, cmi5-like verbs, results on some.
static List<string> Generate(int count)
{
    var random = new Random(42);
    string[] verbs =
    [
        "http://adlnet.gov/expapi/verbs/launched", "http://adlnet.gov/expapi/verbs/initialized", "http://adlnet.gov/expapi/verbs/answered",
        "http://adlnet.gov/expapi/verbs/completed", "http://adlnet.gov/expapi/verbs/passed", "http://adlnet.gov/expapi/verbs/terminated",
    ];
    var list = new List<string>(count);
    var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    for (var i = 0; i < count; i++)
    {
        var verb = verbs[random.Next(verbs.Length)];
        var course = random.Next(20);
        var statement = new JsonObject
        {
            ["actor"] = new JsonObject { ["objectType"] = "Agent", ["name"] = $"Learner {random.Next(1000)}", ["mbox"] = $"mailto:learner{random.Next(1000)}@example.com" },
            ["verb"] = new JsonObject { ["id"] = verb, ["display"] = new JsonObject { ["en-US"] = verb[(verb.LastIndexOf('/') + 1)..] } },
            ["object"] = new JsonObject
            {
                ["objectType"] = "Activity",
                ["id"] = $"http://example.com/courses/{course}/lessons/{random.Next(10)}",
                ["definition"] = new JsonObject { ["name"] = new JsonObject { ["en-US"] = "Lesson" }, ["type"] = "http://adlnet.gov/expapi/activities/lesson" },
            },
            ["context"] = new JsonObject
            {
                ["registration"] = new Guid(random.Next(), 0, 0, new byte[8]).ToString(),
                ["contextActivities"] = new JsonObject { ["parent"] = new JsonArray(new JsonObject { ["id"] = $"http://example.com/courses/{course}" }) },
                ["platform"] = "bench",
            },
            ["timestamp"] = start.AddSeconds(i).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        if (verb.EndsWith("answered", StringComparison.Ordinal) || verb.EndsWith("passed", StringComparison.Ordinal))
        {
            statement["result"] = new JsonObject
            {
                ["score"] = new JsonObject { ["scaled"] = Math.Round(random.NextDouble(), 2), ["raw"] = random.Next(100), ["min"] = 0, ["max"] = 100 },
                ["success"] = random.Next(2) == 0,
                ["duration"] = $"PT{random.Next(600)}S",
            };
        }

        list.Add(statement.ToJsonString());
    }

    return list;
}

internal sealed class CapturingIngest : IStatementIngest
{
    public List<PreparedStatement> Statements { get; } = [];

    public ValueTask<IngestResult> WriteAsync(Guid tenantId, IReadOnlyList<PreparedStatement> statements, CancellationToken ct)
    {
        Statements.AddRange(statements);
        return ValueTask.FromResult(IngestResult.Stored);
    }
}

internal sealed record BenchOptions(int Statements, int RequestSize, int Producers)
{
    public static BenchOptions Parse(string[] args)
    {
        int Get(string name, int fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
        }

        return new BenchOptions(Get("--statements", 100_000), Get("--request-size", 10), Get("--producers", 64));
    }
}
