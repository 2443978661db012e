namespace Lrs.Domain.Progress;

/// <summary>
/// Decides an attempt's outcome from its aggregated interaction results and its reported score, success and
/// completion. A rule that cannot judge (no score, no interactions) falls back to <see cref="AttemptOutcome.Completed"/>
/// when completion was reported, otherwise <see cref="AttemptOutcome.Unknown"/>.
/// </summary>
public abstract record GradingRule
{
    private protected GradingRule()
    {
    }

    /// <summary>The default: trust the content's own <c>result.success</c> and <c>result.completion</c>.</summary>
    public static GradingRule Default { get; } = new ReportedResult();

    public abstract AttemptOutcome Decide(AttemptEvidence evidence);

    private protected static AttemptOutcome Undecided(AttemptEvidence evidence) =>
        evidence.Completion == true ? AttemptOutcome.Completed : AttemptOutcome.Unknown;

    private static AttemptOutcome PassOrFail(bool passed) => passed ? AttemptOutcome.Passed : AttemptOutcome.Failed;

    /// <summary>Passed when the reported scaled score reaches <see cref="MinScaled"/> (cmi5 masteryScore), failed below it.</summary>
    public sealed record ScaledScoreThreshold : GradingRule
    {
        public ScaledScoreThreshold(double minScaled)
        {
            if (minScaled is < 0 or > 1)
            {
                throw new DomainException("A mastery score lies between 0 and 1.");
            }

            MinScaled = minScaled;
        }

        public double MinScaled { get; }

        public override AttemptOutcome Decide(AttemptEvidence evidence) =>
            evidence.Score?.Scaled is { } scaled ? PassOrFail(scaled >= MinScaled) : Undecided(evidence);
    }

    /// <summary>Passed when every answered interaction was correct; an answer of unknown correctness is not correct.</summary>
    public sealed record AllInteractionsCorrect : GradingRule
    {
        public override AttemptOutcome Decide(AttemptEvidence evidence) =>
            evidence.Interactions.Count == 0
                ? Undecided(evidence)
                : PassOrFail(evidence.Interactions.All(i => i.Correct == true));
    }

    /// <summary>
    /// Passed when the weights of the correctly answered interactions add up to at least <see cref="PassMark"/>.
    /// Interactions without a weight count nothing.
    /// </summary>
    public sealed record WeightedPoints : GradingRule
    {
        public WeightedPoints(IReadOnlyDictionary<string, double> weights, double passMark)
        {
            if (weights.Count == 0 || weights.Values.Any(w => w < 0))
            {
                throw new DomainException("Weighted points need at least one weight, none negative.");
            }

            Weights = weights;
            PassMark = passMark;
        }

        public IReadOnlyDictionary<string, double> Weights { get; }

        public double PassMark { get; }

        public double Points(IEnumerable<InteractionResult> interactions) =>
            interactions.Where(i => i.Correct == true).Sum(i => Weights.GetValueOrDefault(i.InteractionId));

        public override AttemptOutcome Decide(AttemptEvidence evidence) =>
            evidence.Interactions.Count == 0
                ? Undecided(evidence)
                : PassOrFail(Points(evidence.Interactions) >= PassMark);
    }

    /// <summary>Trusts the statements: <c>result.success</c> decides passed or failed, else <c>result.completion</c> completed.</summary>
    public sealed record ReportedResult : GradingRule
    {
        public override AttemptOutcome Decide(AttemptEvidence evidence) =>
            evidence.Success is { } success ? PassOrFail(success) : Undecided(evidence);
    }
}
