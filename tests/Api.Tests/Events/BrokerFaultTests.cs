using System.Diagnostics;
using System.Text.Json;
using Lrs.Api.Tests.Support;
using Lrs.Application.Events.Contracts;
using Lrs.Infrastructure.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Lrs.Api.Tests.Events;

/// <summary>
/// The broker fails, the LRS does not (seed 001 SLOs: ingestion availability, outbox lag). Stops and restarts this
/// test run's own RabbitMQ (build/services.sh, ports from LRS_RABBITMQ_PORT), so it runs alone in its collection.
/// </summary>
[Collection(BrokerFaultCollection.Name)]
public sealed class BrokerFaultTests(ITestOutputHelper output)
{
    private const int Learners = 150;

    [Fact]
    public async Task Relay_RabbitMqStoppedDuringIngest_BacklogGrowsThenDrainsExactlyOnce()
    {
        var database = await TestDatabases.CreatePostgresAsync();
        try
        {
            await using var factory = new EventsFactory("Postgres", database);
            var client = factory.Xapi();
            var relay = factory.Services.GetRequiredService<OutboxRelay>();
            await using var downstream = await Downstream.RabbitMqAsync("test-fault-" + Guid.NewGuid().ToString("N")[..8]);

            await Broker.ServicesAsync("stop rabbitmq");
            var learners = Enumerable.Range(0, Learners).Select(_ => Learner.New()).ToList();
            var ingest = Stopwatch.StartNew();
            foreach (var learner in learners)
            {
                // Ingest keeps answering with the broker down: the ledger and the outbox are in the database.
                await Support.Statements.PostAsync(client, learner.Launched(), learner.Passed());
            }

            ingest.Stop();
            long peak = 0;
            await Downstream.UntilAsync(() =>
            {
                peak = Math.Max(peak, relay.OutboxBacklog + relay.LedgerBacklog);
                return relay.OutboxBacklog >= 2 * Learners;
            }, 60, "the outbox backlog to hold every attempt and completion event");
            Assert.Empty(downstream.Received);

            var drain = Stopwatch.StartNew();
            await Broker.ServicesAsync("start rabbitmq");
            var brokerStart = drain.Elapsed;
            // Per learner: opened, completion recorded, and two statements stored.
            await Downstream.UntilAsync(() => downstream.Count<StatementStored>() >= 2 * Learners && downstream.Count<CompletionRecorded>() >= Learners
                && downstream.Count<AttemptOpened>() >= Learners, 120, "the backlog to drain");
            drain.Stop();
            await Task.Delay(2000);

            foreach (var name in new[] { "progress.statement.stored.v1", "progress.attempt.opened.v1", "progress.completion.recorded.v1" })
            {
                var ids = downstream.Received.Where(r => r.Name == name).Select(r => r.MessageId).ToList();
                Assert.Equal(ids.Count, ids.Distinct().Count()); // exactly once: no duplicates
            }

            Assert.Equal(learners.Select(l => l.Key).Order(), downstream.Of<CompletionRecorded>().Select(c => c.LearnerKey).Order());
            Assert.Equal(2 * Learners, downstream.Count<StatementStored>());
            Assert.True(relay.OutboxBacklog == 0, $"outbox backlog {relay.OutboxBacklog}");

            // The firehose ran alongside: pseudonymised statements, no identifier of the learners.
            var forwarded = downstream.Of<StatementForwarded>();
            Assert.Equal(2 * Learners, forwarded.Select(f => f.StatementId).Distinct().Count());
            Assert.All(forwarded, f => Assert.DoesNotContain("mbox", JsonSerializer.Serialize(f.Statement), StringComparison.Ordinal));

            output.WriteLine($"broker down: {2 * Learners} statements ingested in {ingest.Elapsed.TotalSeconds:F1} s, " +
                $"backlog peak {peak} messages (outbox + ledger); broker restarted in {brokerStart.TotalSeconds:F1} s, backlog drained {drain.Elapsed.TotalSeconds:F1} s after the restart began");
        }
        finally
        {
            await Broker.ServicesAsync("start rabbitmq");
            await TestDatabases.DropPostgresAsync(database);
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrokerFaultCollection
{
    public const string Name = "broker-fault";
}
