using Dapper;
using Lrs.Application.Events;
using Lrs.Application.Events.Contracts;
using Lrs.Application.Portal;
using Lrs.Infrastructure.Messaging;
using Lrs.Infrastructure.Persistence;
using Lrs.Infrastructure.Portal;
using Lrs.Infrastructure.Progress;
using Lrs.Infrastructure.Sagas;
using Lrs.Infrastructure.Sagas.Completion;
using Lrs.Infrastructure.Statements;
using Lrs.Infrastructure.Tests.Support;

namespace Lrs.Infrastructure.Tests.Portal;

/// <summary>The overview's event figures (docs/decisions/0010) count one tenant's outbox, dead letters and flagged completions, on both databases.</summary>
public sealed class EventStatisticsTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task CountAsync_TwoTenants_CountsOnlyTheTenantsUnsentDeadAndFlagged(DatabaseProvider provider)
    {
        await using var db = await Databases.CreateAsync(provider);
        var dialect = provider == DatabaseProvider.Postgres ? StatementDialect.Postgres : StatementDialect.Sqlite;
        var (mine, other) = (await NewTenantAsync(db, dialect), await NewTenantAsync(db, dialect));
        var statistics = new PortalQueries(new ProgressStore(db.Connections, provider));
        Assert.Equal(new EventCounts(0, null, 0, 0), await statistics.CountAsync(mine, CancellationToken.None));

        var written = DateTimeOffset.UtcNow.AddMinutes(-5);
        await WriteOutboxAsync(db, provider, mine, written, 2);
        await WriteOutboxAsync(db, provider, other, written.AddMinutes(-10), 3);
        var messages = new MessageStore(db.Connections, provider);
        await messages.AddDeadLetterAsync(new DeadLetter(Guid.CreateVersion7(), mine, Guid.NewGuid(), "delivery.play_session.started.v1", "c", "{}", "bad", 1, DateTimeOffset.UtcNow), CancellationToken.None);
        await messages.AddDeadLetterAsync(new DeadLetter(Guid.CreateVersion7(), other, Guid.NewGuid(), "delivery.play_session.started.v1", "c", "{}", "bad", 1, DateTimeOffset.UtcNow), CancellationToken.None);
        var sagas = new SagaStore<CompletionState>(db.Connections, db.Options, CompletionStateMachine.SagaType);
        await sagas.InsertAsync(Saga(mine, nameof(CompletionStateMachine.Flagged)), CancellationToken.None);
        await sagas.InsertAsync(Saga(mine, nameof(CompletionStateMachine.AwaitingCertificate)), CancellationToken.None);
        await sagas.InsertAsync(Saga(other, nameof(CompletionStateMachine.Flagged)), CancellationToken.None);

        var counts = await statistics.CountAsync(mine, CancellationToken.None);

        Assert.Equal(2, counts.Unsent);
        Assert.Equal(written.ToUnixTimeMilliseconds(), counts.OldestUnsent!.Value.ToUnixTimeMilliseconds(), 1.0);
        Assert.Equal(1, counts.DeadLetters);
        Assert.Equal(1, counts.FlaggedCompletions);
    }

    private static CompletionState Saga(Guid tenant, string state) => new()
    {
        CorrelationId = Guid.NewGuid(), TenantId = tenant, CurrentState = state, LearnerKey = "mbox:mailto:a@example.com", ActivityId = "http://example.com/c",
        CompletedAt = DateTimeOffset.UtcNow, StatementId = Guid.NewGuid(), RecordedAt = DateTimeOffset.UtcNow,
    };

    private static async Task<Guid> NewTenantAsync(Databases.Database db, StatementDialect dialect)
    {
        await using var connection = await db.Connections.OpenAsync();
        return await TestTenants.InsertAsync(connection, dialect);
    }

    private static async Task WriteOutboxAsync(Databases.Database db, DatabaseProvider provider, Guid tenant, DateTimeOffset at, int count)
    {
        await using var connection = await db.Connections.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        if (provider == DatabaseProvider.Postgres)
        {
            await connection.ExecuteAsync("SELECT set_config('lrs.tenant_id', @tenant::text, true)", new { tenant }, tx);
        }

        var rows = Enumerable.Range(0, count).Select(i => OutboxMessage.From(new CompletionRecorded
        {
            TenantId = tenant, LearnerKey = "l" + i, ActivityId = "http://example.com/a", CompletedAt = at, StatementId = Guid.NewGuid(),
        }, Guid.NewGuid(), "l" + i)).ToList();
        await OutboxWriter.WriteAsync(connection, tx, rows, at, CancellationToken.None);
        await tx.CommitAsync();
    }
}
