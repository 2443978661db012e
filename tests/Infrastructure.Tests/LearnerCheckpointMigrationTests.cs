using System.Data.Common;
using Dapper;
using Lrs.Infrastructure.Persistence;
using Lrs.Infrastructure.Progress;
using Lrs.Infrastructure.Tests.Support;

namespace Lrs.Infrastructure.Tests;

/// <summary>
/// Migration 0013 starts the projector's learners stage (docs/decisions/0014) at the checkpoint the single-stage projector
/// had reached, so an upgraded store does not recompute every learner of its ledger.
/// </summary>
public sealed class LearnerCheckpointMigrationTests
{
    [Fact]
    public Task Postgres_Up0013_LearnersStageStartsAtTheProgressCheckpoint() =>
        UnmigratedDatabase.OnPostgresAsync((runner, open) => AssertAsync(runner, open, DateTimeOffset.UtcNow));

    [Fact]
    public Task Sqlite_Up0013_LearnersStageStartsAtTheProgressCheckpoint() =>
        UnmigratedDatabase.OnSqliteAsync((runner, open) => AssertAsync(runner, open, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));

    [Fact] // a store never projected has no checkpoint to copy: the learners stage starts at 0 like the attempts stage
    public async Task Sqlite_Up0013_NoProgressCheckpoint_NoneCreated()
    {
        using var db = await SqliteDatabase.CreateAsync(migrate: true);
        await using var connection = await db.Connections.OpenAsync();

        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM projection_checkpoints"));
    }

    private static async Task AssertAsync(MigrationRunner runner, Func<ValueTask<DbConnection>> open, object now)
    {
        await runner.UpAsync();
        await runner.DownAsync("0012");
        await using var connection = await open();
        await connection.ExecuteAsync("INSERT INTO projection_checkpoints (projection, last_seq, updated_at) VALUES (@projection, 4242, @now)",
            new { projection = ProgressProjector.Projection, now });

        // 0013 and whatever migrations follow it.
        var applied = await runner.UpAsync();

        Assert.Contains(await runner.AppliedAsync(), v => v.StartsWith("0013", StringComparison.Ordinal));
        Assert.Equal(4242, await connection.ExecuteScalarAsync<long>("SELECT last_seq FROM projection_checkpoints WHERE projection = @p",
            new { p = ProgressProjector.LearnerProjection }));
        Assert.Equal(applied, await runner.DownAsync("0012"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM projection_checkpoints"));
    }
}
