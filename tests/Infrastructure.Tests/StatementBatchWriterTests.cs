using Lrs.Application.Statements;
using Lrs.Infrastructure.Statements;
using Lrs.Infrastructure.Tests.Support;

namespace Lrs.Infrastructure.Tests;

/// <summary>The write path's rules, run against each database.</summary>
public abstract class StatementBatchWriterTests : IAsyncLifetime
{
    private IStatementReader _reader = null!;
    private StatementBatchWriter _writer = null!;

    protected abstract Task<(IStatementBatchStore Store, IStatementReader Reader)> OpenAsync();

    protected abstract Task CloseAsync();

    public async Task InitializeAsync()
    {
        var (store, reader) = await OpenAsync();
        _reader = reader;
        _writer = new StatementBatchWriter(store);
    }

    public Task DisposeAsync() => CloseAsync();

    [Fact]
    public async Task WriteAsync_SeveralRequests_CommitsAll()
    {
        var tenant = Guid.NewGuid();
        var requests = Enumerable.Range(0, 3)
            .Select(_ => TestStatements.Request(tenant, TestStatements.Experienced(), TestStatements.Experienced()))
            .ToList();

        var results = await _writer.WriteAsync(requests, CancellationToken.None);

        Assert.All(requests, r => Assert.Equal(IngestOutcome.Stored, results[r].Outcome));
        foreach (var statement in requests.SelectMany(r => r.Statements))
        {
            var found = await _reader.FindAsync(tenant, statement.Id, voided: false, CancellationToken.None);
            Assert.NotNull(found);
            Assert.Equal(statement.Json, found.Json);
            Assert.Equal(statement.Stored, found.Stored);
            Assert.Equal(TestStatements.AuthorityKey, found.AuthorityKey);
        }

        Assert.Equal(6, (await QueryAsync(tenant)).Count);
    }

    [Fact]
    public async Task WriteAsync_SameIdDifferentContentLaterInBatch_SecondRequestConflictsAndStoresNothing()
    {
        // Communication §2.1.2: an id already stored with different content is a conflict; the request is all-or-nothing.
        var tenant = Guid.NewGuid();
        var first = TestStatements.Experienced();
        var other = TestStatements.Experienced();
        var clash = TestStatements.Experienced(id: first.Id);
        var firstRequest = TestStatements.Request(tenant, first);
        var secondRequest = TestStatements.Request(tenant, other, clash);

        var results = await _writer.WriteAsync([firstRequest, secondRequest], CancellationToken.None);

        Assert.Equal(IngestOutcome.Stored, results[firstRequest].Outcome);
        Assert.Equal(IngestOutcome.Conflict, results[secondRequest].Outcome);
        Assert.Null(await _reader.FindAsync(tenant, other.Id, voided: false, CancellationToken.None));
        Assert.Equal(first.Json, (await _reader.FindAsync(tenant, first.Id, voided: false, CancellationToken.None))?.Json);
        Assert.Single(await QueryAsync(tenant));
    }

    [Fact]
    public async Task WriteAsync_AssignedIdsBesideStoredClientId_StoresNewAndLeavesStoredAlone()
    {
        // Communication §2.1.1: a client-given id stored with the same content is not written again, also in a group whose
        // other statements carry ids the LRS generated, which the writer does not look up.
        var tenant = Guid.NewGuid();
        var given = TestStatements.Experienced();
        await _writer.WriteAsync([TestStatements.Request(tenant, given)], CancellationToken.None);
        var fresh = new[] { TestStatements.Experienced() with { IdAssigned = true }, TestStatements.Experienced() with { IdAssigned = true } };
        var request = TestStatements.Request(tenant, fresh[0], given, fresh[1]);

        var results = await _writer.WriteAsync([request, TestStatements.Request(tenant, TestStatements.Experienced() with { IdAssigned = true })],
            CancellationToken.None);

        Assert.All(results.Values, r => Assert.Equal(IngestOutcome.Stored, r.Outcome));
        Assert.Equal(4, (await QueryAsync(tenant)).Count);
        Assert.All(fresh, f => Assert.NotNull(_reader.FindAsync(tenant, f.Id, voided: false, CancellationToken.None).Result));
    }

