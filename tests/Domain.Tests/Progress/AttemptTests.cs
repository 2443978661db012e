using Lrs.Domain.Progress;

namespace Lrs.Domain.Tests.Progress;

public sealed class AttemptTests
{
    private static readonly AttemptKey Key = AttemptKey.Create("mbox:mailto:ann@example.com", "http://example.com/au", Guid.Parse("0190aaaa-0000-7000-8000-000000000001"));
    private static readonly DateTimeOffset T0 = new(2024, 5, 1, 9, 0, 0, TimeSpan.Zero);

    private static Attempt NewAttempt(GradingRule? rule = null) => Attempt.Open(Key, 1, T0, rule ?? GradingRule.Default, "http://example.com/course");

    private static InteractionResult Answer(string id, bool? correct, int minutes = 1) =>
        InteractionResult.Create(id, correct, correct == true ? 1 : 0, "a", T0.AddMinutes(minutes));

    [Fact]
    public void Open_NewAttempt_IsOpenAndUnknown()
    {
        var attempt = NewAttempt();

        Assert.Equal(AttemptState.Open, attempt.State);
        Assert.Equal(AttemptOutcome.Unknown, attempt.Outcome);
        Assert.Equal(Key, attempt.Key);
        Assert.Equal(1, attempt.Number);
        Assert.Equal(T0, attempt.OpenedAt);
        Assert.Equal("http://example.com/course", attempt.CourseId);
        Assert.Null(attempt.ClosedAt);
        Assert.Null(attempt.Score);
        Assert.Null(attempt.Success);
        Assert.Null(attempt.Completion);
        Assert.Null(attempt.DecidedBy);
        Assert.Null(attempt.DecidedAt);
        Assert.Empty(attempt.Interactions);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Open_NumberBelowOne_Throws(int number) =>
        Assert.Throws<DomainException>(() => Attempt.Open(Key, number, T0, GradingRule.Default));

    [Fact]
    public void Open_NumberOne_IsAllowedWithoutCourse() => Assert.Null(Attempt.Open(Key, 1, T0, GradingRule.Default).CourseId);

    [Fact]
    public void Close_OpenAttempt_ClosesAtTime()
    {
        var attempt = NewAttempt();

        attempt.Close(T0.AddMinutes(5));

        Assert.Equal(AttemptState.Closed, attempt.State);
        Assert.Equal(T0.AddMinutes(5), attempt.ClosedAt);
        Assert.Equal(AttemptOutcome.Unknown, attempt.Outcome);
    }

    [Fact]
    public void Close_AtOpeningTime_IsAllowed()
    {
        var attempt = NewAttempt();

        attempt.Close(T0);

        Assert.Equal(T0, attempt.ClosedAt);
    }

    [Fact]
    public void Close_BeforeOpening_Throws()
    {
        var attempt = NewAttempt();

        Assert.Throws<DomainException>(() => attempt.Close(T0.AddTicks(-1)));
        Assert.Equal(AttemptState.Open, attempt.State);
    }

    [Fact] // F12: closing is final
    public void Close_Twice_Throws()
    {
        var attempt = NewAttempt();
        attempt.Close(T0.AddMinutes(1));

        var e = Assert.Throws<DomainException>(() => attempt.Close(T0.AddMinutes(2)));
        Assert.Contains("closed", e.Message, StringComparison.Ordinal);
        Assert.Equal(T0.AddMinutes(1), attempt.ClosedAt);
    }

    [Fact]
    public void RecordInteraction_Closed_Throws()
    {
        var attempt = NewAttempt();
        attempt.Close(T0.AddMinutes(1));

        Assert.Throws<DomainException>(() => attempt.RecordInteraction(Answer("q1", true), Guid.NewGuid()));
        Assert.Empty(attempt.Interactions);
    }

    [Fact]
    public void ReportResult_Closed_Throws()
    {
        var attempt = NewAttempt();
        attempt.Close(T0.AddMinutes(1));

        Assert.Throws<DomainException>(() => attempt.ReportResult(null, true, null, Guid.NewGuid(), T0.AddMinutes(2)));
        Assert.Null(attempt.Success);
    }

    [Fact]
    public void Abandon_Closed_Throws()
    {
        var attempt = NewAttempt();
        attempt.Close(T0.AddMinutes(1));

        Assert.Throws<DomainException>(() => attempt.Abandon(T0.AddMinutes(2), Guid.NewGuid()));
        Assert.Equal(AttemptOutcome.Unknown, attempt.Outcome);
    }

    [Fact]
    public void Waive_Closed_Throws()
    {
        var attempt = NewAttempt();
        attempt.Close(T0.AddMinutes(1));

        Assert.Throws<DomainException>(() => attempt.Waive(T0.AddMinutes(2), Guid.NewGuid()));
        Assert.Equal(AttemptOutcome.Unknown, attempt.Outcome);
        Assert.Null(attempt.Success);
    }

    [Fact]
    public void RecordInteraction_SameInteractionLater_ReplacesEarlier()
    {
        var attempt = NewAttempt();
        attempt.RecordInteraction(Answer("q1", false, 1), Guid.NewGuid());
        attempt.RecordInteraction(Answer("q2", true, 2), Guid.NewGuid());

        attempt.RecordInteraction(Answer("q1", true, 3), Guid.NewGuid());

        Assert.Equal(2, attempt.Interactions.Count);
        Assert.True(attempt.Interactions.Single(i => i.InteractionId == "q1").Correct);
        Assert.Equal(["q1", "q2"], attempt.Interactions.Select(i => i.InteractionId));
    }

    [Fact]
    public void RecordInteraction_SameInteractionSameTime_ReplacesEarlier()
    {
        var attempt = NewAttempt();
        attempt.RecordInteraction(Answer("q1", false, 1), Guid.NewGuid());

        attempt.RecordInteraction(Answer("q1", true, 1), Guid.NewGuid());

        Assert.True(Assert.Single(attempt.Interactions).Correct);
    }

    [Fact]
    public void RecordInteraction_SameInteractionOlder_KeepsNewer()
    {
        var attempt = NewAttempt();
        attempt.RecordInteraction(Answer("q1", true, 5), Guid.NewGuid());

        attempt.RecordInteraction(Answer("q1", false, 2), Guid.NewGuid());

        var kept = Assert.Single(attempt.Interactions);
        Assert.True(kept.Correct);
        Assert.Equal(T0.AddMinutes(5), kept.Timestamp);
    }

    [Fact]
    public void RecordInteraction_RuleDecides_OutcomeAndDecidingStatement()
    {
        var attempt = NewAttempt(new GradingRule.AllInteractionsCorrect());
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();

        attempt.RecordInteraction(Answer("q1", true, 1), first);
        Assert.Equal(AttemptOutcome.Passed, attempt.Outcome);
        Assert.Equal(first, attempt.DecidedBy);
        Assert.Equal(T0.AddMinutes(1), attempt.DecidedAt);

        attempt.RecordInteraction(Answer("q2", false, 2), second);
        Assert.Equal(AttemptOutcome.Failed, attempt.Outcome);
        Assert.Equal(second, attempt.DecidedBy);
        Assert.Equal(T0.AddMinutes(2), attempt.DecidedAt);
    }

    [Fact]
    public void RecordInteraction_SameOutcome_KeepsFirstDecidingStatement()
    {
        var attempt = NewAttempt(new GradingRule.AllInteractionsCorrect());
        var first = Guid.NewGuid();

        attempt.RecordInteraction(Answer("q1", true, 1), first);
        attempt.RecordInteraction(Answer("q2", true, 2), Guid.NewGuid());

        Assert.Equal(first, attempt.DecidedBy);
        Assert.Equal(T0.AddMinutes(1), attempt.DecidedAt);
    }

    [Fact]
    public void ReportResult_Success_PassesWithDefaultRule()
    {
        var attempt = NewAttempt();
        var passed = Guid.NewGuid();
        var score = Score.Create(0.9, 9, 0, 10);

        attempt.ReportResult(score, true, null, passed, T0.AddMinutes(3));

        Assert.Equal(AttemptOutcome.Passed, attempt.Outcome);
        Assert.Equal(score, attempt.Score);
        Assert.True(attempt.Success);
        Assert.Null(attempt.Completion);
        Assert.Equal(passed, attempt.DecidedBy);
        Assert.Equal(T0.AddMinutes(3), attempt.DecidedAt);
    }

    [Fact]
    public void ReportResult_MissingParts_KeepEarlierOnes()
    {
        var attempt = NewAttempt();
        var score = Score.Create(0.9, null, null, null);
        attempt.ReportResult(score, true, true, Guid.NewGuid(), T0.AddMinutes(1));

        attempt.ReportResult(null, null, null, Guid.NewGuid(), T0.AddMinutes(2));

        Assert.Equal(score, attempt.Score);
        Assert.True(attempt.Success);
        Assert.True(attempt.Completion);
    }

    [Fact]
    public void ReportResult_NewScoreAndSuccess_Replace()
    {
        var attempt = NewAttempt();
        attempt.ReportResult(Score.Create(0.2, null, null, null), false, null, Guid.NewGuid(), T0.AddMinutes(1));

        attempt.ReportResult(Score.Create(0.8, null, null, null), true, null, Guid.NewGuid(), T0.AddMinutes(2));

        Assert.Equal(0.8, attempt.Score!.Scaled);
        Assert.True(attempt.Success);
        Assert.Equal(AttemptOutcome.Passed, attempt.Outcome);
    }

    [Fact]
    public void ReportResult_CompletionFalseAfterTrue_StaysCompleted()
    {
        var attempt = NewAttempt();
        attempt.ReportResult(null, null, true, Guid.NewGuid(), T0.AddMinutes(1));

        attempt.ReportResult(null, null, false, Guid.NewGuid(), T0.AddMinutes(2));

        Assert.True(attempt.Completion);
        Assert.Equal(AttemptOutcome.Completed, attempt.Outcome);
    }

    [Fact]
    public void ReportResult_CompletionFalse_IsRecorded()
    {
        var attempt = NewAttempt();

        attempt.ReportResult(null, null, false, Guid.NewGuid(), T0.AddMinutes(1));

        Assert.False(attempt.Completion);
        Assert.Equal(AttemptOutcome.Unknown, attempt.Outcome);
        Assert.Null(attempt.DecidedBy);
    }

    [Fact]
    public void ReportResult_NoCompletionAfterFalse_StaysFalse()
    {
        var attempt = NewAttempt();
        attempt.ReportResult(null, null, false, Guid.NewGuid(), T0.AddMinutes(1));

        attempt.ReportResult(null, true, null, Guid.NewGuid(), T0.AddMinutes(2));

        Assert.False(attempt.Completion);
    }

    [Fact]
    public void ReportResult_CompletionTrueAfterFalse_Completes()
    {
        var attempt = NewAttempt();
        attempt.ReportResult(null, null, false, Guid.NewGuid(), T0.AddMinutes(1));

        attempt.ReportResult(null, null, true, Guid.NewGuid(), T0.AddMinutes(2));

        Assert.True(attempt.Completion);
    }

    [Fact]
    public void ReportResult_OutcomeBackToUnknown_ClearsDecision()
    {
        var attempt = NewAttempt(new GradingRule.ScaledScoreThreshold(0.5));
        attempt.ReportResult(Score.Create(0.7, null, null, null), null, null, Guid.NewGuid(), T0.AddMinutes(1));
        Assert.Equal(AttemptOutcome.Passed, attempt.Outcome);

        attempt.ReportResult(Score.Create(null, 3, 0, 10), null, null, Guid.NewGuid(), T0.AddMinutes(2));

        Assert.Equal(AttemptOutcome.Unknown, attempt.Outcome);
        Assert.Null(attempt.DecidedBy);
        Assert.Null(attempt.DecidedAt);
    }

    [Fact] // cmi5 §9.3.6
    public void Abandon_Undecided_BecomesAbandonedAndClosed()
    {
        var attempt = NewAttempt();
        var abandoned = Guid.NewGuid();

        attempt.Abandon(T0.AddMinutes(9), abandoned);

        Assert.Equal(AttemptState.Closed, attempt.State);
        Assert.Equal(T0.AddMinutes(9), attempt.ClosedAt);
        Assert.Equal(AttemptOutcome.Abandoned, attempt.Outcome);
        Assert.Equal(abandoned, attempt.DecidedBy);
        Assert.Equal(T0.AddMinutes(9), attempt.DecidedAt);
    }

    [Fact]
    public void Abandon_AlreadyPassed_StaysPassed()
    {
        var attempt = NewAttempt();
        var passed = Guid.NewGuid();
        attempt.ReportResult(null, true, null, passed, T0.AddMinutes(1));

        attempt.Abandon(T0.AddMinutes(9), Guid.NewGuid());

        Assert.Equal(AttemptOutcome.Passed, attempt.Outcome);
        Assert.Equal(passed, attempt.DecidedBy);
        Assert.Equal(AttemptState.Closed, attempt.State);
    }

    [Fact]
    public void Abandon_BeforeOpening_Throws()
    {
        var attempt = NewAttempt();

        Assert.Throws<DomainException>(() => attempt.Abandon(T0.AddMinutes(-1), Guid.NewGuid()));
        Assert.Equal(AttemptOutcome.Unknown, attempt.Outcome);
    }

    [Fact] // cmi5 §9.3.7, §9.5.2, §9.5.3
    public void Waive_Open_ClosesWaivedWithSuccessAndCompletion()
    {
        var attempt = NewAttempt();
        attempt.ReportResult(null, false, null, Guid.NewGuid(), T0.AddMinutes(1));
        var waived = Guid.NewGuid();

        attempt.Waive(T0.AddMinutes(2), waived);

        Assert.Equal(AttemptState.Closed, attempt.State);
        Assert.Equal(AttemptOutcome.Waived, attempt.Outcome);
        Assert.True(attempt.Success);
        Assert.True(attempt.Completion);
        Assert.Equal(waived, attempt.DecidedBy);
        Assert.Equal(T0.AddMinutes(2), attempt.DecidedAt);
        Assert.Equal(T0.AddMinutes(2), attempt.ClosedAt);
    }

    [Fact]
    public void Close_Decided_KeepsOutcome()
    {
        var attempt = NewAttempt();
        attempt.ReportResult(null, false, null, Guid.NewGuid(), T0.AddMinutes(1));

        attempt.Close(T0.AddMinutes(2));

        Assert.Equal(AttemptOutcome.Failed, attempt.Outcome);
    }

    [Fact]
    public void Interactions_IsReadOnlyView()
    {
        var attempt = NewAttempt();
        attempt.RecordInteraction(Answer("q1", true), Guid.NewGuid());

        Assert.IsNotType<List<InteractionResult>>(attempt.Interactions);
        Assert.Throws<NotSupportedException>(() => ((IList<InteractionResult>)attempt.Interactions).Add(Answer("q2", true)));
    }
}
