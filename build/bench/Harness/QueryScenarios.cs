using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Lrs.Application.Statements;
using Lrs.Domain.Xapi;
using Lrs.Infrastructure.Statements;
using Npgsql;

namespace Lrs.Bench;

/// <summary>
/// Loads a large store through COPY (statements spread over the last six months, across the learners) and measures the
/// xAPI query scenarios and transcripts over HTTP at each store size; at the largest it prints the query plans.
/// </summary>
internal sealed class QueryScenarios(BenchOptions options, BenchDatabase db, LrsHost host, BenchTenant tenant)
{
    private const int Chunk = 50_000;
    private const int PageSize = 50;

    private static readonly string[] LessonVerbs =
        ["http://adlnet.gov/expapi/verbs/experienced", "http://adlnet.gov/expapi/verbs/completed", "http://adlnet.gov/expapi/verbs/initialized"];

    private readonly StatementFactory _factory = new(options.Learners, seed: 42);
    private readonly Random _random = new(7);
    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow.AddDays(-180);
    private readonly TimeSpan _span = TimeSpan.FromDays(179);
    private long _loaded;
    private List<PreparedStatement> _lastChunk = [];

    public async Task RunAsync()
    {
        // Months before the current one, so the store spreads over real monthly partitions (ADR 0002).
        await db.ExecAsync($"SELECT lrs_ensure_statement_partitions('{_start:yyyy-MM-dd}'::date, 8)");
        foreach (var size in options.StoreSteps)
        {
            var load = await LoadToAsync(size, options.StoreSteps[^1]);
            var projection = await ProjectTranscriptsAsync();
            var baseline = await db.CopyBaselineAsync(tenant.Id, _lastChunk.Take(options.BaselineRows).ToList());
            // Without it autovacuum works through the freshly copied partitions, for minutes at 1,000,000 statements, while
            // the queries are measured, and each query's first read of a row dirties its page to set hint bits.
            var vacuum = Stopwatch.StartNew();
            await db.VacuumAsync();
            Report.Header($"Queries at {size:N0} statements ({options.Learners:N0} learners)");
            Report.Note($"{load}, {projection}, VACUUM (ANALYZE) {vacuum.Elapsed.TotalSeconds:N0} s");
            foreach (var (name, uri, xapi) in Scenarios())
            {
                using var http = HttpLoad.Client(host.BaseAddress, options.QueryClients);
                var warmUp = Enumerable.Range(0, 5).Select(_ => uri()).ToArray();
                await HttpLoad.RunAsync(http, 1, i => HttpLoad.Get(warmUp[i], xapi), warmUp.Length, null, _ => 1);
                var uris = Enumerable.Range(0, options.Queries).Select(_ => uri()).ToArray();
                var result = await HttpLoad.RunAsync(http, options.QueryClients, i => HttpLoad.Get(uris[i], xapi), uris.Length, null, _ => 1);
                Report.Line(name, result, "q/s", baseline);
            }

            Report.Note($"statement queries ask for pages of {PageSize} (limit={PageSize}) after 5 unmeasured warm-up requests each; a transcript reads "
                + "its learner's transcript rows and any statements past the projection's checkpoint (404 for a learner with no course-level "
                + "statement yet, in small stores)");
        }

        if (options.Explain)
        {
            await ExplainAsync();
        }
    }

    /// <summary>
    /// Folds the loaded statements into the transcript rows (docs/decisions/0018) with the projector's transcript stage, in a host
    /// of its own that stops once its checkpoint has passed every loaded statement: in production a projector keeps up with
    /// ingest, and the measured host runs none. Says how long it took.
    /// </summary>
    private async Task<string> ProjectTranscriptsAsync()
    {
        const string checkpoint = "SELECT COALESCE(MAX(last_seq), 0) FROM projection_checkpoints WHERE projection = 'transcripts'";
        var clock = Stopwatch.StartNew();
        var from = long.Parse(await db.ScalarAsync(checkpoint), CultureInfo.InvariantCulture);
        var target = long.Parse(await db.ScalarAsync("SELECT last_value FROM statement_seq"), CultureInfo.InvariantCulture);
        await using (await LrsHost.StartAsync(db.ConnectionString, new Dictionary<string, string>
                     {
                         ["Lrs__Roles"] = "projector", ["Lrs__Projector__Stages"] = "transcripts", ["Lrs__Projector__BatchSize"] = "2000",
                     }))
        {
            while (long.Parse(await db.ScalarAsync(checkpoint), CultureInfo.InvariantCulture) < target)
            {
                await Task.Delay(500);
            }
        }

        var seconds = clock.Elapsed.TotalSeconds;
        return $"transcript projection {target - from:N0} statements in {seconds:N0} s ({(target - from) / seconds:N0}/s)";
    }

