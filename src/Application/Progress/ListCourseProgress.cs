using Lrs.Application.Common;

namespace Lrs.Application.Progress;

/// <summary>A page of the courses the learner named by <paramref name="Agent"/> (xAPI Agent JSON) has progress in, by course id.</summary>
public sealed record ListCourseProgress(Guid TenantId, string? Agent, string? Cursor, int? Limit);

public sealed class ListCourseProgressHandler(ICourseProgressReader reader)
{
    public async Task<XapiResult<Page<CourseProgressView>>> HandleAsync(ListCourseProgress query, CancellationToken ct)
    {
        var learner = LearnerParameter.Key(query.Agent);
        var limit = PageCursor.Limit(query.Limit);
        var after = PageCursor.Decode(query.Cursor, 1);
        if ((learner.Error ?? limit.Error ?? after.Error) is { } error)
        {
            return error;
        }

        // One row more than asked tells whether there is a next page without a count.
        var rows = await reader.CoursesOfLearnerAsync(query.TenantId, learner.Value!, after.Value!.FirstOrDefault(), limit.Value + 1, ct);
        var page = rows.Take(limit.Value).ToList();
        return new Page<CourseProgressView>(page, rows.Count > limit.Value ? PageCursor.Encode(page[^1].CourseId) : null);
    }
}
