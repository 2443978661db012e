using Lrs.Api.Xapi;
using Lrs.Application.Progress;

namespace Lrs.Api.Internal;

/// <summary>
/// A learner's progress (progress-schema seed: course progress percentage, lesson view records and completion
/// timestamps), from the read models the progress projector maintains.
/// </summary>
public static class LearnerProgressEndpoints
{
    public static void MapLearnerProgress(this RouteGroupBuilder api)
    {
        var progress = api.MapGroup("/progress").WithTags("Progress");

        progress.MapGet("/", ListCoursesAsync)
            .WithName("ListLearnerProgress")
            .WithSummary("A learner's progress in each course they have started")
            .WithDescription("agent: the learner as an xAPI Agent (JSON). Courses by id; status not-started, in-progress or completed; "
                + "percent = completedLessons / totalLessons × 100. limit 1–200 (default 50); follow 'next'.")
            .Produces<LearnerProgressList>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        progress.MapGet("/lessons", ListLessonsAsync)
            .WithName("ListLessonProgress")
            .WithSummary("A learner's view records of lessons, quizzes and assignments, for resuming")
            .WithDescription("agent: the learner as an xAPI Agent (JSON); course: only that course. By course and position in the course; "
                + "viewedAt is the first statement about the item, completedAt its earliest completion or pass.")
            .Produces<LessonProgressList>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> ListCoursesAsync(
        HttpContext http, ListCourseProgressHandler handler, string? agent = null, string? cursor = null, string? limit = null)
    {
        if (!ProgressLists.TryLimit(limit, out var size, out var problem))
        {
            return problem!;
        }

        var caller = XapiAuthenticationFilter.Caller(http);
        var page = await handler.HandleAsync(new ListCourseProgress(caller.TenantId, agent, cursor, size), http.RequestAborted);
        return page.IsSuccess
            ? ProgressLists.Ok(new LearnerProgressList(page.Value!.Items, ProgressLists.Next(http.Request, page.Value.Next)))
            : ProgressLists.Problem(page.Error!);
    }

    private static async Task<IResult> ListLessonsAsync(
        HttpContext http, ListLessonProgressHandler handler, string? agent = null, string? course = null, string? cursor = null, string? limit = null)
    {
        if (!ProgressLists.TryLimit(limit, out var size, out var problem))
        {
            return problem!;
        }

        var caller = XapiAuthenticationFilter.Caller(http);
        var page = await handler.HandleAsync(new ListLessonProgress(caller.TenantId, agent, course, cursor, size), http.RequestAborted);
        return page.IsSuccess
            ? ProgressLists.Ok(new LessonProgressList(page.Value!.Items, ProgressLists.Next(http.Request, page.Value.Next)))
            : ProgressLists.Problem(page.Error!);
    }
}

/// <summary>A page of a learner's course progress; <paramref name="Next"/> is the following page's URL, absent on the last.</summary>
public sealed record LearnerProgressList(IReadOnlyList<CourseProgressView> Progress, string? Next);

/// <summary>A page of a learner's lesson view records; <paramref name="Next"/> is the following page's URL, absent on the last.</summary>
public sealed record LessonProgressList(IReadOnlyList<LessonProgressView> Lessons, string? Next);
