namespace Lrs.Domain.Progress;

/// <summary>
/// The fact that a learner passed or failed an activity within a registration, with the deciding statement.
/// Idempotent like <see cref="CompletionRecord"/>: a pass outweighs any failure (cmi5 §9.3: a failure must not
/// follow a pass in a registration, so the pass is what stands); among equals the earliest statement wins.
/// </summary>
public sealed record PassFailRecord
{
    private PassFailRecord(AttemptKey key, bool passed, DateTimeOffset decidedAt, Guid statementId)
    {
        Key = key;
        Passed = passed;
        DecidedAt = decidedAt;
        StatementId = statementId;
    }

    public AttemptKey Key { get; }

    public bool Passed { get; }

    public AttemptOutcome Outcome => Passed ? AttemptOutcome.Passed : AttemptOutcome.Failed;

    public DateTimeOffset DecidedAt { get; }

    /// <summary>The deciding statement.</summary>
    public Guid StatementId { get; }

    public static PassFailRecord Create(AttemptKey key, bool passed, DateTimeOffset decidedAt, Guid statementId)
    {
        if (statementId == Guid.Empty)
        {
            throw new DomainException("A pass/fail record needs the deciding statement.");
        }

        return new PassFailRecord(key, passed, decidedAt, statementId);
    }

    /// <summary>The record both stand for. Commutative, associative and idempotent.</summary>
    public PassFailRecord Merge(PassFailRecord other)
    {
        if (other.Key != Key)
        {
            throw new DomainException("Only pass/fail records of the same learner, activity and registration merge.");
        }

        if (other.Passed != Passed)
        {
            return Passed ? this : other;
        }

        return StatementOrder.Compare(other.DecidedAt, other.StatementId, DecidedAt, StatementId) < 0 ? other : this;
    }

    public static PassFailRecord? Of(IEnumerable<PassFailRecord> candidates) =>
        candidates.Aggregate((PassFailRecord?)null, (merged, next) => merged?.Merge(next) ?? next);
}
