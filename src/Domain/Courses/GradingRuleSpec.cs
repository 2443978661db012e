namespace Lrs.Domain.Courses;

/// <summary>The kinds of grading rule a quiz or course may declare.</summary>
public enum GradingRuleKind
{
    /// <summary>The content's own reported <c>result.success</c> decides.</summary>
    Reported,

    /// <summary>Passed when <c>result.score.scaled</c> is at least <see cref="GradingRuleSpec.MinScaled"/>.</summary>
    ScaledThreshold,

    /// <summary>Passed when every question (or, for a course, every graded item) was answered correctly.</summary>
    AllCorrect,

    /// <summary>Points per activity id; passed when the points earned reach <see cref="GradingRuleSpec.PassMark"/>.</summary>
    WeightedPoints,
}

/// <summary>
/// A validated description of how a quiz or course is graded. It is data only: the attempts engine evaluates it.
/// <see cref="Weights"/> are keyed by activity id (a quiz's questions, or a course's items).
/// </summary>
public sealed record GradingRuleSpec
{
    private GradingRuleSpec(GradingRuleKind kind, decimal? minScaled, IReadOnlyDictionary<string, decimal> weights, decimal? passMark)
    {
        Kind = kind;
        MinScaled = minScaled;
        Weights = weights;
        PassMark = passMark;
    }

    public GradingRuleKind Kind { get; }

    /// <summary>The least scaled score (0..1) that passes, for <see cref="GradingRuleKind.ScaledThreshold"/>.</summary>
    public decimal? MinScaled { get; }

    /// <summary>Points per activity id, for <see cref="GradingRuleKind.WeightedPoints"/>; empty otherwise.</summary>
    public IReadOnlyDictionary<string, decimal> Weights { get; }

    /// <summary>The points that pass (0 &lt; passMark ≤ sum of weights), for <see cref="GradingRuleKind.WeightedPoints"/>.</summary>
    public decimal? PassMark { get; }

    public static GradingRuleSpec Reported { get; } = new(GradingRuleKind.Reported, null, new Dictionary<string, decimal>(), null);

    public static GradingRuleSpec AllCorrect { get; } = new(GradingRuleKind.AllCorrect, null, new Dictionary<string, decimal>(), null);

    public static GradingRuleSpec ScaledThreshold(decimal min) =>
        min is < 0 or > 1
            ? throw new DomainException($"min must be between 0 and 1, got {min}.")
            : new(GradingRuleKind.ScaledThreshold, min, new Dictionary<string, decimal>(), null);

    public static GradingRuleSpec WeightedPoints(IReadOnlyDictionary<string, decimal> weights, decimal passMark)
    {
        if (weights.Count == 0)
        {
            throw new DomainException("weights must name at least one activity.");
        }

        var copy = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (activity, points) in weights)
        {
            var id = Identifiers.ActivityId(activity, "weights key");
            if (points <= 0)
            {
                throw new DomainException($"weights['{id}'] must be greater than 0, got {points}.");
            }

            if (!copy.TryAdd(id, points))
            {
                throw new DomainException($"weights names '{id}' twice.");
            }
        }

        var total = copy.Values.Sum();
        if (passMark <= 0 || passMark > total)
        {
            throw new DomainException($"passMark must be greater than 0 and at most the sum of the weights ({total}), got {passMark}.");
        }

        return new(GradingRuleKind.WeightedPoints, null, copy, passMark);
    }

    public bool Equals(GradingRuleSpec? other) =>
        other is not null && Kind == other.Kind && MinScaled == other.MinScaled && PassMark == other.PassMark
        && Weights.Count == other.Weights.Count
        && Weights.All(w => other.Weights.TryGetValue(w.Key, out var p) && p == w.Value);

    public override int GetHashCode() => HashCode.Combine(Kind, MinScaled, PassMark, Weights.Count);

    /// <summary>Checks that every weighted activity is one of <paramref name="known"/>; <paramref name="what"/> names them in the message.</summary>
    internal void RequireWeightsAmong(IReadOnlySet<string> known, string what)
    {
        var unknown = Weights.Keys.FirstOrDefault(k => !known.Contains(k));
        if (unknown is not null)
        {
            throw new DomainException($"gradingRule.weights names '{unknown}', which is not {what}.");
        }
    }
}
