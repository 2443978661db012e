using System.Globalization;
using Lrs.Application.Common;
using Lrs.Application.Progress;

namespace Lrs.Application.Reports;

/// <summary>Per lesson of a course, in course order: learners who viewed it but have not completed it (progress-schema seed: drop-off).</summary>
public sealed record DropOffReport(Guid TenantId, string? CourseId, string? Cursor, int? Limit);

/// <remarks>Rate: notCompleted / viewed, 0–1 rounded to 4 decimals; null when nobody viewed the lesson.</remarks>
public sealed record LessonDropOff(string ModuleId, string ActivityId, int Position, int Viewed, int NotCompleted, decimal? Rate);

public sealed class DropOffReportHandler(ICourseProgressReader reader)
{
    public async Task<XapiResult<Page<LessonDropOff>>> HandleAsync(DropOffReport query, CancellationToken ct)
    {
        var limit = PageCursor.Limit(query.Limit);
        var after = PageCursor.Decode(query.Cursor, 1);
        if ((Reports.RequireCourse(query.CourseId) ?? limit.Error ?? after.Error) is { } error)
        {
            return error;
        }

        int? from = null;
        if (after.Value!.Length == 1)
        {
            if (!int.TryParse(after.Value[0], NumberStyles.None, CultureInfo.InvariantCulture, out var position))
            {
                return XapiError.BadRequest("cursor is not one this LRS issued; use the next link of the previous page.");
            }

            from = position;
        }

        var rows = await reader.LessonViewsAsync(query.TenantId, query.CourseId!, from, limit.Value + 1, ct);
        var page = rows.Take(limit.Value)
            .Select(r => new LessonDropOff(r.ModuleId, r.ActivityId, r.Position, r.Viewed, r.NotCompleted,
                CompletionRateReportHandler.Ratio(r.NotCompleted, r.Viewed)))
            .ToList();
        return new Page<LessonDropOff>(page, rows.Count > limit.Value
            ? PageCursor.Encode(page[^1].Position.ToString(CultureInfo.InvariantCulture))
            : null);
    }
}
