using System.Globalization;
using Lrs.Application.Common;

namespace Lrs.Application.Progress;

/// <summary>
/// A page of the learner's view records (lessons, quizzes, assignments touched), by course and position in the course,
/// of one course when <paramref name="CourseId"/> is given: what "resume where you left off" needs.
/// </summary>
public sealed record ListLessonProgress(Guid TenantId, string? Agent, string? CourseId, string? Cursor, int? Limit);

public sealed class ListLessonProgressHandler(ICourseProgressReader reader)
{
    public async Task<XapiResult<Page<LessonProgressView>>> HandleAsync(ListLessonProgress query, CancellationToken ct)
    {
        var learner = LearnerParameter.Key(query.Agent);
        var limit = PageCursor.Limit(query.Limit);
        var after = PageCursor.Decode(query.Cursor, 2);
        if ((learner.Error ?? limit.Error ?? after.Error) is { } error)
        {
            return error;
        }

        var key = after.Value!;
        (string, int)? from = null;
        if (key.Length == 2)
        {
            if (!int.TryParse(key[1], NumberStyles.None, CultureInfo.InvariantCulture, out var position))
            {
                return XapiError.BadRequest("cursor is not one this LRS issued; use the next link of the previous page.");
            }

            from = (key[0], position);
        }

        var rows = await reader.ItemsOfLearnerAsync(query.TenantId, learner.Value!, query.CourseId, from, limit.Value + 1, ct);
        var page = rows.Take(limit.Value).ToList();
        return new Page<LessonProgressView>(page, rows.Count > limit.Value
            ? PageCursor.Encode(page[^1].CourseId, page[^1].Position.ToString(CultureInfo.InvariantCulture))
            : null);
    }
}
