namespace Lrs.Domain.Progress;

/// <summary>
/// One try of a learner at an activity within a registration, from its opening statement to the one that closes it.
/// States are frozen (F12): <see cref="AttemptState.Open"/> → <see cref="AttemptState.Closed"/>, closing is final.
/// The outcome is decided by the attempt's <see cref="GradingRule"/> whenever its evidence changes, and stays as it
/// was once the attempt is closed.
/// </summary>
public sealed class Attempt
{
    private readonly List<InteractionResult> _interactions = [];
    private readonly GradingRule _rule;

    private Attempt(AttemptKey key, int number, DateTimeOffset openedAt, GradingRule rule, string? courseId)
    {
        Key = key;
        Number = number;
        OpenedAt = openedAt;
        _rule = rule;
        CourseId = courseId;
    }

    public AttemptKey Key { get; private set; }

    /// <summary>1 for the learner's first attempt in the key, 2 for the next, by time.</summary>
    public int Number { get; private set; }

    /// <summary>The course (cmi5 publisher grouping activity) the attempt belongs to, when statements name one.</summary>
    public string? CourseId { get; private set; }

    public AttemptState State { get; private set; }

    public AttemptOutcome Outcome { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public Score? Score { get; private set; }

    public bool? Success { get; private set; }

    public bool? Completion { get; private set; }

    /// <summary>The statement after which the attempt had its current outcome; null while it is unknown.</summary>
    public Guid? DecidedBy { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public IReadOnlyList<InteractionResult> Interactions => _interactions.AsReadOnly();

    public static Attempt Open(AttemptKey key, int number, DateTimeOffset openedAt, GradingRule rule, string? courseId = null)
    {
        if (number < 1)
        {
            throw new DomainException("Attempts are numbered from 1.");
        }

        return new Attempt(key, number, openedAt, rule, courseId);
    }

    /// <summary>Records an answer; a later answer to the same interaction replaces an earlier one.</summary>
    public void RecordInteraction(InteractionResult result, Guid statementId)
    {
        EnsureOpen();
        var index = _interactions.FindIndex(i => i.InteractionId == result.InteractionId);
        if (index < 0)
        {
            _interactions.Add(result);
        }
        else if (result.Timestamp >= _interactions[index].Timestamp)
        {
            _interactions[index] = result;
        }

        Decide(statementId, result.Timestamp);
    }

    /// <summary>
    /// Records what the content reported about the attempt. A score or success replaces the previous one;
    /// completion, once reported, stays.
    /// </summary>
    public void ReportResult(Score? score, bool? success, bool? completion, Guid statementId, DateTimeOffset at)
    {
        EnsureOpen();
        Score = score ?? Score;
        Success = success ?? Success;
        if (Completion != true)
        {
            Completion = completion ?? Completion;
        }

        Decide(statementId, at);
    }

    /// <summary>The session ended normally (cmi5 terminated).</summary>
    public void Close(DateTimeOffset at)
    {
        EnsureOpen();
        if (at < OpenedAt)
        {
            throw new DomainException("An attempt cannot close before it opened.");
        }

        State = AttemptState.Closed;
        ClosedAt = at;
    }

    /// <summary>The session ended abnormally (cmi5 abandoned); an undecided attempt becomes abandoned.</summary>
    public void Abandon(DateTimeOffset at, Guid statementId)
    {
        Close(at);
        if (Outcome == AttemptOutcome.Unknown)
        {
            SetOutcome(AttemptOutcome.Abandoned, statementId, at);
        }
    }

    /// <summary>The LMS waived the requirements (cmi5 waived): success and completion without grading.</summary>
    public void Waive(DateTimeOffset at, Guid statementId)
    {
        Close(at);
        Success = true;
        Completion = true;
        SetOutcome(AttemptOutcome.Waived, statementId, at);
    }

    private void EnsureOpen()
    {
        if (State == AttemptState.Closed)
        {
            throw new DomainException($"Attempt {Number} of {Key} is closed.");
        }
    }

    private void Decide(Guid statementId, DateTimeOffset at)
    {
        var outcome = _rule.Decide(new AttemptEvidence(_interactions, Score, Success, Completion));
        if (outcome != Outcome)
        {
            SetOutcome(outcome, statementId, at);
        }
    }

    private void SetOutcome(AttemptOutcome outcome, Guid statementId, DateTimeOffset at)
    {
        Outcome = outcome;
        DecidedBy = outcome == AttemptOutcome.Unknown ? null : statementId;
        DecidedAt = outcome == AttemptOutcome.Unknown ? null : at;
    }
}
