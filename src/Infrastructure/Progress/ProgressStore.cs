using Dapper;
using Lrs.Application.Progress;
using Lrs.Infrastructure.Persistence;
using Lrs.Infrastructure.Statements;

namespace Lrs.Infrastructure.Progress;

/// <summary>A ledger statement the projector has not seen yet.</summary>
public sealed record NewStatement(Guid TenantId, long Seq, Guid Id, string Payload, DateTimeOffset Stored);

/// <summary>
/// The progress read models and the projector's view of the ledger, on PostgreSQL or SQLite. On PostgreSQL every
/// tenant's rows are read and written with <c>lrs.tenant_id</c> set, as row-level security requires.
/// </summary>
public sealed class ProgressStore(IDbConnectionFactory connections, DatabaseProvider provider) : IProgressReader
{
    private static readonly string[] ReadModels = ["attempts", "interaction_results", "completion_records", "pass_fail_records"];

    private bool Postgres => provider == DatabaseProvider.Postgres;

    internal StatementDialect Dialect => Postgres ? StatementDialect.Postgres : StatementDialect.Sqlite;

    /// <summary>
    /// The highest statement seq below which every statement is committed or will never exist. On PostgreSQL seqs are
    /// taken when rows are inserted, so a transaction may commit a lower seq after a higher one is visible; a SHARE
    /// lock on <c>statements</c> waits for every inserting transaction to end, after which the sequence's last value
    /// is safe. The lock is taken only when the sequence moved past <paramref name="checkpoint"/>, and released at once.
    /// On SQLite writers are serialised, so committed seqs never have gaps that fill later.
    /// </summary>
    public async Task<long> HorizonAsync(long checkpoint, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        if (!Postgres)
        {
            return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COALESCE(MAX(seq), 0) FROM statements", cancellationToken: ct));
        }

        const string last = "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM statement_seq";
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(last, cancellationToken: ct)) <= checkpoint)
        {
            return checkpoint;
        }

        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("LOCK TABLE statements IN SHARE MODE", transaction: tx, cancellationToken: ct));
        var horizon = await connection.ExecuteScalarAsync<long>(new CommandDefinition(last, transaction: tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return horizon;
    }

    public async Task<ProgressSession> BeginAsync(CancellationToken ct)
    {
        var connection = await connections.OpenAsync(ct);
        var tx = await connection.BeginTransactionAsync(ct);
        return new ProgressSession(connection, tx, Postgres, Dialect);
    }

    /// <summary>
    /// A transaction that only reads, and sees one snapshot throughout: repeatable read on PostgreSQL, a deferred transaction on
    /// SQLite (which takes its snapshot at the first read and never waits for the write lock).
    /// </summary>
    public async Task<ProgressSession> BeginSnapshotAsync(CancellationToken ct)
    {
        var connection = await connections.OpenAsync(ct);
        var tx = await connection.BeginReadAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        return new ProgressSession(connection, tx, Postgres, Dialect);
    }

    public async Task<IReadOnlyList<AttemptView>> AttemptsForLearnerAsync(Guid tenantId, string agentKey, CancellationToken ct)
    {
        await using var session = await BeginTenantAsync(tenantId, ct);
        var attempts = await session.ReadAttemptsAsync(tenantId, agentKey, ct);
        await session.CommitAsync(ct);
        return attempts;
    }

    public async Task<IReadOnlyList<CompletionView>> CompletionsForLearnerAsync(Guid tenantId, string agentKey, CancellationToken ct)
    {
        await using var session = await BeginTenantAsync(tenantId, ct);
        var completions = await session.ReadCompletionsAsync(tenantId, agentKey, ct);
        await session.CommitAsync(ct);
        return completions;
    }

    public async Task<IReadOnlyList<PassFailView>> PassFailForLearnerAsync(Guid tenantId, string agentKey, CancellationToken ct)
    {
        await using var session = await BeginTenantAsync(tenantId, ct);
        var records = await session.ReadPassFailAsync(tenantId, agentKey, ct);
        await session.CommitAsync(ct);
        return records;
    }

    public async Task<IReadOnlyList<AttemptView>> AttemptsPageAsync(
        Guid tenantId, string agentKey, string? activityId, ProgressPosition? after, int limit, CancellationToken ct)
    {
        await using var session = await BeginTenantAsync(tenantId, ct);
        var attempts = await session.ReadAttemptPageAsync(tenantId, agentKey, activityId, after, limit, ct);
        await session.CommitAsync(ct);
        return attempts;
    }

    public async Task<IReadOnlyList<CompletionView>> CompletionsPageAsync(Guid tenantId, string agentKey, ProgressPosition? after, int limit, CancellationToken ct)
    {
        await using var session = await BeginTenantAsync(tenantId, ct);
        var completions = await session.ReadCompletionsAsync(tenantId, agentKey, after, limit, ct);
        await session.CommitAsync(ct);
        return completions;
    }

    public async Task<IReadOnlyList<PassFailView>> PassFailPageAsync(Guid tenantId, string agentKey, ProgressPosition? after, int limit, CancellationToken ct)
    {
        await using var session = await BeginTenantAsync(tenantId, ct);
        var records = await session.ReadPassFailAsync(tenantId, agentKey, after, limit, ct);
        await session.CommitAsync(ct);
        return records;
    }

    private async Task<ProgressSession> BeginTenantAsync(Guid tenantId, CancellationToken ct)
    {
        var session = await BeginAsync(ct);
        await session.UseTenantAsync(tenantId, ct);
        return session;
    }

    internal static IEnumerable<string> Tables => ReadModels;

    /// <summary>
    /// The per-key read models, the per-course ones built on them (0007), the learner ones (0008), the transcript rows (0018) and the
    /// queue of changed definitions.
    /// </summary>
    internal static IEnumerable<string> AllTables =>
        ReadModels.Concat(CourseProgressProjection.Tables).Concat(LearnerRows.Tables).Append(Transcripts.TranscriptRows.Table).Append("progress_dirty");
}
