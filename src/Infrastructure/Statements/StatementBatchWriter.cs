using System.Text.Json.Nodes;
using Lrs.Application.Statements;
using Lrs.Application.Statements.Attachments;
using Lrs.Infrastructure.Activities;
using Lrs.Infrastructure.Ingest;
using Lrs.Infrastructure.Persistence;

namespace Lrs.Infrastructure.Statements;

/// <summary>A request waiting in the ingest queue; completed once its transaction has committed or it was rejected.</summary>
public sealed class IngestRequest(Guid tenantId, IReadOnlyList<PreparedStatement> statements)
{
    public Guid TenantId { get; } = tenantId;

    public IReadOnlyList<PreparedStatement> Statements { get; } = statements;

    public TaskCompletionSource<IngestResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// Writes a group of requests in one transaction. Each request is all-or-nothing: a request whose statement id
/// is already stored with different content (Communication §2.1.2, 409) or which voids a voiding statement
/// (Data §2.3.2, 400) is left out whole, and the others go on. Statements whose id is already stored with
/// equivalent content are not written again (Communication §2.1.1: no modification).
/// </summary>
/// <remarks>
/// Several groups may be written at once (<see cref="WriterGate"/>). Two writers can only meet on rows both write:
/// <list type="bullet">
/// <item>the same client-given statement id: the second insert waits for the first transaction and fails on the key
/// once it commits, and the ingest queue writes that group's requests again one by one, each then finding the
/// stored statement;</item>
/// <item>canonical activities: they are written under one lock, taken as the last step before commit and only by a
/// group that changes them, which reads them again once it holds the lock. Holding it, a writer touches nothing
/// but activities, so it never waits for a writer that waits for the lock;</item>
/// <item>a voiding statement's target, which may be in another writer's group: a group with a voiding statement is
/// written alone.</item>
/// </list>
/// </remarks>
public sealed class StatementBatchWriter(IStatementBatchStore store, ChangeSignals? signals = null, WriterGate? gate = null)
{
    private readonly WriterGate _gate = gate ?? new WriterGate(1);
    private readonly SemaphoreSlim _activities = new(1, 1);

    /// <summary>Writes and commits; returns each request's result. Throws if the transaction fails.</summary>
    public async Task<IReadOnlyDictionary<IngestRequest, IngestResult>> WriteAsync(IReadOnlyList<IngestRequest> batch, CancellationToken ct)
    {
        var alone = batch.Any(r => r.Statements.Any(s => s.Index.IsVoiding));
        using var entry = await _gate.EnterAsync(alone, ct);
        var results = new Dictionary<IngestRequest, IngestResult>();
        var written = new List<(Guid Tenant, List<PreparedStatement> Rows)>();
        var holdsActivities = false;
        try
        {
            await using var session = await store.BeginAsync(ct);
            Guid? current = null;
            foreach (var tenant in batch.GroupBy(r => r.TenantId))
            {
                await session.UseTenantAsync(tenant.Key, ct);
                current = tenant.Key;
                var rows = await InsertAsync(session, tenant.Key, tenant.ToList(), results, ct);
                if (rows.Count > 0)
                {
                    written.Add((tenant.Key, rows));
                }
            }

            foreach (var (tenant, rows) in written)
            {
                if (current != tenant)
                {
                    await session.UseTenantAsync(tenant, ct);
                    current = tenant;
                }

                var changes = await CanonicalActivities.PlanAsync(session, tenant, rows, ct);
                if (changes.Count > 0 && !holdsActivities)
                {
                    await _activities.WaitAsync(ct);
                    holdsActivities = true;
                    changes = await CanonicalActivities.PlanAsync(session, tenant, rows, ct); // as the last writer left them
                }

                if (changes.Count > 0)
                {
                    await session.SaveActivitiesAsync(tenant, changes, ct);
                }
            }

            await session.CommitAsync(ct);
        }
        finally
        {
            if (holdsActivities)
            {
                _activities.Release();
            }
        }

        if (written.Count > 0)
        {
            // The projector and the relay of this process read the new statements now rather than at their next poll.
            signals?.Ledger.Notify();
        }

        return results;
    }

    /// <summary>One tenant's requests: plans each against the stored statements, inserts the new rows and attachments.</summary>
    private static async Task<List<PreparedStatement>> InsertAsync(
        StatementBatchSession session, Guid tenant, List<IngestRequest> requests, Dictionary<IngestRequest, IngestResult> results, CancellationToken ct)
    {
        // Ids the LRS generated are new by construction; only client-given ids and voiding targets need a lookup,
        // which spares the usual POST without ids a round trip and a key probe per statement.
        var lookup = requests.SelectMany(r => r.Statements)
            .SelectMany(s => s.Index.IsVoiding && s.Index.ObjectStatementRef is { } target ? [s.Id, target] : new[] { s.Id })
            .Except(requests.SelectMany(r => r.Statements).Where(s => s.IdAssigned && !s.Index.IsVoiding).Select(s => s.Id))
            .ToHashSet();
        var existing = lookup.Count == 0
            ? []
            : (await session.FindExistingAsync(tenant, lookup, ct)).ToDictionary(e => e.Id);
        var rows = new List<PreparedStatement>();
        var attachments = new List<AttachmentPayload>();
        foreach (var request in requests)
        {
            results[request] = Plan(request, existing, rows);
            if (results[request].Outcome == IngestOutcome.Stored)
            {
                // Also for statements already stored: their attachment data may arrive only now.
                attachments.AddRange(request.Statements.SelectMany(s => s.Attachments));
            }
        }

        if (rows.Count > 0)
        {
            await session.InsertAsync(tenant, rows, ct);
        }

        if (attachments.Count > 0)
        {
            await session.InsertAttachmentsAsync(tenant, attachments.DistinctBy(a => a.Sha2).ToList(), ct);
        }

        return rows;
    }

    private static IngestResult Plan(IngestRequest request, Dictionary<Guid, ExistingStatement> known, List<PreparedStatement> rows)
    {
        var fresh = new List<PreparedStatement>();
        foreach (var statement in request.Statements)
        {
            if (known.TryGetValue(statement.Id, out var existing))
            {
                if (!StatementComparer.AreEquivalent(Parse(existing.Payload), Received(statement)))
                {
                    return new IngestResult(IngestOutcome.Conflict,
                        $"Statement '{statement.Id}' is already stored with different content.");
                }

                continue;
            }

            if (statement.Index.IsVoiding && statement.Index.ObjectStatementRef is { } target
                && known.TryGetValue(target, out var voided) && voided.IsVoiding)
            {
                return new IngestResult(IngestOutcome.Invalid,
                    $"Statement '{target}' is a voiding statement and cannot be voided (Data §2.3.2).");
            }

            fresh.Add(statement);
        }

        foreach (var statement in fresh)
        {
            known[statement.Id] = new ExistingStatement(statement.Id, statement.Index.IsVoiding, statement.Json);
        }

        rows.AddRange(fresh);
        return IngestResult.Stored;
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>The statement as the client sent it, as far as comparison is concerned (Data §2.3.1).</summary>
    private static JsonObject Received(PreparedStatement statement)
    {
        var node = Parse(statement.Json);
        if (statement.TimestampAssigned)
        {
            node.Remove("timestamp");
        }

        return node;
    }
}