    [Fact]
    public async Task WriteAsync_AssignedIdBesideConflictingClientId_ConflictsWhole()
    {
        // Communication §2.1.2: the lookup skipped for generated ids still catches a client id stored with other content.
        var tenant = Guid.NewGuid();
        var given = TestStatements.Experienced();
        await _writer.WriteAsync([TestStatements.Request(tenant, given)], CancellationToken.None);
        var fresh = TestStatements.Experienced() with { IdAssigned = true };
        var request = TestStatements.Request(tenant, fresh, TestStatements.Experienced(id: given.Id));

        var results = await _writer.WriteAsync([request], CancellationToken.None);

        Assert.Equal(IngestOutcome.Conflict, results[request].Outcome);
        Assert.Null(await _reader.FindAsync(tenant, fresh.Id, voided: false, CancellationToken.None));
    }

    [Fact]
    public async Task WriteAsync_SameIdDifferentContentAlreadyStored_Conflicts()
    {
        var tenant = Guid.NewGuid();
        var first = TestStatements.Experienced();
        await _writer.WriteAsync([TestStatements.Request(tenant, first)], CancellationToken.None);
        var other = TestStatements.Experienced();
        var request = TestStatements.Request(tenant, other, TestStatements.Experienced(id: first.Id));

        var results = await _writer.WriteAsync([request], CancellationToken.None);

        Assert.Equal(IngestOutcome.Conflict, results[request].Outcome);
        Assert.Null(await _reader.FindAsync(tenant, other.Id, voided: false, CancellationToken.None));
        Assert.Single(await QueryAsync(tenant));
    }

    [Fact]
    public async Task WriteAsync_SameIdSameContentInLaterRequest_StoredOnce()
    {
        // Communication §2.1.1: statements are never modified; an equivalent resend is accepted and not written again.
        var tenant = Guid.NewGuid();
        var activity = $"http://example.com/activities/{Guid.NewGuid():N}";
        var original = TestStatements.Experienced(activity: activity);
        await _writer.WriteAsync([TestStatements.Request(tenant, original)], CancellationToken.None);
        var resend = TestStatements.Experienced(original.Id, activity, original.Stored.AddSeconds(5));
        var request = TestStatements.Request(tenant, resend);

        var results = await _writer.WriteAsync([request], CancellationToken.None);

        Assert.Equal(IngestOutcome.Stored, results[request].Outcome);
        var stored = Assert.Single(await QueryAsync(tenant));
        Assert.Equal(original.Json, stored.Json);
        Assert.Equal(original.Stored, stored.Stored);
    }

    [Fact]
    public async Task WriteAsync_SameIdSameContentTwiceInBatch_StoredOnce()
    {
        var tenant = Guid.NewGuid();
        var activity = $"http://example.com/activities/{Guid.NewGuid():N}";
        var original = TestStatements.Experienced(activity: activity);
        var first = TestStatements.Request(tenant, original);
        var second = TestStatements.Request(tenant, TestStatements.Experienced(original.Id, activity, original.Stored.AddSeconds(5)));

        var results = await _writer.WriteAsync([first, second], CancellationToken.None);

        Assert.Equal(IngestOutcome.Stored, results[first].Outcome);
        Assert.Equal(IngestOutcome.Stored, results[second].Outcome);
        Assert.Equal(original.Json, Assert.Single(await QueryAsync(tenant)).Json);
    }

    [Fact]
    public async Task WriteAsync_VoidingAStoredVoidingStatement_InvalidAndStoresNothing()
    {
        // Data §2.3.2: a voiding statement cannot itself be voided.
        var tenant = Guid.NewGuid();
        var target = TestStatements.Experienced();
        var voiding = TestStatements.Voiding(target.Id);
        await _writer.WriteAsync([TestStatements.Request(tenant, target, voiding)], CancellationToken.None);
        var bystander = TestStatements.Experienced();
        var revoke = TestStatements.Voiding(voiding.Id);
        var request = TestStatements.Request(tenant, bystander, revoke);

        var results = await _writer.WriteAsync([request], CancellationToken.None);

        Assert.Equal(IngestOutcome.Invalid, results[request].Outcome);
        Assert.Null(await _reader.FindAsync(tenant, bystander.Id, voided: false, CancellationToken.None));
        Assert.Null(await _reader.FindAsync(tenant, revoke.Id, voided: false, CancellationToken.None));
        Assert.NotNull(await _reader.FindAsync(tenant, voiding.Id, voided: false, CancellationToken.None));
        Assert.NotNull(await _reader.FindAsync(tenant, target.Id, voided: true, CancellationToken.None));
    }

