namespace Lrs.Application.Progress;

/// <summary>
/// Reads the learner read models of docs/decisions/0008 (maintained by the progress projector). Lists start after the given keyset
/// position and hold at most <c>limit</c> rows, in the order each method names.
/// </summary>
public interface ILearnerProgressReader
{
    /// <summary>Module rows by course and module position, of one course when given.</summary>
    Task<IReadOnlyList<ModuleProgressView>> ModulesAsync(
        Guid tenantId, string learnerKey, string? courseId, (string Course, int Position)? after, int limit, CancellationToken ct);

    Task<UserProgressView?> UserAsync(Guid tenantId, string learnerKey, CancellationToken ct);

    /// <summary>Quiz attempts with their responses by course, quiz activity, registration (nil UUID when none) and attempt number.</summary>
    Task<IReadOnlyList<QuizAttemptView>> QuizAttemptsAsync(
        Guid tenantId, string learnerKey, string? courseId, (string Course, string Activity, Guid Registration, int Number)? after, int limit,
        CancellationToken ct);

    /// <summary>Assignment submissions by course and submission id.</summary>
    Task<IReadOnlyList<AssignmentSubmissionView>> SubmissionsAsync(
        Guid tenantId, string learnerKey, string? courseId, (string Course, Guid Submission)? after, int limit, CancellationToken ct);

    /// <summary>Learning-path progress by path id.</summary>
    Task<IReadOnlyList<LearningPathProgressView>> LearningPathsAsync(Guid tenantId, string learnerKey, string? after, int limit, CancellationToken ct);

    /// <summary>Competencies with evidence, by competency id.</summary>
    Task<IReadOnlyList<UserCompetencyView>> CompetenciesAsync(Guid tenantId, string learnerKey, string? after, int limit, CancellationToken ct);

    /// <summary>Earned achievements by achievement id.</summary>
    Task<IReadOnlyList<EarnedAchievementView>> AchievementsAsync(Guid tenantId, string learnerKey, string? after, int limit, CancellationToken ct);
}
