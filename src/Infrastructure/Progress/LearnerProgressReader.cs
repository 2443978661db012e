using Lrs.Application.Progress;

namespace Lrs.Infrastructure.Progress;

/// <summary>The 0008 read models, one transaction per call with <c>lrs.tenant_id</c> set on PostgreSQL.</summary>
public sealed class LearnerProgressReader(ProgressStore store) : ILearnerProgressReader
{
    public Task<IReadOnlyList<ModuleProgressView>> ModulesAsync(
        Guid tenantId, string learnerKey, string? courseId, (string Course, int Position)? after, int limit, CancellationToken ct) =>
        ReadAsync(tenantId, s => LearnerRows.ModulesAsync(s, tenantId, learnerKey, courseId, after, limit, ct), ct);

    public Task<UserProgressView?> UserAsync(Guid tenantId, string learnerKey, CancellationToken ct) =>
        ReadAsync(tenantId, s => LearnerRows.UserAsync(s, tenantId, learnerKey, ct), ct);

    public Task<IReadOnlyList<QuizAttemptView>> QuizAttemptsAsync(
        Guid tenantId, string learnerKey, string? courseId, (string Course, string Activity, Guid Registration, int Number)? after, int limit,
        CancellationToken ct) =>
        ReadAsync(tenantId, s => LearnerRows.QuizAttemptsAsync(s, tenantId, learnerKey, courseId, after, limit, ct), ct);

    public Task<IReadOnlyList<AssignmentSubmissionView>> SubmissionsAsync(
        Guid tenantId, string learnerKey, string? courseId, (string Course, Guid Submission)? after, int limit, CancellationToken ct) =>
        ReadAsync(tenantId, s => LearnerRows.SubmissionsAsync(s, tenantId, learnerKey, courseId, after, limit, ct), ct);

    public Task<IReadOnlyList<LearningPathProgressView>> LearningPathsAsync(Guid tenantId, string learnerKey, string? after, int limit, CancellationToken ct) =>
        ReadAsync(tenantId, s => LearnerRows.PathsAsync(s, tenantId, learnerKey, after, limit, ct), ct);

    public Task<IReadOnlyList<UserCompetencyView>> CompetenciesAsync(Guid tenantId, string learnerKey, string? after, int limit, CancellationToken ct) =>
        ReadAsync(tenantId, s => LearnerRows.CompetenciesAsync(s, tenantId, learnerKey, after, limit, ct), ct);

    public Task<IReadOnlyList<EarnedAchievementView>> AchievementsAsync(Guid tenantId, string learnerKey, string? after, int limit, CancellationToken ct) =>
        ReadAsync(tenantId, s => LearnerRows.AchievementsAsync(s, tenantId, learnerKey, after, limit, ct), ct);

    private async Task<T> ReadAsync<T>(Guid tenantId, Func<ProgressSession, Task<T>> read, CancellationToken ct)
    {
        await using var session = await store.BeginAsync(ct);
        await session.UseTenantAsync(tenantId, ct);
        var result = await read(session);
        await session.CommitAsync(ct);
        return result;
    }
}