    [Fact]
    public async Task WriteAsync_VoidingAVoidingStatementEarlierInBatch_InvalidAndStoresNothing()
    {
        // Data §2.3.2, with the voiding statement only written by an earlier request of the same transaction.
        var tenant = Guid.NewGuid();
        var target = TestStatements.Experienced();
        var voiding = TestStatements.Voiding(target.Id);
        var first = TestStatements.Request(tenant, target, voiding);
        var bystander = TestStatements.Experienced();
        var revoke = TestStatements.Voiding(voiding.Id);
        var second = TestStatements.Request(tenant, bystander, revoke);

        var results = await _writer.WriteAsync([first, second], CancellationToken.None);

        Assert.Equal(IngestOutcome.Stored, results[first].Outcome);
        Assert.Equal(IngestOutcome.Invalid, results[second].Outcome);
        Assert.Null(await _reader.FindAsync(tenant, bystander.Id, voided: false, CancellationToken.None));
        Assert.Null(await _reader.FindAsync(tenant, revoke.Id, voided: false, CancellationToken.None));
        Assert.NotNull(await _reader.FindAsync(tenant, target.Id, voided: true, CancellationToken.None));
        Assert.Null(await _reader.FindAsync(tenant, target.Id, voided: false, CancellationToken.None));
    }

    [Fact]
    public async Task WriteAsync_TwoTenantsInOneBatch_EachSeesOnlyItsOwn()
    {
        var tenantA = Guid.NewGuid();
        var tenantB = Guid.NewGuid();
        var a = TestStatements.Request(tenantA, TestStatements.Experienced(), TestStatements.Experienced());
        var b = TestStatements.Request(tenantB, TestStatements.Experienced());

        var results = await _writer.WriteAsync([a, b], CancellationToken.None);

        Assert.Equal(IngestOutcome.Stored, results[a].Outcome);
        Assert.Equal(IngestOutcome.Stored, results[b].Outcome);
        Assert.Equal(a.Statements.Select(s => s.Id).Order(), (await QueryAsync(tenantA)).Select(s => s.Id).Order());
        Assert.Equal(b.Statements.Select(s => s.Id).Order(), (await QueryAsync(tenantB)).Select(s => s.Id).Order());
        Assert.Null(await _reader.FindAsync(tenantB, a.Statements[0].Id, voided: false, CancellationToken.None));
        Assert.Null(await _reader.FindAsync(tenantA, b.Statements[0].Id, voided: false, CancellationToken.None));
    }

    [Fact]
    public async Task WriteAsync_SameIdInTwoTenants_BothStored()
    {
        // Statement ids are unique within a tenant, not across tenants.
        var id = Guid.NewGuid();
        var a = TestStatements.Request(Guid.NewGuid(), TestStatements.Experienced(id));
        var b = TestStatements.Request(Guid.NewGuid(), TestStatements.Experienced(id));

        var results = await _writer.WriteAsync([a, b], CancellationToken.None);

        Assert.Equal(IngestOutcome.Stored, results[a].Outcome);
        Assert.Equal(IngestOutcome.Stored, results[b].Outcome);
        Assert.Equal(a.Statements[0].Json, (await _reader.FindAsync(a.TenantId, id, voided: false, CancellationToken.None))?.Json);
        Assert.Equal(b.Statements[0].Json, (await _reader.FindAsync(b.TenantId, id, voided: false, CancellationToken.None))?.Json);
    }

    private Task<IReadOnlyList<StoredStatement>> QueryAsync(Guid tenant) =>
        _reader.QueryAsync(new StatementFilter { TenantId = tenant, Limit = 100 }, CancellationToken.None);
}

public sealed class PostgresStatementBatchWriterTests : StatementBatchWriterTests
{
    private PostgresDatabase _db = null!;

    protected override async Task<(IStatementBatchStore Store, IStatementReader Reader)> OpenAsync()
    {
        _db = await PostgresDatabase.CreateAsync(migrate: true);
        var store = new PostgresStatementStore(_db.DataSource);
        return (store, store);
    }

    protected override async Task CloseAsync() => await _db.DisposeAsync();
}

public sealed class SqliteStatementBatchWriterTests : StatementBatchWriterTests
{
    private SqliteDatabase _db = null!;

    protected override async Task<(IStatementBatchStore Store, IStatementReader Reader)> OpenAsync()
    {
        _db = await SqliteDatabase.CreateAsync(migrate: true);
        var store = new SqliteStatementStore(_db.Connections);
        return (store, store);
    }

    protected override Task CloseAsync()
    {
        _db.Dispose();
        return Task.CompletedTask;
    }
}
