using Lrs.Application.Statements.Attachments;

namespace Lrs.Application.Statements;

/// <summary>A validated statement, serialised as it will be stored, with its query index.</summary>
/// <remarks><c>TimestampAssigned</c> is true when the LRS filled in "timestamp" (Data §2.4.7); such a timestamp is not compared.</remarks>
public sealed record PreparedStatement(Guid Id, string Json, DateTimeOffset Stored, string AuthorityKey, StatementIndex Index, bool TimestampAssigned = false)
{
    /// <summary>The attachment data received with the statement, written in the same transaction (Communication §1.5.2).</summary>
    public IReadOnlyList<AttachmentPayload> Attachments { get; init; } = [];

    /// <summary>
    /// True when the LRS generated the id (a POSTed statement without one): a fresh UUIDv7 cannot already be stored, so
    /// the writer need not look it up. The <c>statement_ids</c> key still guards it.
    /// </summary>
    public bool IdAssigned { get; init; }
}

/// <summary>What became of one request's statements.</summary>
public enum IngestOutcome
{
    /// <summary>Committed (statements already stored with equivalent content count as stored).</summary>
    Stored,

    /// <summary>An id is already stored with different content (Communication §2.1.1); nothing of the request was written.</summary>
    Conflict,

    /// <summary>The request breaks a rule that needs stored data to check; nothing of the request was written.</summary>
    Invalid,

    /// <summary>The ingest queue is full; nothing was written and the client should retry later.</summary>
    Busy,
}

public sealed record IngestResult(IngestOutcome Outcome, string? Message = null)
{
    public static readonly IngestResult Stored = new(IngestOutcome.Stored);
}

/// <summary>
/// The write path: groups concurrent requests into transactions. A request's task completes only after the
/// transaction holding its statements has committed, so an acknowledged statement is durable.
/// </summary>
public interface IStatementIngest
{
    ValueTask<IngestResult> WriteAsync(Guid tenantId, IReadOnlyList<PreparedStatement> statements, CancellationToken ct);
}

/// <summary>A statement as stored.</summary>
public sealed record StoredStatement(Guid Id, string Json, DateTimeOffset Stored, long Seq, string AuthorityKey);

/// <summary>The read side of the statement ledger. Every call is confined to one tenant.</summary>
public interface IStatementReader
{
    /// <summary>Finds a statement by id; <paramref name="voided"/> selects a voided (true) or a not-voided (false) statement.</summary>
    Task<StoredStatement?> FindAsync(Guid tenantId, Guid id, bool voided, CancellationToken ct);

    /// <summary>Statements matching the filter in stored order, at most <see cref="StatementFilter.Limit"/> of them.</summary>
    Task<IReadOnlyList<StoredStatement>> QueryAsync(StatementFilter filter, CancellationToken ct);
}

/// <summary>A position in stored order, exclusive.</summary>
public sealed record StatementCursor(DateTimeOffset Stored, long Seq);

/// <summary>The filters of GET /statements (Communication §2.1.3), resolved to stored keys.</summary>
public sealed record StatementFilter
{
    public required Guid TenantId { get; init; }

    public string? AgentKey { get; init; }

    public string? VerbId { get; init; }

    public string? ActivityId { get; init; }

    public Guid? Registration { get; init; }

    public bool RelatedActivities { get; init; }

    public bool RelatedAgents { get; init; }

    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }

    public bool Ascending { get; init; }

    /// <summary>Only statements whose authority has this key (the <c>statements/read/mine</c> scope).</summary>
    public string? AuthorityKey { get; init; }

    public StatementCursor? After { get; init; }

    public required int Limit { get; init; }
}
