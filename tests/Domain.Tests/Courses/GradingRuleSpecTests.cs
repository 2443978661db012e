using Lrs.Domain.Courses;

namespace Lrs.Domain.Tests.Courses;

public class GradingRuleSpecTests
{
    [Fact]
    public void ScaledThreshold_InRange_Kept()
    {
        var rule = GradingRuleSpec.ScaledThreshold(0.75m);

        Assert.Equal(GradingRuleKind.ScaledThreshold, rule.Kind);
        Assert.Equal(0.75m, rule.MinScaled);
        Assert.Empty(rule.Weights);
        Assert.Null(rule.PassMark);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.5)]
    public void ScaledThreshold_OutOfRange_Throws(double min) =>
        Assert.StartsWith("min must be between 0 and 1", Assert.Throws<DomainException>(() => GradingRuleSpec.ScaledThreshold((decimal)min)).Message);

    [Fact]
    public void Singletons_HaveTheirKinds()
    {
        Assert.Equal(GradingRuleKind.Reported, GradingRuleSpec.Reported.Kind);
        Assert.Equal(GradingRuleKind.AllCorrect, GradingRuleSpec.AllCorrect.Kind);
        Assert.NotEqual(GradingRuleSpec.Reported, GradingRuleSpec.AllCorrect);
    }

    [Fact]
    public void WeightedPoints_Valid_KeptSortedWithPassMark()
    {
        var rule = GradingRuleSpec.WeightedPoints(new Dictionary<string, decimal> { ["http://b"] = 1, ["http://a"] = 2.5m }, 3);

        Assert.Equal(GradingRuleKind.WeightedPoints, rule.Kind);
        Assert.Equal(["http://a", "http://b"], rule.Weights.Keys);
        Assert.Equal(3m, rule.PassMark);
        Assert.Null(rule.MinScaled);
    }

    [Fact]
    public void WeightedPoints_SameContent_EqualWithSameHash()
    {
        var a = GradingRuleSpec.WeightedPoints(new Dictionary<string, decimal> { ["http://a"] = 1, ["http://b"] = 2 }, 2);
        var b = GradingRuleSpec.WeightedPoints(new Dictionary<string, decimal> { ["http://b"] = 2, ["http://a"] = 1 }, 2);
        var c = GradingRuleSpec.WeightedPoints(new Dictionary<string, decimal> { ["http://a"] = 1, ["http://b"] = 3 }, 2);
        var d = GradingRuleSpec.WeightedPoints(new Dictionary<string, decimal> { ["http://a"] = 1, ["http://c"] = 2 }, 2);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
        Assert.NotEqual(a, d);
        Assert.False(a.Equals(null));
    }

    [Fact]
    public void WeightedPoints_NoWeights_Throws() =>
        Assert.Equal("weights must name at least one activity.",
            Assert.Throws<DomainException>(() => GradingRuleSpec.WeightedPoints(new Dictionary<string, decimal>(), 1)).Message);

    [Fact]
    public void WeightedPoints_ZeroWeight_Throws() =>
        Assert.StartsWith("weights['http://a'] must be greater than 0",
            Assert.Throws<DomainException>(() => GradingRuleSpec.WeightedPoints(new Dictionary<string, decimal> { ["http://a"] = 0 }, 1)).Message);

    [Fact]
    public void WeightedPoints_KeyNotIri_Throws() =>
        Assert.Equal("weights key 'q1' must be an absolute IRI.",
            Assert.Throws<DomainException>(() => GradingRuleSpec.WeightedPoints(new Dictionary<string, decimal> { ["q1"] = 1 }, 1)).Message);

    [Fact]
    public void WeightedPoints_KeysSameAfterTrim_Throws() =>
        Assert.Equal("weights names 'http://a' twice.",
            Assert.Throws<DomainException>(() => GradingRuleSpec.WeightedPoints(new Dictionary<string, decimal> { ["http://a"] = 1, [" http://a"] = 1 }, 1)).Message);

    [Theory]
    [InlineData(0)]
    [InlineData(3.5)]
    public void WeightedPoints_PassMarkOutOfRange_Throws(double passMark) =>
        Assert.StartsWith("passMark must be greater than 0 and at most the sum of the weights (3)",
            Assert.Throws<DomainException>(() => GradingRuleSpec.WeightedPoints(new Dictionary<string, decimal> { ["http://a"] = 1, ["http://b"] = 2 }, (decimal)passMark)).Message);
}
