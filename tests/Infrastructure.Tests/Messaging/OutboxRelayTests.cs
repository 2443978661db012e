using System.Collections.Concurrent;
using Dapper;
using Lrs.Application.Events;
using Lrs.Application.Events.Contracts;
using Lrs.Infrastructure.Messaging;
using Lrs.Infrastructure.Observability;
using Lrs.Infrastructure.Persistence;
using Lrs.Infrastructure.Progress;
using Lrs.Infrastructure.Tests.Support;
using MassTransit;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lrs.Infrastructure.Tests.Messaging;

/// <summary>The outbox and its relay on PostgreSQL, publishing to MassTransit's in-memory bus (docs/decisions/0009).</summary>
public sealed class OutboxRelayTests : IAsyncLifetime
{
    private const string SetTenant = "SELECT set_config('lrs.tenant_id', @tenant::text, true)";

    private readonly ConcurrentQueue<(Guid Id, CompletionRecorded Message)> _received = new();
    private PostgresDatabase _db = null!;
    private IBusControl _bus = null!;

    public async Task InitializeAsync()
    {
        _db = await PostgresDatabase.CreateAsync(migrate: true);
        _bus = Bus.Factory.CreateUsingInMemory(cfg =>
        {
            cfg.MessageTopology.SetEntityNameFormatter(new ContractEntityNameFormatter(cfg.MessageTopology.EntityNameFormatter));
            cfg.ReceiveEndpoint("completions", e => e.Handler<CompletionRecorded>(c =>
            {
                _received.Enqueue((c.MessageId!.Value, c.Message));
                return Task.CompletedTask;
            }));
        });
        await _bus.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _bus.StopAsync();
        await _db.DisposeAsync();
    }

    private OutboxRelay Relay(RelayOptions? options = null, ChangeSignals? signals = null, TimeProvider? time = null) =>
        new(new MessageStore(_db.Connections, DatabaseProvider.Postgres), new ProgressStore(_db.Connections, DatabaseProvider.Postgres),
            _bus, options ?? new RelayOptions(), null, new LrsMetrics(new TestMeterFactory()), time ?? TimeProvider.System, NullLogger<OutboxRelay>.Instance, signals);

    private async Task<Guid> NewTenantAsync()
    {
        var id = Guid.NewGuid();
        await using var connection = await _db.Connections.OpenAsync();
        await connection.ExecuteAsync("INSERT INTO tenants (id, name, created_at) VALUES (@id, @name, now())", new { id, name = "t-" + id.ToString("N")[..8] });
        return id;
    }

    private static OutboxMessage Completion(Guid tenant, string learner, string aggregate, Guid? id = null) => OutboxMessage.From(new CompletionRecorded
    {
        TenantId = tenant, LearnerKey = learner, ActivityId = "http://example.com/a", CompletedAt = DateTimeOffset.UtcNow, StatementId = Guid.NewGuid(),
    }, id ?? Guid.NewGuid(), aggregate);

    private async Task<int> WriteAsync(Guid tenant, params OutboxMessage[] messages)
    {
        await using var connection = await _db.Connections.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(SetTenant, new { tenant }, tx);
        var written = await OutboxWriter.WriteAsync(connection, tx, messages, DateTimeOffset.UtcNow, CancellationToken.None);
        await tx.CommitAsync();
        return written;
    }

