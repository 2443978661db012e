namespace Lrs.Application.Events.Contracts;

// Published by the progress service (seed 000 §3, seed 001 G3). Learners are named by their xAPI inverse functional
// identifier key (mbox:…, mbox_sha1sum:…, openid:…, account:homePage|name), the key the read models use.

/// <summary>A statement was committed to the ledger (published by the relay, which tails the ledger in seq order).</summary>
[MessageName("progress.statement.stored.v1")]
public sealed record StatementStored : ITenantMessage
{
    public required Guid TenantId { get; init; }

    public required Guid StatementId { get; init; }

    /// <summary>Position in the ledger; increases in commit order per process.</summary>
    public required long Seq { get; init; }

    public required string VerbId { get; init; }

    /// <summary>The object's activity id, when the object is an Activity.</summary>
    public string? ActivityId { get; init; }

    /// <summary>The actor's identifier key, when the actor is identified.</summary>
    public string? LearnerKey { get; init; }

    public Guid? Registration { get; init; }

    /// <summary>True for a statement voiding another one.</summary>
    public required bool Voiding { get; init; }

    public required DateTimeOffset Stored { get; init; }
}

/// <summary>The projector derived a new attempt (cmi5 launched/initialized opened it).</summary>
[MessageName("progress.attempt.opened.v1")]
public sealed record AttemptOpened : ITenantMessage
{
    public required Guid TenantId { get; init; }

    public required string LearnerKey { get; init; }

    public required string ActivityId { get; init; }

    public Guid? Registration { get; init; }

    public required int AttemptNumber { get; init; }

    public string? CourseId { get; init; }

    public required DateTimeOffset OpenedAt { get; init; }
}

/// <summary>An attempt closed (terminated, abandoned or waived); its outcome is frozen from here on.</summary>
[MessageName("progress.attempt.closed.v1")]
public sealed record AttemptClosed : ITenantMessage
{
    public required Guid TenantId { get; init; }

    public required string LearnerKey { get; init; }

    public required string ActivityId { get; init; }

    public Guid? Registration { get; init; }

    public required int AttemptNumber { get; init; }

    public string? CourseId { get; init; }

    /// <summary><c>unknown</c>, <c>passed</c>, <c>failed</c>, <c>completed</c>, <c>abandoned</c> or <c>waived</c> (additive only, F12).</summary>
    public required string Outcome { get; init; }

    public double? ScoreScaled { get; init; }

    public bool? Success { get; init; }

    public required DateTimeOffset OpenedAt { get; init; }

    public required DateTimeOffset ClosedAt { get; init; }
}

/// <summary>
/// A learner's completion of an activity (in a registration) was recorded for the first time. Published once per
/// learner, activity and registration however many completing statements arrive; certification issues on it.
/// </summary>
[MessageName("progress.completion.recorded.v1")]
public sealed record CompletionRecorded : ITenantMessage
{
    public required Guid TenantId { get; init; }

    public required string LearnerKey { get; init; }

    public required string ActivityId { get; init; }

    public Guid? Registration { get; init; }

    public required DateTimeOffset CompletedAt { get; init; }

    /// <summary>The statement the completion record was taken from.</summary>
    public required Guid StatementId { get; init; }

    /// <summary><c>passed</c> or <c>failed</c> when a pass/fail record exists for the same key, else null.</summary>
    public string? PassFail { get; init; }
}

/// <summary>A learner's statements and documents were erased (GDPR saga's erasure step is done).</summary>
[MessageName("progress.gdpr.erased.v1")]
public sealed record LearnerErased : ITenantMessage
{
    public required Guid TenantId { get; init; }

    public required Guid ErasureId { get; init; }

    public required string LearnerKey { get; init; }

    public required long StatementsErased { get; init; }

    public required long DocumentsErased { get; init; }

    public required DateTimeOffset ErasedAt { get; init; }
}