    /// <summary>Generates and loads statements until the store holds <paramref name="size"/>; says how long each part took.</summary>
    private async Task<string> LoadToAsync(int size, int total)
    {
        var clock = Stopwatch.StartNew();
        var count = size - _loaded;
        var (generating, loading) = (TimeSpan.Zero, TimeSpan.Zero);
        var indexes = await db.DropIndexesAsync();
        while (_loaded < size)
        {
            var step = Stopwatch.StartNew();
            var n = (int)Math.Min(Chunk, size - _loaded);
            var first = _loaded;
            // Each slice of 5,000 has a factory of its own (same learners and registrations), so both cores generate.
            _lastChunk = Enumerable.Range(0, (n + 4999) / 5000).AsParallel().AsOrdered().SelectMany(slice =>
            {
                var factory = new StatementFactory(options.Learners, seed: (int)(first / 5000) + slice);
                return Enumerable.Range(slice * 5000, Math.Min(5000, n - (slice * 5000))).Select(i =>
                {
                    var stored = Stored(first + i, total);
                    return StatementFactory.Prepare(factory.Next(stored.AddSeconds(-3)), Guid.CreateVersion7(stored), stored, tenant.Authority, tenant.AuthorityKey);
                }).ToList();
            }).ToList();
            generating += step.Elapsed;
            step.Restart();
            await db.LoadAsync(tenant.Id, _lastChunk);
            loading += step.Elapsed;
            _loaded += n;
        }

        var building = Stopwatch.StartNew();
        await db.CreateIndexesAsync(indexes);
        return $"loaded {count:N0} statements at {count / clock.Elapsed.TotalSeconds:N0}/s: generated in {generating.TotalSeconds:N0} s, "
            + $"COPY + INSERT … SELECT {loading.TotalSeconds:N0} s, indexes rebuilt {building.Elapsed.TotalSeconds:N0} s";
    }

    private DateTimeOffset Stored(long index, int total) => _start + (_span * ((double)index / total));

    private DateTimeOffset LoadedUntil => Stored(_loaded, options.StoreSteps[^1]);

    private IEnumerable<(string Name, Func<string> Uri, bool Xapi)> Scenarios()
    {
        yield return ("by agent", () => $"xapi/statements?agent={Agent()}&limit={PageSize}", true);
        yield return ("by verb + activity", () =>
            $"xapi/statements?verb={Esc(LessonVerbs[_random.Next(LessonVerbs.Length)])}&activity={Esc(StatementFactory.LessonId(_random.Next(StatementFactory.Courses), _random.Next(StatementFactory.LessonsPerCourse)))}&limit={PageSize}", true);
        yield return ("by registration", () =>
            $"xapi/statements?registration={_factory.Registration(_random.Next(options.Learners), _random.Next(StatementFactory.Courses))}&limit={PageSize}", true);
        yield return ("since/until (one hour)", () =>
        {
            var since = Window();
            return $"xapi/statements?since={Esc(since.ToString("O"))}&until={Esc(since.AddHours(1).ToString("O"))}&limit={PageSize}";
        }, true);
        yield return ("related_activities (course)", () =>
            $"xapi/statements?activity={Esc(StatementFactory.CourseId(_random.Next(StatementFactory.Courses)))}&related_activities=true&limit={PageSize}", true);
        yield return ("transcript (JSON)", () => $"api/v1/transcripts?agent={Agent()}", false);
    }

    private DateTimeOffset Window() => _start + ((LoadedUntil - _start - TimeSpan.FromHours(1)) * _random.NextDouble());

    private string Agent() => Esc(JsonSerializer.Serialize(new { mbox = StatementFactory.LearnerMbox(_random.Next(options.Learners)) }));

    private static string Esc(string value) => Uri.EscapeDataString(value);

    /// <summary>EXPLAIN (ANALYZE, BUFFERS) of the SQL the store runs for each scenario, with the parameters of one request.</summary>
    private async Task ExplainAsync()
    {
        var learner = AgentIdentity.Mbox(StatementFactory.LearnerMbox(1)).Key;
        var since = Window();
        var filters = new (string Name, StatementFilter Filter)[]
        {
            ("by agent", new StatementFilter { TenantId = tenant.Id, AgentKey = learner, Limit = PageSize + 1 }),
            ("by verb + activity", new StatementFilter { TenantId = tenant.Id, VerbId = LessonVerbs[0], ActivityId = StatementFactory.LessonId(3, 4), Limit = PageSize + 1 }),
            ("by registration", new StatementFilter { TenantId = tenant.Id, Registration = _factory.Registration(1, 3), Limit = PageSize + 1 }),
            ("since/until", new StatementFilter { TenantId = tenant.Id, Since = since, Until = since.AddHours(1), Limit = PageSize + 1 }),
            ("related_activities", new StatementFilter { TenantId = tenant.Id, ActivityId = StatementFactory.CourseId(3), RelatedActivities = true, Limit = PageSize + 1 }),
            ("transcript without the projection: a page of the learner's statements (agent, ascending, 1000)", new StatementFilter { TenantId = tenant.Id, AgentKey = learner, Ascending = true, Limit = 1000 }),
        };
        // The store leaves out the StatementRef part of a query for a tenant without StatementRefs (migration 0014).
        var statementRefs = bool.Parse(await db.ScalarAsync($"SELECT has_statement_refs FROM tenants WHERE id = '{tenant.Id}'"));
        Console.WriteLine();
        Console.WriteLine($"Query plans at {_loaded:N0} statements (EXPLAIN (ANALYZE, BUFFERS), PostgreSQL; StatementRefs in the store: {statementRefs})");
        foreach (var (name, filter) in filters)
        {
            var (sql, parameters) = StatementQuerySql.Build(filter, StatementDialect.Postgres, statementRefs);
            await using var connection = await db.DataSource.OpenConnectionAsync();
            await using var tx = await connection.BeginTransactionAsync();
            await using (var set = new NpgsqlCommand($"SELECT set_config('lrs.tenant_id', '{tenant.Id}', true)", connection, tx))
            {
                await set.ExecuteNonQueryAsync();
            }

            await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + sql, connection, tx);
            foreach (var parameter in parameters.ParameterNames)
            {
                explain.Parameters.AddWithValue(parameter, parameters.Get<object>(parameter));
            }

            Console.WriteLine();
            Console.WriteLine($"-- {name}");
            await using var reader = await explain.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                Console.WriteLine(reader.GetString(0));
            }
        }
    }
}
