using Lrs.Api.Xapi;
using Lrs.Application.Reports;

namespace Lrs.Api.Internal;

/// <summary>
/// Admin reports over the progress read models (progress-schema seed, "How this powers admin reporting"): completion
/// rate per course, drop-off per lesson, time to complete, overdue learners.
/// </summary>
public static class ReportsEndpoints
{
    public static void MapReports(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/reports").WithTags("Reports");

        reports.MapGet("/completion-rate", CompletionRateAsync)
            .WithName("CompletionRateReport")
            .WithSummary("Per course: learners who started it, who completed it, and the rate")
            .Produces<CompletionRateList>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        reports.MapGet("/drop-off", DropOffAsync)
            .WithName("DropOffReport")
            .WithSummary("Per lesson of a course: learners who viewed it but have not completed it, and the rate")
            .Produces<DropOffList>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        reports.MapGet("/time-to-complete", TimeToCompleteAsync)
            .WithName("TimeToCompleteReport")
            .WithSummary("Per learner who completed a course: first access to completion of the last lesson; median and 90th percentile")
            .Produces<TimeToCompleteList>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        reports.MapGet("/overdue", OverdueAsync)
            .WithName("OverdueReport")
            .WithSummary("Learners of a course with an assignment past its due date (dueDate, or dueOffset after they started) and not completed")
            .Produces<OverdueList>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> CompletionRateAsync(HttpContext http, CompletionRateReportHandler handler, string? cursor = null, string? limit = null)
    {
        if (!ProgressLists.TryLimit(limit, out var size, out var problem))
        {
            return problem!;
        }

        var page = await handler.HandleAsync(new CompletionRateReport(Tenant(http), cursor, size), http.RequestAborted);
        return page.IsSuccess
            ? ProgressLists.Ok(new CompletionRateList(page.Value!.Items, ProgressLists.Next(http.Request, page.Value.Next)))
            : ProgressLists.Problem(page.Error!);
    }

    private static async Task<IResult> DropOffAsync(HttpContext http, DropOffReportHandler handler, string? course = null, string? cursor = null, string? limit = null)
    {
        if (!ProgressLists.TryLimit(limit, out var size, out var problem))
        {
            return problem!;
        }

        var page = await handler.HandleAsync(new DropOffReport(Tenant(http), course, cursor, size), http.RequestAborted);
        return page.IsSuccess
            ? ProgressLists.Ok(new DropOffList(course!, page.Value!.Items, ProgressLists.Next(http.Request, page.Value.Next)))
            : ProgressLists.Problem(page.Error!);
    }

    private static async Task<IResult> TimeToCompleteAsync(
        HttpContext http, TimeToCompleteReportHandler handler, string? course = null, string? cursor = null, string? limit = null)
    {
        if (!ProgressLists.TryLimit(limit, out var size, out var problem))
        {
            return problem!;
        }

        var report = await handler.HandleAsync(new TimeToCompleteReport(Tenant(http), course, cursor, size), http.RequestAborted);
        return report.IsSuccess
            ? ProgressLists.Ok(new TimeToCompleteList(course!, report.Value!.Summary, report.Value.Learners, ProgressLists.Next(http.Request, report.Value.Next)))
            : ProgressLists.Problem(report.Error!);
    }

    private static async Task<IResult> OverdueAsync(HttpContext http, OverdueReportHandler handler, string? course = null, string? cursor = null, string? limit = null)
    {
        if (!ProgressLists.TryLimit(limit, out var size, out var problem))
        {
            return problem!;
        }

        var page = await handler.HandleAsync(new OverdueReport(Tenant(http), course, cursor, size), http.RequestAborted);
        return page.IsSuccess
            ? ProgressLists.Ok(new OverdueList(course!, page.Value!.Items, ProgressLists.Next(http.Request, page.Value.Next)))
            : ProgressLists.Problem(page.Error!);
    }

    private static Guid Tenant(HttpContext http) => XapiAuthenticationFilter.Caller(http).TenantId;
}

/// <summary>A page of courses' completion rates; <paramref name="Next"/> is the following page's URL, absent on the last.</summary>
public sealed record CompletionRateList(IReadOnlyList<CourseCompletionRate> Courses, string? Next);

/// <summary>A page of a course's lessons with their drop-off; <paramref name="Next"/> is the following page's URL, absent on the last.</summary>
public sealed record DropOffList(string Course, IReadOnlyList<LessonDropOff> Lessons, string? Next);

/// <summary>The summary over every learner who completed the course and a page of them; <paramref name="Next"/> as for the other lists.</summary>
public sealed record TimeToCompleteList(string Course, TimeToCompleteSummary Summary, IReadOnlyList<LearnerTimeToComplete> Learners, string? Next);

/// <summary>A page of overdue learners; <paramref name="Next"/> is the following page's URL, absent on the last.</summary>
public sealed record OverdueList(string Course, IReadOnlyList<OverdueLearner> Learners, string? Next);
