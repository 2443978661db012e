using Dapper;
using Lrs.Api.Tests.Support;
using Lrs.Application.Events.Contracts;
using Lrs.Infrastructure.Messaging;
using Lrs.Infrastructure.Progress;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Lrs.Api.Tests.Events;

/// <summary>
/// progress.completion.recorded.v1 end to end (seed 000 §3, §8: many passing statements → one completion, one event;
/// seed 001 G3). PostgreSQL with RabbitMQ, and the embedded default (SQLite, in-memory bus).
/// </summary>
[Collection(BrokerConsumersCollection.Name)]
public sealed class CompletionEventTests
{
    [Fact]
    public async Task CompletionEvent_PassingStatementTwiceAndRelayRestart_PublishedOnce()
    {
        var database = await TestDatabases.CreatePostgresAsync();
        try
        {
            await using var downstream = await Downstream.RabbitMqAsync("test-completions-" + Guid.NewGuid().ToString("N")[..8]);
            var learner = Learner.New();
            var passing = Guid.NewGuid();
            // The exchanges are shared with other tests running at the same time: count only this learner's events.
            List<CompletionRecorded> Completions() => downstream.Of<CompletionRecorded>().Where(c => c.LearnerKey == learner.Key).ToList();
            int Stored() => downstream.Of<StatementStored>().Count(s => s.LearnerKey == learner.Key);
            await using (var first = new EventsFactory("Postgres", database))
            {
                var client = first.Xapi();
                await Support.Statements.PostAsync(client, learner.Launched(), learner.Passed(passing));
                // The same statement again (a retry: no-op in the ledger) and a second passing statement.
                Assert.Equal(System.Net.HttpStatusCode.NoContent, (await Support.Statements.PutAsync(client, passing, learner.Passed(passing))).StatusCode);
                await Support.Statements.PostAsync(client, learner.Passed());
                await Downstream.UntilAsync(() => Completions().Count >= 1 && Stored() >= 3, 30, "the first events");
            }

            // Restart: a new process replays the ledger from scratch (relay checkpoint reset, projections rebuilt).
            await using (var connection = new NpgsqlConnection(database))
            {
                await connection.ExecuteAsync("UPDATE projection_checkpoints SET last_seq = 0 WHERE projection = @p", new { p = OutboxRelay.LedgerCheckpoint });
            }

            await using (var second = new EventsFactory("Postgres", database))
            {
                await second.Services.GetRequiredService<ProgressProjector>().RebuildAsync(CancellationToken.None);
                await Support.Statements.PostAsync(second.Xapi(), learner.Passed());
                // The ledger's three statements announced again (same ids, for inboxes to drop) and the fourth.
                await Downstream.UntilAsync(() => Stored() >= 7, 30, "the replayed ledger");
                await second.Services.GetRequiredService<OutboxRelay>().RunOnceAsync(CancellationToken.None);
                await Task.Delay(1000);
            }

            var completion = Assert.Single(Completions());
            Assert.Equal(learner.Key, completion.LearnerKey);
            Assert.Equal(learner.Activity, completion.ActivityId);
            Assert.Equal(learner.Registration, completion.Registration);
            Assert.Equal("passed", completion.PassFail);
            Assert.Equal(passing, completion.StatementId);
            Assert.Single(downstream.Of<AttemptOpened>(), a => a.LearnerKey == learner.Key);
        }
        finally
        {
            await TestDatabases.DropPostgresAsync(database);
        }
    }

    [Fact] // the embedded default: SQLite and MassTransit's in-memory transport
    public async Task CompletionEvent_EmbeddedDefault_ReachesInProcessConsumer()
    {
        var file = Path.Combine(Path.GetTempPath(), "lrs-events-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            await using var factory = new EventsFactory("Sqlite", $"Data Source={file}");
            var client = factory.Xapi();
            await using var downstream = await Downstream.ConnectAsync(factory.Services.GetRequiredService<IBus>(), "test-embedded");
            var learner = Learner.New();

            await Support.Statements.PostAsync(client, learner.Launched(), learner.Passed(), learner.Passed());

            await Downstream.UntilAsync(() => downstream.Count<CompletionRecorded>() >= 1 && downstream.Count<StatementStored>() >= 3, 30, "the events");
            await Task.Delay(500);
            Assert.Equal(1, downstream.Count<CompletionRecorded>());
            Assert.Equal(3, downstream.Of<StatementStored>().Select(s => s.StatementId).Distinct().Count());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(f);
            }
        }
    }
}
