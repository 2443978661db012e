using Lrs.Domain.Progress;

namespace Lrs.Domain.Tests.Progress;

public sealed class GradingRuleTests
{
    private static readonly DateTimeOffset T0 = new(2024, 5, 1, 9, 0, 0, TimeSpan.Zero);

    private static InteractionResult Answer(string id, bool? correct) => InteractionResult.Create(id, correct, null, null, T0);

    private static AttemptEvidence Evidence(IReadOnlyList<InteractionResult>? interactions = null, double? scaled = null, bool? success = null, bool? completion = null) =>
        new(interactions ?? [], scaled is null ? null : Score.Create(scaled, null, null, null), success, completion);

    [Fact]
    public void Default_IsReportedResult() => Assert.IsType<GradingRule.ReportedResult>(GradingRule.Default);

    [Theory]
    [InlineData(true, null, AttemptOutcome.Passed)]
    [InlineData(false, null, AttemptOutcome.Failed)]
    [InlineData(true, true, AttemptOutcome.Passed)]
    [InlineData(false, true, AttemptOutcome.Failed)]
    [InlineData(null, true, AttemptOutcome.Completed)]
    [InlineData(null, false, AttemptOutcome.Unknown)]
    [InlineData(null, null, AttemptOutcome.Unknown)]
    public void ReportedResult_Decides_FromSuccessThenCompletion(bool? success, bool? completion, AttemptOutcome expected) =>
        Assert.Equal(expected, new GradingRule.ReportedResult().Decide(Evidence(success: success, completion: completion)));

    [Fact]
    public void ReportedResult_IgnoresScoreAndInteractions() =>
        Assert.Equal(AttemptOutcome.Unknown, new GradingRule.ReportedResult().Decide(Evidence([Answer("q", true)], scaled: 1)));

    [Theory] // cmi5 §9.3.4 masteryScore: scaled >= mastery passes
    [InlineData(0.8, AttemptOutcome.Passed)]
    [InlineData(0.81, AttemptOutcome.Passed)]
    [InlineData(0.79, AttemptOutcome.Failed)]
    [InlineData(-0.5, AttemptOutcome.Failed)]
    public void ScaledScoreThreshold_ComparesScaledScore(double scaled, AttemptOutcome expected) =>
        Assert.Equal(expected, new GradingRule.ScaledScoreThreshold(0.8).Decide(Evidence(scaled: scaled, success: !(expected == AttemptOutcome.Passed))));

    [Theory]
    [InlineData(null, AttemptOutcome.Unknown)]
    [InlineData(true, AttemptOutcome.Completed)]
    [InlineData(false, AttemptOutcome.Unknown)]
    public void ScaledScoreThreshold_NoScore_FallsBackToCompletion(bool? completion, AttemptOutcome expected) =>
        Assert.Equal(expected, new GradingRule.ScaledScoreThreshold(0.8).Decide(Evidence(success: true, completion: completion)));

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    public void ScaledScoreThreshold_OutOfRange_Throws(double min) =>
        Assert.Throws<DomainException>(() => new GradingRule.ScaledScoreThreshold(min));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void ScaledScoreThreshold_Bounds_Accepted(double min) => Assert.Equal(min, new GradingRule.ScaledScoreThreshold(min).MinScaled);

    [Fact]
    public void AllInteractionsCorrect_AllCorrect_Passes() =>
        Assert.Equal(AttemptOutcome.Passed, new GradingRule.AllInteractionsCorrect().Decide(Evidence([Answer("a", true), Answer("b", true)], success: false)));

    [Fact]
    public void AllInteractionsCorrect_OneWrong_Fails() =>
        Assert.Equal(AttemptOutcome.Failed, new GradingRule.AllInteractionsCorrect().Decide(Evidence([Answer("a", true), Answer("b", false)], success: true)));

    [Fact]
    public void AllInteractionsCorrect_UnknownCorrectness_Fails() =>
        Assert.Equal(AttemptOutcome.Failed, new GradingRule.AllInteractionsCorrect().Decide(Evidence([Answer("a", true), Answer("b", null)])));

    [Theory]
    [InlineData(true, AttemptOutcome.Completed)]
    [InlineData(null, AttemptOutcome.Unknown)]
    public void AllInteractionsCorrect_NoInteractions_FallsBackToCompletion(bool? completion, AttemptOutcome expected) =>
        Assert.Equal(expected, new GradingRule.AllInteractionsCorrect().Decide(Evidence(success: true, completion: completion)));

    private static GradingRule.WeightedPoints Weighted(double passMark) =>
        new(new Dictionary<string, double> { ["a"] = 2, ["b"] = 1, ["c"] = 3 }, passMark);

    [Fact]
    public void WeightedPoints_Points_SumsCorrectWeightedAnswers()
    {
        var rule = Weighted(4);

        Assert.Equal(5, rule.Points([Answer("a", true), Answer("b", false), Answer("c", true), Answer("x", true), Answer("b", null)]));
        Assert.Equal(4, rule.PassMark);
        Assert.Equal(3, rule.Weights.Count);
    }

    [Theory]
    [InlineData(true, true, false, AttemptOutcome.Failed)]   // 3 < 4
    [InlineData(false, true, true, AttemptOutcome.Passed)]   // 4 == 4
    [InlineData(true, false, true, AttemptOutcome.Passed)]   // 5 > 4
    public void WeightedPoints_ComparesWithPassMark(bool a, bool b, bool c, AttemptOutcome expected) =>
        Assert.Equal(expected, Weighted(4).Decide(Evidence([Answer("a", a), Answer("b", b), Answer("c", c)])));

    [Theory]
    [InlineData(true, AttemptOutcome.Completed)]
    [InlineData(null, AttemptOutcome.Unknown)]
    public void WeightedPoints_NoInteractions_FallsBackToCompletion(bool? completion, AttemptOutcome expected) =>
        Assert.Equal(expected, Weighted(0).Decide(Evidence(success: true, completion: completion)));

    [Fact]
    public void WeightedPoints_NoWeights_Throws() =>
        Assert.Throws<DomainException>(() => new GradingRule.WeightedPoints(new Dictionary<string, double>(), 1));

    [Fact]
    public void WeightedPoints_NegativeWeight_Throws() =>
        Assert.Throws<DomainException>(() => new GradingRule.WeightedPoints(new Dictionary<string, double> { ["a"] = 1, ["b"] = -0.5 }, 1));

    [Fact]
    public void WeightedPoints_ZeroWeight_Accepted() =>
        Assert.Equal(0, new GradingRule.WeightedPoints(new Dictionary<string, double> { ["a"] = 0 }, 0).Weights["a"]);
}
