using Lrs.Application.Progress;

namespace Lrs.Application.Transcripts;

/// <summary>
/// A transcript with the learner's projected progress added to it: the per-activity record of <paramref name="ledger"/>, plus the
/// read models the projector maintains (docs/decisions/0008), read page by page.
/// </summary>
public sealed class ProgressTranscriptSource(ITranscriptSource ledger, ICourseProgressReader courses, ILearnerProgressReader learner) : ITranscriptSource
{
    public async Task<Transcript?> LoadAsync(Guid tenantId, string agentKey, string? displayName, CancellationToken ct)
    {
        // The read models are read while the ledger is: they do not depend on it, and the ledger part is the long one.
        var progress = ProgressAsync(tenantId, agentKey, ct);
        if (await ledger.LoadAsync(tenantId, agentKey, displayName, ct) is not { } transcript)
        {
            await progress;
            return null;
        }

        return transcript with { Progress = await progress };
    }

    private async Task<TranscriptProgress> ProgressAsync(Guid tenantId, string agentKey, CancellationToken ct)
    {
        await Task.Yield(); // let the ledger read start
        return new TranscriptProgress(
            await learner.UserAsync(tenantId, agentKey, ct),
            await AllAsync<CourseProgressView, string?>((after, limit) => courses.CoursesOfLearnerAsync(tenantId, agentKey, after, limit, ct), c => c.CourseId),
            await AllAsync<ModuleProgressView, (string, int)?>((after, limit) => learner.ModulesAsync(tenantId, agentKey, null, after, limit, ct),
                m => (m.CourseId, m.Position)),
            await AllAsync<QuizAttemptView, (string, string, Guid, int)?>((after, limit) => learner.QuizAttemptsAsync(tenantId, agentKey, null, after, limit, ct),
                q => (q.CourseId, q.ActivityId, q.Registration ?? Guid.Empty, q.AttemptNumber)),
            await AllAsync<AssignmentSubmissionView, (string, Guid)?>((after, limit) => learner.SubmissionsAsync(tenantId, agentKey, null, after, limit, ct),
                s => (s.CourseId, s.SubmissionId)),
            await AllAsync<LearningPathProgressView, string?>((after, limit) => learner.LearningPathsAsync(tenantId, agentKey, after, limit, ct), p => p.PathId),
            await AllAsync<UserCompetencyView, string?>((after, limit) => learner.CompetenciesAsync(tenantId, agentKey, after, limit, ct), c => c.CompetencyId),
            await AllAsync<EarnedAchievementView, string?>((after, limit) => learner.AchievementsAsync(tenantId, agentKey, after, limit, ct), a => a.AchievementId));
    }

    private static async Task<IReadOnlyList<T>> AllAsync<T, TKey>(Func<TKey?, int, Task<IReadOnlyList<T>>> page, Func<T, TKey> keyOf)
    {
        var all = new List<T>();
        TKey? after = default;
        while (true)
        {
            var rows = await page(after, PageCursor.MaxLimit);
            all.AddRange(rows);
            if (rows.Count < PageCursor.MaxLimit)
            {
                return all;
            }

            after = keyOf(rows[^1]);
        }
    }
}
