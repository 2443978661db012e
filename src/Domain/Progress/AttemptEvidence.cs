namespace Lrs.Domain.Progress;

/// <summary>What a <see cref="GradingRule"/> judges: the attempt's interaction results and what it reported itself.</summary>
public sealed record AttemptEvidence(IReadOnlyList<InteractionResult> Interactions, Score? Score, bool? Success, bool? Completion);
