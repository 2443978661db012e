using Lrs.Domain.Progress;

namespace Lrs.Domain.Tests.Progress;

public sealed class RecordTests
{
    private static readonly AttemptKey Key = AttemptKey.Create("mbox:mailto:ann@example.com", "http://example.com/au", null);
    private static readonly AttemptKey OtherKey = AttemptKey.Create("mbox:mailto:bob@example.com", "http://example.com/au", null);
    private static readonly DateTimeOffset T0 = new(2024, 5, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Low = Guid.Parse("00000000-0000-0000-0000-000000000001");
    private static readonly Guid High = Guid.Parse("00000000-0000-0000-0000-000000000002");

    [Fact]
    public void AttemptKey_Create_KeepsParts()
    {
        var registration = Guid.NewGuid();
        var key = AttemptKey.Create("mbox:mailto:a@b.c", "http://x", registration);

        Assert.Equal("mbox:mailto:a@b.c", key.LearnerKey);
        Assert.Equal("http://x", key.ActivityId);
        Assert.Equal(registration, key.Registration);
        Assert.Equal($"mbox:mailto:a@b.c http://x {registration}", key.ToString());
        Assert.Equal("mbox:mailto:a@b.c http://x -", AttemptKey.Create("mbox:mailto:a@b.c", "http://x", null).ToString());
    }

    [Theory]
    [InlineData("", "http://x")]
    [InlineData(" ", "http://x")]
    [InlineData("mbox:mailto:a@b.c", "")]
    [InlineData("mbox:mailto:a@b.c", " ")]
    public void AttemptKey_Blank_Throws(string learner, string activity) =>
        Assert.Throws<DomainException>(() => AttemptKey.Create(learner, activity, null));

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void InteractionResult_BlankId_Throws(string id) =>
        Assert.Throws<DomainException>(() => InteractionResult.Create(id, true, 1, "x", T0));

    [Fact]
    public void InteractionResult_Create_KeepsParts()
    {
        var r = InteractionResult.Create("q1", false, 0.5, "choice-a", T0);

        Assert.Equal(new InteractionResult("q1", false, 0.5, "choice-a", T0), r);
    }

    [Theory]
    [InlineData(-1.01)]
    [InlineData(1.01)]
    public void Score_ScaledOutOfRange_Throws(double scaled) => Assert.Throws<DomainException>(() => Score.Create(scaled, null, null, null));

    [Theory]
    [InlineData(-1.0)]
    [InlineData(1.0)]
    [InlineData(null)]
    public void Score_ScaledInRange_Accepted(double? scaled) => Assert.Equal(new Score(scaled, 5, 0, 10), Score.Create(scaled, 5, 0, 10));

    [Fact]
    public void StatementOrder_ByTimeThenId()
    {
        Assert.True(StatementOrder.Compare(T0, High, T0.AddTicks(1), Low) < 0);
        Assert.True(StatementOrder.Compare(T0.AddTicks(1), Low, T0, High) > 0);
        Assert.True(StatementOrder.Compare(T0, Low, T0, High) < 0);
        Assert.True(StatementOrder.Compare(T0, High, T0, Low) > 0);
        Assert.Equal(0, StatementOrder.Compare(T0, Low, T0, Low));
    }

    [Fact]
    public void StatementOrder_SameInstantOtherOffset_IsEqualTime() =>
        Assert.True(StatementOrder.Compare(T0, Low, T0.ToOffset(TimeSpan.FromHours(2)), High) < 0);

    [Fact]
    public void CompletionRecord_Create_KeepsParts()
    {
        var record = CompletionRecord.Create(Key, T0, Low);

        Assert.Equal(Key, record.Key);
        Assert.Equal(T0, record.CompletedAt);
        Assert.Equal(Low, record.StatementId);
    }

    [Fact]
    public void CompletionRecord_EmptyStatement_Throws() => Assert.Throws<DomainException>(() => CompletionRecord.Create(Key, T0, Guid.Empty));

    [Fact]
    public void CompletionRecord_Merge_EarliestWinsEitherWay()
    {
        var early = CompletionRecord.Create(Key, T0, High);
        var late = CompletionRecord.Create(Key, T0.AddSeconds(1), Low);

        Assert.Same(early, early.Merge(late));
        Assert.Same(early, late.Merge(early));
    }

    [Fact]
    public void CompletionRecord_Merge_TieBrokenByStatementId()
    {
        var low = CompletionRecord.Create(Key, T0, Low);
        var high = CompletionRecord.Create(Key, T0, High);

        Assert.Same(low, low.Merge(high));
        Assert.Same(low, high.Merge(low));
        Assert.Same(low, low.Merge(low));
    }

    [Fact]
    public void CompletionRecord_MergeOtherKey_Throws() =>
        Assert.Throws<DomainException>(() => CompletionRecord.Create(Key, T0, Low).Merge(CompletionRecord.Create(OtherKey, T0, High)));

    [Fact] // many qualifying statements → one record, whatever the order
    public void CompletionRecord_Of_AnyOrder_SameRecord()
    {
        var candidates = Enumerable.Range(0, 6).Select(i => CompletionRecord.Create(Key, T0.AddMinutes(i % 3), Guid.NewGuid())).ToList();
        var expected = candidates.Where(c => c.CompletedAt == T0).MinBy(c => c.StatementId)!;

        Assert.Equal(expected, CompletionRecord.Of(candidates));
        Assert.Equal(expected, CompletionRecord.Of(Enumerable.Reverse(candidates)));
        Assert.Null(CompletionRecord.Of([]));
    }

    [Fact]
    public void PassFailRecord_Create_KeepsParts()
    {
        var passed = PassFailRecord.Create(Key, true, T0, Low);
        var failed = PassFailRecord.Create(Key, false, T0, Low);

        Assert.Equal(Key, passed.Key);
        Assert.True(passed.Passed);
        Assert.Equal(AttemptOutcome.Passed, passed.Outcome);
        Assert.Equal(AttemptOutcome.Failed, failed.Outcome);
        Assert.Equal(T0, passed.DecidedAt);
        Assert.Equal(Low, passed.StatementId);
    }

    [Fact]
    public void PassFailRecord_EmptyStatement_Throws() => Assert.Throws<DomainException>(() => PassFailRecord.Create(Key, true, T0, Guid.Empty));

    [Fact]
    public void PassFailRecord_Merge_PassOutweighsEarlierFailure()
    {
        var failed = PassFailRecord.Create(Key, false, T0, Low);
        var passed = PassFailRecord.Create(Key, true, T0.AddHours(1), High);

        Assert.Same(passed, failed.Merge(passed));
        Assert.Same(passed, passed.Merge(failed));
    }

    [Fact]
    public void PassFailRecord_Merge_SameOutcomeEarliestWins()
    {
        var early = PassFailRecord.Create(Key, false, T0, High);
        var late = PassFailRecord.Create(Key, false, T0.AddSeconds(1), Low);
        var tie = PassFailRecord.Create(Key, false, T0, Low);

        Assert.Same(early, early.Merge(late));
        Assert.Same(early, late.Merge(early));
        Assert.Same(tie, early.Merge(tie));
        Assert.Same(tie, tie.Merge(early));
    }

    [Fact]
    public void PassFailRecord_MergeOtherKey_Throws() =>
        Assert.Throws<DomainException>(() => PassFailRecord.Create(Key, true, T0, Low).Merge(PassFailRecord.Create(OtherKey, true, T0, High)));

    [Fact]
    public void PassFailRecord_Of_AnyOrder_SameRecord()
    {
        var passed = PassFailRecord.Create(Key, true, T0.AddMinutes(5), High);
        var candidates = new[] { PassFailRecord.Create(Key, false, T0, Low), passed, PassFailRecord.Create(Key, true, T0.AddMinutes(6), Low) };

        Assert.Same(passed, PassFailRecord.Of(candidates));
        Assert.Same(passed, PassFailRecord.Of(candidates.Reverse()));
        Assert.Null(PassFailRecord.Of([]));
    }

    [Fact] // F12: the outcome enum is additive only, so its numbers never change
    public void AttemptOutcome_Values_AreFrozen()
    {
        Assert.Equal(0, (int)AttemptOutcome.Unknown);
        Assert.Equal(1, (int)AttemptOutcome.Passed);
        Assert.Equal(2, (int)AttemptOutcome.Failed);
        Assert.Equal(3, (int)AttemptOutcome.Completed);
        Assert.Equal(4, (int)AttemptOutcome.Abandoned);
        Assert.Equal(5, (int)AttemptOutcome.Waived);
    }

    [Fact] // F12: Open → Closed, no other states
    public void AttemptState_HasExactlyOpenAndClosed() =>
        Assert.Equal([AttemptState.Open, AttemptState.Closed], Enum.GetValues<AttemptState>());
}