    private async Task UntilReceivedAsync(int count)
    {
        for (var i = 0; i < 100 && _received.Count < count; i++)
        {
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Relay_TwoAggregates_PublishesEachInWrittenOrderAndMarksSent()
    {
        var tenant = await NewTenantAsync();
        var messages = Enumerable.Range(0, 20).Select(i => Completion(tenant, $"learner-{i:D2}", i % 2 == 0 ? "even" : "odd")).ToArray();
        await WriteAsync(tenant, messages);
        var relay = Relay();

        Assert.Equal(20, await relay.RunOnceAsync(CancellationToken.None));
        await UntilReceivedAsync(20);

        Assert.Equal(messages.Select(m => m.MessageId).Order(), _received.Select(r => r.Id).Order());
        foreach (var aggregate in new[] { "even", "odd" })
        {
            var learners = _received.Select(r => r.Message.LearnerKey).Where(l => int.Parse(l[^2..], null) % 2 == (aggregate == "even" ? 0 : 1)).ToList();
            Assert.Equal(learners.Order(StringComparer.Ordinal), learners);
        }

        Assert.Equal(0, relay.OutboxBacklog);
        Assert.Equal(0, await relay.RunOnceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Relay_FailingRow_HoldsBackItsAggregateOnlyAndRetriesLater()
    {
        var tenant = await NewTenantAsync();
        var broken = new OutboxMessage(Guid.NewGuid(), tenant, "progress.completion.recorded.v1", "stuck", "{\"not\": \"a completion\"}");
        var behind = Completion(tenant, "behind", "stuck");
        var other = Completion(tenant, "other", "free");
        await WriteAsync(tenant, broken, behind, other);
        var relay = Relay();

        await relay.RunOnceAsync(CancellationToken.None);
        await UntilReceivedAsync(1);

        var received = Assert.Single(_received);
        Assert.Equal(other.MessageId, received.Id); // the row behind the failing one waits for it
        Assert.Equal(2, relay.OutboxBacklog);
        await using var connection = await _db.Connections.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(SetTenant, new { tenant }, tx);
        var failed = await connection.QuerySingleAsync<(int Attempts, string Error, DateTime Next)>(
            "SELECT attempts, last_error, next_attempt_at FROM outbox WHERE message_id = @id", new { id = broken.MessageId }, tx);
        Assert.Equal(1, failed.Attempts);
        Assert.False(string.IsNullOrEmpty(failed.Error));
        Assert.True(failed.Next > DateTime.UtcNow.AddMilliseconds(-50));
    }

    [Fact] // the projector of the same process wakes the relay: the row is published long before the next poll
    public async Task Relay_OutboxSignalled_PublishesBeforeNextPoll()
    {
        var tenant = await NewTenantAsync();
        var signals = new ChangeSignals();
        var relay = Relay(new RelayOptions { PollMilliseconds = 60_000 }, signals);
        await relay.StartAsync(CancellationToken.None);
        try
        {
            await Task.Delay(500); // the first round has found nothing and the relay waits for its next poll
            var message = Completion(tenant, "learner-woken", "woken");
            await WriteAsync(tenant, message);
            signals.Outbox.Notify();

            await UntilReceivedAsync(1);
            Assert.Equal(message.MessageId, Assert.Single(_received).Id);
        }
        finally
        {
            await relay.StopAsync(CancellationToken.None);
        }
    }

    [Fact] // sent rows and inbox entries past their retention go; unsent rows and recent entries stay
    public async Task PruneAsync_PastRetention_DeletesSentRowsAndOldInboxEntriesOnly()
    {
        var tenant = await NewTenantAsync();
        await WriteAsync(tenant, Completion(tenant, "learner-sent", "sent"));
        Assert.Equal(1, await Relay().RunOnceAsync(CancellationToken.None));
        var unsent = Completion(tenant, "learner-unsent", "unsent");
        await WriteAsync(tenant, unsent);
        var store = new MessageStore(_db.Connections, DatabaseProvider.Postgres);
        var old = Guid.NewGuid();
        await using (var connection = await _db.Connections.OpenAsync())
        {
            await connection.ExecuteAsync("INSERT INTO inbox (consumer, message_id, handled_at) VALUES ('c', @old, now() - interval '40 days')", new { old });
        }

        var recent = Guid.NewGuid();
        Assert.True(await store.RecordHandledAsync("c", recent, CancellationToken.None));
        var later = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(31));

        Assert.Equal((0L, 0L), await Relay(new RelayOptions { RetainSentHours = 0, RetainHandledHours = 0 }, time: later).PruneAsync(CancellationToken.None));
        Assert.Equal((1L, 1L), await Relay(new RelayOptions { RetainHandledHours = 24 * 35 }, time: later).PruneAsync(CancellationToken.None));

        Assert.Equal([unsent.MessageId], (await store.ReadUnsentAsync(10, CancellationToken.None)).Select(r => r.MessageId));
        Assert.Equal((1L, 0L), await CountAsync(tenant));
        Assert.False(await store.HandledAsync("c", old, CancellationToken.None));
        Assert.True(await store.HandledAsync("c", recent, CancellationToken.None));
    }

    private async Task<(long Outbox, long Inbox)> CountAsync(Guid tenant)
    {
        await using var connection = await _db.Connections.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(SetTenant, new { tenant }, tx);
        return (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox", transaction: tx),
            await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM inbox WHERE handled_at < now() - interval '1 day'", transaction: tx));
    }

    [Fact]
    public async Task OutboxWriter_SameMessageIdTwice_QueuedOnce()
    {
        var tenant = await NewTenantAsync();
        var id = Guid.NewGuid();

        Assert.Equal(1, await WriteAsync(tenant, Completion(tenant, "ann", "a", id)));
        Assert.Equal(0, await WriteAsync(tenant, Completion(tenant, "ann", "a", id)));
    }

    [Fact] // row-level security: a tenant's transaction sees none of another tenant's outbox rows
    public async Task Outbox_OtherTenantsTransaction_SeesNoRows()
    {
        var a = await NewTenantAsync();
        var b = await NewTenantAsync();
        await WriteAsync(a, Completion(a, "ann", "x"));

        await using var connection = await _db.Connections.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(SetTenant, new { tenant = b }, tx);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox", transaction: tx));
        await Assert.ThrowsAnyAsync<Npgsql.PostgresException>(() => connection.ExecuteAsync(
            "INSERT INTO outbox (message_id, tenant_id, message_type, aggregate_key, payload, created_at) VALUES (@id, @a, 't', 'k', '{}', now())",
            new { id = Guid.NewGuid(), a }, tx));
    }
}
