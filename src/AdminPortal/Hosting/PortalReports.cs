using System.Globalization;
using Lrs.Application.Common;
using Lrs.Application.Progress;
using Lrs.Application.Reports;

namespace Lrs.AdminPortal.Hosting;

/// <summary>The four admin reports (progress-schema seed) as rows of text for CSV export, every page of them.</summary>
public sealed class PortalReports(
    CompletionRateReportHandler completion, DropOffReportHandler dropOff, TimeToCompleteReportHandler timeToComplete, OverdueReportHandler overdue)
{
    public static readonly string[] Names = ["completion-rate", "drop-off", "time-to-complete", "overdue"];

    public async Task<XapiResult<List<string[]>>> AllRowsAsync(string report, Guid tenant, string? course, CancellationToken ct)
    {
        var rows = new List<string[]>();
        string? cursor = null;
        do
        {
            var page = await PageAsync(report, tenant, course, cursor, rows.Count == 0, ct);
            if (!page.IsSuccess)
            {
                return page.Error!;
            }

            rows.AddRange(page.Value.Rows);
            cursor = page.Value.Next;
        }
        while (cursor is not null);

        return rows;
    }

    private async Task<XapiResult<(IEnumerable<string[]> Rows, string? Next)>> PageAsync(
        string report, Guid tenant, string? course, string? cursor, bool header, CancellationToken ct)
    {
        switch (report)
        {
            case "completion-rate":
                var rates = await completion.HandleAsync(new CompletionRateReport(tenant, cursor, PageCursor.MaxLimit), ct);
                return rates.IsSuccess
                    ? (Head(header, ["course", "started", "completed", "rate"])
                        .Concat(rates.Value!.Items.Select(r => new[] { r.CourseId, Num(r.Started), Num(r.Completed), Num(r.Rate) })), rates.Value.Next)
                    : rates.Error!;
            case "drop-off":
                var lessons = await dropOff.HandleAsync(new DropOffReport(tenant, course, cursor, PageCursor.MaxLimit), ct);
                return lessons.IsSuccess
                    ? (Head(header, ["module", "lesson", "position", "viewed", "not_completed", "rate"])
                        .Concat(lessons.Value!.Items.Select(r => new[] { r.ModuleId, r.ActivityId, Num(r.Position), Num(r.Viewed), Num(r.NotCompleted), Num(r.Rate) })),
                        lessons.Value.Next)
                    : lessons.Error!;
            case "time-to-complete":
                var times = await timeToComplete.HandleAsync(new TimeToCompleteReport(tenant, course, cursor, PageCursor.MaxLimit), ct);
                return times.IsSuccess
                    ? (Head(header, ["learner", "started", "completed", "seconds"])
                        .Concat(times.Value!.Learners.Select(r => new[] { r.LearnerKey, Time(r.StartedAt), Time(r.CompletedAt), Num(r.Seconds) })), times.Value.Next)
                    : times.Error!;
            case "overdue":
                var late = await overdue.HandleAsync(new OverdueReport(tenant, course, cursor, PageCursor.MaxLimit), ct);
                return late.IsSuccess
                    ? (Head(header, ["learner", "started", "assignment", "activity", "due"])
                        .Concat(late.Value!.Items.SelectMany(l => l.Assignments.Select(a => new[] { l.LearnerKey, Time(l.StartedAt), a.AssignmentId, a.ActivityId, Time(a.DueAt) }))),
                        late.Value.Next)
                    : late.Error!;
            default:
                return XapiError.NotFound($"There is no report '{report}'. Reports: {string.Join(", ", Names)}.");
        }
    }

    private static IEnumerable<string[]> Head(bool header, string[] columns) => header ? [columns] : [];

    private static string Num(IFormattable? value) => value?.ToString(null, CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Time(DateTimeOffset? value) => value?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? string.Empty;
}
