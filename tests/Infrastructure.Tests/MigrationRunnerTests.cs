using System.Data.Common;
using Dapper;
using Lrs.Infrastructure.Persistence;
using Lrs.Infrastructure.Tests.Support;

namespace Lrs.Infrastructure.Tests;

public sealed class MigrationRunnerTests
{
    private static readonly string[] Tables =
        ["statements", "statement_ids", "statement_agents", "statement_activities", "statement_voids", "tenants", "credentials", "documents", "attachments", "activities",
         "courses", "course_items", "idempotency_keys",
         "attempts", "interaction_results", "completion_records", "pass_fail_records", "projection_checkpoints",
         "lesson_progress", "course_progress",
         "module_progress", "user_progress", "quiz_attempts", "quiz_question_responses", "assignment_submissions",
         "learning_paths", "learning_path_courses", "learning_path_progress", "progress_dirty",
         "competencies", "achievements", "user_competencies", "competency_evidence", "user_achievements",
         "outbox", "inbox", "dead_letters", "admins",
         "saga_instances", "erasure_requests", "erasure_keys"];

    [Fact]
    public async Task Postgres_UpDownUp_CreatesDropsAndRecreatesSchema()
    {
        await using var db = await PostgresDatabase.CreateAsync(migrate: false);
        const string tablesSql = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'";

        await AssertUpDownUpAsync(db.Runner, () => db.Connections.OpenAsync(), tablesSql);
    }

    [Fact]
    public async Task Sqlite_UpDownUp_CreatesDropsAndRecreatesSchema()
    {
        using var db = await SqliteDatabase.CreateAsync(migrate: false);
        const string tablesSql = "SELECT name FROM sqlite_master WHERE type = 'table'";

        await AssertUpDownUpAsync(db.Runner, () => db.Connections.OpenAsync(), tablesSql);
    }

    [Fact]
    public async Task Postgres_UpTwice_AppliesNothingTheSecondTime()
    {
        await using var db = await PostgresDatabase.CreateAsync(migrate: false);

        Assert.Equal(db.Runner.Available.Count, await db.Runner.UpAsync());
        Assert.Equal(0, await db.Runner.UpAsync());
        Assert.Equal(db.Runner.Available.Select(m => m.Version), await db.Runner.AppliedAsync());
    }

    [Fact]
    public async Task Sqlite_UpTwice_AppliesNothingTheSecondTime()
    {
        using var db = await SqliteDatabase.CreateAsync(migrate: false);

        Assert.Equal(db.Runner.Available.Count, await db.Runner.UpAsync());
        Assert.Equal(0, await db.Runner.UpAsync());
        Assert.Equal(db.Runner.Available.Select(m => m.Version), await db.Runner.AppliedAsync());
    }

    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public void Available_EveryMigration_HasUpAndDownScripts(DatabaseProvider provider)
    {
        // Loading the scripts needs no connection; the factory is never asked for one.
        var runner = TestDatabases.Runner(new SqliteConnections("Data Source=:memory:"), provider, "unused");

        Assert.NotEmpty(runner.Available);
        Assert.Equal("0001", runner.Available[0].Version);
        Assert.All(runner.Available, m =>
        {
            Assert.False(string.IsNullOrWhiteSpace(m.Up), $"{m.Version} has an empty up script");
            Assert.False(string.IsNullOrWhiteSpace(m.Down), $"{m.Version} has an empty down script");
        });
        Assert.Equal(runner.Available.Select(m => m.Version).Order(StringComparer.Ordinal), runner.Available.Select(m => m.Version));
    }

    private static async Task AssertUpDownUpAsync(MigrationRunner runner, Func<ValueTask<DbConnection>> open, string tablesSql)
    {
        async Task<HashSet<string>> TablesAsync()
        {
            await using var connection = await open();
            return (await connection.QueryAsync<string>(tablesSql)).ToHashSet();
        }

        Assert.Equal(runner.Available.Count, await runner.UpAsync());
        Assert.Contains("0001", await runner.AppliedAsync());
        var afterUp = await TablesAsync();
        Assert.All(Tables, t => Assert.Contains(t, afterUp));

        Assert.Equal(runner.Available.Count, await runner.DownAsync());
        Assert.Empty(await runner.AppliedAsync());
        var afterDown = await TablesAsync();
        Assert.All(Tables, t => Assert.DoesNotContain(t, afterDown));
        Assert.DoesNotContain(afterDown, t => t.StartsWith("statements_", StringComparison.Ordinal));

        Assert.Equal(runner.Available.Count, await runner.UpAsync());
        Assert.Contains("0001", await runner.AppliedAsync());
        var again = await TablesAsync();
        Assert.All(Tables, t => Assert.Contains(t, again));
    }
}
