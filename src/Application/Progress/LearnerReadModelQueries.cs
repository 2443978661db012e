using System.Globalization;
using Lrs.Application.Common;

namespace Lrs.Application.Progress;

/// <summary>A learner (xAPI Agent JSON) and a page of one of their read models, of one course when <paramref name="CourseId"/> is given.</summary>
public sealed record LearnerQuery(Guid TenantId, string? Agent, string? CourseId, string? Cursor, int? Limit);

/// <summary>The queries over the learner read models of docs/decisions/0008, with the keyset cursors of <see cref="PageCursor"/>.</summary>
public sealed class LearnerReadModelQueries(ILearnerProgressReader reader)
{
    private static readonly XapiError BadCursor = XapiError.BadRequest("cursor is not one this LRS issued; use the next link of the previous page.");

    public Task<XapiResult<Page<ModuleProgressView>>> ModulesAsync(LearnerQuery query, CancellationToken ct) =>
        PageAsync<ModuleProgressView, (string, int)?>(query, 2,
            key => int.TryParse(key[1], NumberStyles.None, CultureInfo.InvariantCulture, out var position) ? (key[0], position) : null,
            (learner, after, limit) => reader.ModulesAsync(query.TenantId, learner, query.CourseId, after, limit, ct),
            m => [m.CourseId, Text(m.Position)]);

    public Task<XapiResult<Page<QuizAttemptView>>> QuizAttemptsAsync(LearnerQuery query, CancellationToken ct) =>
        PageAsync<QuizAttemptView, (string, string, Guid, int)?>(query, 4,
            key => Guid.TryParse(key[2], out var registration) && int.TryParse(key[3], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? (key[0], key[1], registration, number)
                : null,
            (learner, after, limit) => reader.QuizAttemptsAsync(query.TenantId, learner, query.CourseId, after, limit, ct),
            q => [q.CourseId, q.ActivityId, (q.Registration ?? Guid.Empty).ToString(), Text(q.AttemptNumber)]);

    public Task<XapiResult<Page<AssignmentSubmissionView>>> SubmissionsAsync(LearnerQuery query, CancellationToken ct) =>
        PageAsync<AssignmentSubmissionView, (string, Guid)?>(query, 2, key => Guid.TryParse(key[1], out var id) ? (key[0], id) : null,
            (learner, after, limit) => reader.SubmissionsAsync(query.TenantId, learner, query.CourseId, after, limit, ct),
            s => [s.CourseId, s.SubmissionId.ToString()]);

    public Task<XapiResult<Page<LearningPathProgressView>>> LearningPathsAsync(LearnerQuery query, CancellationToken ct) =>
        PageAsync<LearningPathProgressView, string?>(query, 1, key => key[0],
            (learner, after, limit) => reader.LearningPathsAsync(query.TenantId, learner, after, limit, ct),
            p => [p.PathId]);

    public Task<XapiResult<Page<UserCompetencyView>>> CompetenciesAsync(LearnerQuery query, CancellationToken ct) =>
        PageAsync<UserCompetencyView, string?>(query, 1, key => key[0],
            (learner, after, limit) => reader.CompetenciesAsync(query.TenantId, learner, after, limit, ct), c => [c.CompetencyId]);

    public Task<XapiResult<Page<EarnedAchievementView>>> AchievementsAsync(LearnerQuery query, CancellationToken ct) =>
        PageAsync<EarnedAchievementView, string?>(query, 1, key => key[0],
            (learner, after, limit) => reader.AchievementsAsync(query.TenantId, learner, after, limit, ct), a => [a.AchievementId]);

    /// <summary>The learner's totals; a learner who started no course gets zeros.</summary>
    public async Task<XapiResult<UserProgressView>> UserAsync(LearnerQuery query, CancellationToken ct)
    {
        var learner = LearnerParameter.Key(query.Agent);
        if (learner.Error is { } error)
        {
            return error;
        }

        return await reader.UserAsync(query.TenantId, learner.Value!, ct)
            ?? new UserProgressView(learner.Value!, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null);
    }

    // TKey is the nullable keyset position: default when there is no cursor, and what a cursor that does not parse gives.
    private static async Task<XapiResult<Page<T>>> PageAsync<T, TKey>(LearnerQuery query, int parts, Func<string[], TKey> after,
        Func<string, TKey, int, Task<IReadOnlyList<T>>> read, Func<T, string[]> keyOf)
    {
        var learner = LearnerParameter.Key(query.Agent);
        var limit = PageCursor.Limit(query.Limit);
        var cursor = PageCursor.Decode(query.Cursor, parts);
        if ((learner.Error ?? limit.Error ?? cursor.Error) is { } error)
        {
            return error;
        }

        var from = default(TKey);
        if (cursor.Value!.Length > 0 && EqualityComparer<TKey>.Default.Equals(from = after(cursor.Value), default))
        {
            return BadCursor;
        }

        // One row more than asked tells whether there is a next page without a count.
        var rows = await read(learner.Value!, from!, limit.Value + 1);
        var page = rows.Take(limit.Value).ToList();
        return new Page<T>(page, rows.Count > limit.Value ? PageCursor.Encode(keyOf(page[^1])) : null);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
