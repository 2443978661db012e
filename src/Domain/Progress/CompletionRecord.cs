namespace Lrs.Domain.Progress;

/// <summary>
/// The fact that a learner completed an activity (or course) within a registration. Idempotent: any number of
/// qualifying statements give one record, the earliest (by timestamp, then statement id), so neither repeats nor the
/// order of arrival change it.
/// </summary>
public sealed record CompletionRecord
{
    private CompletionRecord(AttemptKey key, DateTimeOffset completedAt, Guid statementId)
    {
        Key = key;
        CompletedAt = completedAt;
        StatementId = statementId;
    }

    public AttemptKey Key { get; }

    public DateTimeOffset CompletedAt { get; }

    /// <summary>The statement that recorded the completion.</summary>
    public Guid StatementId { get; }

    public static CompletionRecord Create(AttemptKey key, DateTimeOffset completedAt, Guid statementId)
    {
        if (statementId == Guid.Empty)
        {
            throw new DomainException("A completion record needs the statement that completed.");
        }

        return new CompletionRecord(key, completedAt, statementId);
    }

    /// <summary>The record both statements stand for: the earlier one. Commutative, associative and idempotent.</summary>
    public CompletionRecord Merge(CompletionRecord other)
    {
        if (other.Key != Key)
        {
            throw new DomainException("Only completions of the same learner, activity and registration merge.");
        }

        return StatementOrder.Compare(other.CompletedAt, other.StatementId, CompletedAt, StatementId) < 0 ? other : this;
    }

    /// <summary>One record for many candidates, or none for none.</summary>
    public static CompletionRecord? Of(IEnumerable<CompletionRecord> candidates) =>
        candidates.Aggregate((CompletionRecord?)null, (merged, next) => merged?.Merge(next) ?? next);
}
