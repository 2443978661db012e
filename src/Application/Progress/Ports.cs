using Lrs.Domain.Progress;

namespace Lrs.Application.Progress;

/// <summary>Where the grading rule of an activity comes from (course structure, once it is known).</summary>
public interface IGradingRuleSource
{
    ValueTask<GradingRule> RuleForAsync(Guid tenantId, string activityId, CancellationToken ct);
}

/// <summary>The default until course structure supplies rules: trust what the content reports.</summary>
public sealed class ReportedResultGradingRules : IGradingRuleSource
{
    public ValueTask<GradingRule> RuleForAsync(Guid tenantId, string activityId, CancellationToken ct) => ValueTask.FromResult(GradingRule.Default);
}

/// <summary>A learner's attempt as the progress read model holds it.</summary>
public sealed record AttemptView(
    string LearnerKey, string ActivityId, Guid? Registration, int Number, string? CourseId,
    AttemptState State, AttemptOutcome Outcome, double? ScoreScaled, double? ScoreRaw, double? ScoreMin, double? ScoreMax,
    bool? Success, bool? Completion, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt, Guid? DecidedBy, DateTimeOffset? DecidedAt,
    IReadOnlyList<InteractionResult> Interactions);

public sealed record CompletionView(string LearnerKey, string ActivityId, Guid? Registration, DateTimeOffset CompletedAt, Guid StatementId);

public sealed record PassFailView(string LearnerKey, string ActivityId, Guid? Registration, AttemptOutcome Outcome, DateTimeOffset DecidedAt, Guid StatementId);

/// <summary>
/// The key of the last row of a page: the next page starts after it (keyset pagination). <paramref name="Number"/> is the
/// attempt number for attempts, 0 for completion and pass/fail records.
/// </summary>
public sealed record ProgressPosition(string ActivityId, Guid? Registration, int Number);

/// <summary>Reads the progress read model (for transcripts and reports). Ordered by activity, registration, attempt.</summary>
public interface IProgressReader
{
    Task<IReadOnlyList<AttemptView>> AttemptsForLearnerAsync(Guid tenantId, string agentKey, CancellationToken ct);

    Task<IReadOnlyList<CompletionView>> CompletionsForLearnerAsync(Guid tenantId, string agentKey, CancellationToken ct);

    Task<IReadOnlyList<PassFailView>> PassFailForLearnerAsync(Guid tenantId, string agentKey, CancellationToken ct);

    /// <summary>
    /// Up to <paramref name="limit"/> attempts after <paramref name="after"/>, of <paramref name="activityId"/> only when
    /// given, in the order above. The interactions are not read: <see cref="AttemptView.Interactions"/> is empty.
    /// </summary>
    Task<IReadOnlyList<AttemptView>> AttemptsPageAsync(
        Guid tenantId, string agentKey, string? activityId, ProgressPosition? after, int limit, CancellationToken ct);

    /// <summary>Up to <paramref name="limit"/> completion records after <paramref name="after"/>, by activity and registration.</summary>
    Task<IReadOnlyList<CompletionView>> CompletionsPageAsync(Guid tenantId, string agentKey, ProgressPosition? after, int limit, CancellationToken ct);

    /// <summary>Up to <paramref name="limit"/> pass/fail records after <paramref name="after"/>, by activity and registration.</summary>
    Task<IReadOnlyList<PassFailView>> PassFailPageAsync(Guid tenantId, string agentKey, ProgressPosition? after, int limit, CancellationToken ct);
}

/// <summary>Brings the progress read models up to date with every statement committed before the call.</summary>
public interface IProgressCatchUp
{
    /// <summary>Returns how many statements were projected.</summary>
    Task<int> CatchUpAsync(CancellationToken ct);
}
