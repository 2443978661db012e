using Dapper;
using Lrs.Application.Idempotency;
using Lrs.Domain.Courses;
using Lrs.Infrastructure.Courses;
using Lrs.Infrastructure.Idempotency;
using Lrs.Infrastructure.Tests.Support;

namespace Lrs.Infrastructure.Tests;

/// <summary>The course and idempotency stores on PostgreSQL, under row-level security.</summary>
public sealed class CourseStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private PostgresDatabase _db = null!;

    public async Task InitializeAsync() => _db = await PostgresDatabase.CreateAsync(migrate: true);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static Course Course(string id) =>
        Domain.Courses.Course.Define(id, "C", [Module.Create("m", "M", [Lesson.Create("l", "L", "http://example.com/" + id)])]);

    [Theory]
    [InlineData("courses")]
    [InlineData("course_items")]
    [InlineData("idempotency_keys")]
    public async Task Select_NoTenantSet_SeesNoRows(string table)
    {
        var tenant = Guid.NewGuid();
        await new PostgresCourseStore(_db.DataSource).SaveAsync(tenant, Course("c1"), "{}", Now, CancellationToken.None);
        await new PostgresIdempotencyStore(_db.DataSource).TryClaimAsync(new IdempotentRequest(tenant, "k", "PUT", "/p", "h"), Now, CancellationToken.None);
        await using var connection = await _db.DataSource.OpenConnectionAsync();

        var unscoped = await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}");
        await using var tx = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("SELECT set_config('lrs.tenant_id', @tenant::text, true)", new { tenant }, tx);
        var scoped = await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}", transaction: tx);

        Assert.Equal(0, unscoped);
        Assert.Equal(1, scoped);
    }

    [Fact]
    public async Task Save_SecondTime_ReportsReplacedAndKeepsCreated()
    {
        var store = new PostgresCourseStore(_db.DataSource);
        var tenant = Guid.NewGuid();

        Assert.True(await store.SaveAsync(tenant, Course("c1"), "{\"v\":1}", Now, CancellationToken.None));
        Assert.False(await store.SaveAsync(tenant, Course("c1"), "{\"v\":2}", Now.AddHours(1), CancellationToken.None));
        var stored = await store.FindAsync(tenant, "c1", CancellationToken.None);

        Assert.Equal("{\"v\":2}", stored!.Document);
        Assert.Equal(Now, stored.Created);
        Assert.Equal(Now.AddHours(1), stored.Updated);
    }

    [Fact]
    public async Task Claim_ExpiredKey_ClaimedAgain()
    {
        var store = new PostgresIdempotencyStore(_db.DataSource);
        var request = new IdempotentRequest(Guid.NewGuid(), "k", "PUT", "/p", "h");
        await store.TryClaimAsync(request with { RequestHash = "old" }, Now - ClaimIdempotencyKeyHandler.Retention - TimeSpan.FromMinutes(1), CancellationToken.None);
        var handler = new ClaimIdempotencyKeyHandler(store, new FakeTimeProvider(Now));

        var claim = await handler.HandleAsync(request, CancellationToken.None);

        Assert.Equal(IdempotencyOutcome.Claimed, claim.Outcome);
        Assert.Equal("h", (await store.FindAsync(request.TenantId, "k", CancellationToken.None))!.RequestHash);
    }

    [Fact]
    public async Task Claim_WhileFirstRuns_InProgress()
    {
        var store = new PostgresIdempotencyStore(_db.DataSource);
        var request = new IdempotentRequest(Guid.NewGuid(), "k", "PUT", "/p", "h");
        var handler = new ClaimIdempotencyKeyHandler(store, new FakeTimeProvider(Now));

        Assert.Equal(IdempotencyOutcome.Claimed, (await handler.HandleAsync(request, CancellationToken.None)).Outcome);
        Assert.Equal(IdempotencyOutcome.InProgress, (await handler.HandleAsync(request, CancellationToken.None)).Outcome);
        await store.CompleteAsync(request, new StoredResponse(201, "application/json", [1, 2]), CancellationToken.None);
        var replay = await handler.HandleAsync(request, CancellationToken.None);

        Assert.Equal(IdempotencyOutcome.Replay, replay.Outcome);
        Assert.Equal(201, replay.Response!.Status);
        Assert.Equal([1, 2], replay.Response.Body);
    }
}
