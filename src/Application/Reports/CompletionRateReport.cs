using Lrs.Application.Common;
using Lrs.Application.Progress;

namespace Lrs.Application.Reports;

/// <summary>Per course: learners who started it, learners who completed it, and the rate (progress-schema seed, admin reporting).</summary>
public sealed record CompletionRateReport(Guid TenantId, string? Cursor, int? Limit);

/// <remarks>Rate: completed / started, 0–1 rounded to 4 decimals; null when nobody started.</remarks>
public sealed record CourseCompletionRate(string CourseId, int Started, int Completed, decimal? Rate);

public sealed class CompletionRateReportHandler(ICourseProgressReader reader)
{
    public async Task<XapiResult<Page<CourseCompletionRate>>> HandleAsync(CompletionRateReport query, CancellationToken ct)
    {
        var limit = PageCursor.Limit(query.Limit);
        var after = PageCursor.Decode(query.Cursor, 1);
        if ((limit.Error ?? after.Error) is { } error)
        {
            return error;
        }

        var rows = await reader.CompletionCountsAsync(query.TenantId, after.Value!.FirstOrDefault(), limit.Value + 1, ct);
        var page = rows.Take(limit.Value)
            .Select(r => new CourseCompletionRate(r.CourseId, r.Started, r.Completed, Ratio(r.Completed, r.Started)))
            .ToList();
        return new Page<CourseCompletionRate>(page, rows.Count > limit.Value ? PageCursor.Encode(page[^1].CourseId) : null);
    }

    internal static decimal? Ratio(int part, int whole) => whole == 0 ? null : Math.Round((decimal)part / whole, 4, MidpointRounding.AwayFromZero);
}
