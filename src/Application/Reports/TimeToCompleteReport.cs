using Lrs.Application.Common;
using Lrs.Application.Progress;

namespace Lrs.Application.Reports;

/// <summary>
/// How long learners who completed a course took, from first access to the completion of its last lesson
/// (progress-schema seed, admin reporting), per learner by learner key, with the median and 90th percentile of all of them.
/// </summary>
public sealed record TimeToCompleteReport(Guid TenantId, string? CourseId, string? Cursor, int? Limit);

public sealed record LearnerTimeToComplete(string LearnerKey, DateTimeOffset StartedAt, DateTimeOffset CompletedAt, double Seconds);

/// <remarks>Learners: How many learners completed the course. MedianSeconds: The median duration (mean of the middle two for an even count); null when nobody completed. P90Seconds: The 90th percentile duration, by nearest rank; null when nobody completed.</remarks>
public sealed record TimeToCompleteSummary(int Learners, double? MedianSeconds, double? P90Seconds);

public sealed record TimeToComplete(TimeToCompleteSummary Summary, IReadOnlyList<LearnerTimeToComplete> Learners, string? Next);

public sealed class TimeToCompleteReportHandler(ICourseProgressReader reader)
{
    public async Task<XapiResult<TimeToComplete>> HandleAsync(TimeToCompleteReport query, CancellationToken ct)
    {
        var limit = PageCursor.Limit(query.Limit);
        var after = PageCursor.Decode(query.Cursor, 1);
        if ((Reports.RequireCourse(query.CourseId) ?? limit.Error ?? after.Error) is { } error)
        {
            return error;
        }

        // The summary needs every completed learner, so the course's learners are read whole and the page cut here.
        var completed = (await reader.LearnersOfCourseAsync(query.TenantId, query.CourseId!, ct))
            .Where(p => p is { Status: "completed", StartedAt: not null, CompletedAt: not null })
            .Select(p => new LearnerTimeToComplete(p.LearnerKey, p.StartedAt!.Value, p.CompletedAt!.Value, (p.CompletedAt.Value - p.StartedAt.Value).TotalSeconds))
            .ToList();
        var sorted = completed.Select(l => l.Seconds).Order().ToList();
        var summary = new TimeToCompleteSummary(sorted.Count,
            sorted.Count == 0 ? null : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2,
            sorted.Count == 0 ? null : sorted[(int)Math.Ceiling(0.9 * sorted.Count) - 1]);

        var from = after.Value!.FirstOrDefault();
        var rest = completed.Where(l => from is null || string.CompareOrdinal(l.LearnerKey, from) > 0).ToList();
        var page = rest.Take(limit.Value).ToList();
        return new TimeToComplete(summary, page, rest.Count > limit.Value ? PageCursor.Encode(page[^1].LearnerKey) : null);
    }
}
