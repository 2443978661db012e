using Lrs.Application.Statements;
using Lrs.Infrastructure.Ingest;
using Lrs.Infrastructure.Observability;
using Lrs.Infrastructure.Statements;
using Lrs.Infrastructure.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lrs.Infrastructure.Tests;

public sealed class IngestQueueTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly TestMeterFactory _meters = new();
    private PostgresDatabase _db = null!;
    private PostgresStatementStore _store = null!;

    public async Task InitializeAsync()
    {
        _db = await PostgresDatabase.CreateAsync(migrate: true);
        _store = new PostgresStatementStore(_db.DataSource);
    }

    public async Task DisposeAsync()
    {
        _meters.Dispose();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task WriteAsync_QueueFull_ReturnsBusyAndFirstIsStoredOnceStarted()
    {
        using var queue = NewQueue(capacity: 1);
        var tenant = Guid.NewGuid();
        var first = TestStatements.Experienced();
        var second = TestStatements.Experienced();

        var pending = queue.WriteAsync(tenant, [first], CancellationToken.None).AsTask();
        var busy = queue.WriteAsync(tenant, [second], CancellationToken.None);

        Assert.True(busy.IsCompleted, "a full queue must answer at once");
        Assert.Equal(IngestOutcome.Busy, (await busy).Outcome);
        await Task.Delay(100);
        Assert.False(pending.IsCompleted, "nothing writes before the service starts");

        await queue.StartAsync(CancellationToken.None);
        Assert.Equal(IngestOutcome.Stored, (await pending.WaitAsync(Patience)).Outcome);
        await queue.StopAsync(CancellationToken.None);

        Assert.NotNull(await _store.FindAsync(tenant, first.Id, voided: false, CancellationToken.None));
        Assert.Null(await _store.FindAsync(tenant, second.Id, voided: false, CancellationToken.None));
    }

    [Fact]
    public async Task StopAsync_RequestsAccepted_AllCompletedThenNewOnesRefused()
    {
        using var queue = NewQueue(capacity: 16);
        var tenant = Guid.NewGuid();
        var statements = Enumerable.Range(0, 5).Select(_ => TestStatements.Experienced()).ToList();
        var pending = statements.Select(s => queue.WriteAsync(tenant, [s], CancellationToken.None).AsTask()).ToList();

        await queue.StartAsync(CancellationToken.None);
        await queue.StopAsync(CancellationToken.None);

        var results = await Task.WhenAll(pending).WaitAsync(Patience);
        Assert.All(results, r => Assert.Equal(IngestOutcome.Stored, r.Outcome));
        foreach (var statement in statements)
        {
            Assert.NotNull(await _store.FindAsync(tenant, statement.Id, voided: false, CancellationToken.None));
        }

        // Once stopped nothing would ever write a queued request, so it must not be queued.
        var late = queue.WriteAsync(tenant, [TestStatements.Experienced()], CancellationToken.None);
        Assert.True(late.IsCompleted, "a stopped queue must answer at once");
        Assert.Equal(IngestOutcome.Busy, (await late).Outcome);
    }

    [Fact]
    public async Task ExecuteAsync_ConflictingRequestsInOneBatch_EachGetsItsOwnOutcome()
    {
        using var queue = NewQueue(capacity: 16);
        var tenant = Guid.NewGuid();
        var original = TestStatements.Experienced();
        var stored = queue.WriteAsync(tenant, [original], CancellationToken.None).AsTask();
        var conflicting = queue.WriteAsync(tenant, [TestStatements.Experienced(id: original.Id)], CancellationToken.None).AsTask();

        await queue.StartAsync(CancellationToken.None);

        Assert.Equal(IngestOutcome.Stored, (await stored.WaitAsync(Patience)).Outcome);
        Assert.Equal(IngestOutcome.Conflict, (await conflicting.WaitAsync(Patience)).Outcome);
        await queue.StopAsync(CancellationToken.None);
    }

    [Fact] // Data §2.3.2 with two writers: each request is stored or refused exactly as one writer would
    public async Task WriteAsync_TwoWriters_EveryRequestStoredAndVoidingStillChecked()
    {
        using var queue = NewQueue(capacity: 256, writers: 2);
        var tenant = Guid.NewGuid();
        var target = TestStatements.Experienced();
        var voiding = TestStatements.Voiding(target.Id);
        await queue.StartAsync(CancellationToken.None);

        var plain = Enumerable.Range(0, 100).Select(_ => TestStatements.Experienced()).ToList();
        var pending = plain.Select(s => queue.WriteAsync(tenant, [s], CancellationToken.None).AsTask()).ToList();
        pending.Add(queue.WriteAsync(tenant, [target], CancellationToken.None).AsTask());
        var results = await Task.WhenAll(pending).WaitAsync(Patience);
        var voided = await queue.WriteAsync(tenant, [voiding], CancellationToken.None).AsTask().WaitAsync(Patience);
        var voidingTheVoiding = await queue.WriteAsync(tenant, [TestStatements.Voiding(voiding.Id)], CancellationToken.None).AsTask().WaitAsync(Patience);
        await queue.StopAsync(CancellationToken.None);

        Assert.All(results, r => Assert.Equal(IngestOutcome.Stored, r.Outcome));
        Assert.Equal(IngestOutcome.Stored, voided.Outcome);
        Assert.Equal(IngestOutcome.Invalid, voidingTheVoiding.Outcome);
        foreach (var statement in plain)
        {
            Assert.NotNull(await _store.FindAsync(tenant, statement.Id, voided: false, CancellationToken.None));
        }

        Assert.NotNull(await _store.FindAsync(tenant, target.Id, voided: true, CancellationToken.None));
    }

    private IngestQueue NewQueue(int capacity, int writers = 1) => new(
        new StatementBatchWriter(_store, gate: new WriterGate(writers)),
        new IngestOptions { QueueCapacity = capacity },
        new LrsMetrics(_meters),
        NullLogger<IngestQueue>.Instance,
        writers);
}
