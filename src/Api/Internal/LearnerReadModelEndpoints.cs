using Lrs.Api.Xapi;
using Lrs.Application.Common;
using Lrs.Application.Definitions;
using Lrs.Application.LearningPaths;
using Lrs.Application.Progress;

namespace Lrs.Api.Internal;

/// <summary>
/// The data-model seed's learner read models (docs/decisions/0008): module and user progress, quiz attempts with their responses,
/// assignment submissions and learning-path progress; and the learning paths themselves.
/// </summary>
public static class LearnerReadModelEndpoints
{
    private static readonly string Paging = $"agent: the learner as an xAPI Agent (JSON). limit 1–{PageCursor.MaxLimit} (default {PageCursor.DefaultLimit}); "
        + "follow 'next' for the following page; it is absent on the last.";

    public static void MapLearnerReadModels(this RouteGroupBuilder api)
    {
        var progress = api.MapGroup("/progress").WithTags("Progress");

        progress.MapGet("/modules", (HttpContext http, LearnerReadModelQueries q, string? agent, string? course, string? cursor, string? limit) =>
                ListAsync(http, q.ModulesAsync, agent, course, cursor, limit, (items, next) => new ModuleProgressList(items, next)))
            .WithName("ListModuleProgress")
            .WithSummary("A learner's progress per module of the courses they started")
            .WithDescription("By course and module order; course: only that course. percent = completed items / items of the module × 100. " + Paging)
            .Produces<ModuleProgressList>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        progress.MapGet("/user", async (HttpContext http, LearnerReadModelQueries q, string? agent) =>
            {
                var result = await q.UserAsync(new LearnerQuery(XapiAuthenticationFilter.Caller(http).TenantId, agent, null, null, null), http.RequestAborted);
                return result.IsSuccess ? ProgressLists.Ok(result.Value!) : ProgressLists.Problem(result.Error!);
            })
            .WithName("GetUserProgress")
            .WithSummary("A learner's totals across the courses they started, and points earned")
            .WithDescription("agent: the learner as an xAPI Agent (JSON). Points: best raw quiz score per quiz plus the latest graded submission's score per assignment.")
            .Produces<UserProgressView>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        progress.MapGet("/quiz-attempts", (HttpContext http, LearnerReadModelQueries q, string? agent, string? course, string? cursor, string? limit) =>
                ListAsync(http, q.QuizAttemptsAsync, agent, course, cursor, limit, (items, next) => new QuizAttemptList(items, next)))
            .WithName("ListQuizAttempts")
            .WithSummary("A learner's quiz attempts with their answers to each question")
            .WithDescription("By course, quiz activity, registration and attempt number; course: only that course. " + Paging)
            .Produces<QuizAttemptList>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        progress.MapGet("/assignments", (HttpContext http, LearnerReadModelQueries q, string? agent, string? course, string? cursor, string? limit) =>
                ListAsync(http, q.SubmissionsAsync, agent, course, cursor, limit, (items, next) => new SubmissionList(items, next)))
            .WithName("ListAssignmentSubmissions")
            .WithSummary("A learner's assignment submissions and their grades")
            .WithDescription("By course and submission id (the submitting statement's id); course: only that course. " + Paging)
            .Produces<SubmissionList>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        progress.MapGet("/learning-paths", (HttpContext http, LearnerReadModelQueries q, string? agent, string? cursor, string? limit) =>
                ListAsync(http, q.LearningPathsAsync, agent, null, cursor, limit, (items, next) => new LearningPathProgressList(items, next)))
            .WithName("ListLearningPathProgress")
            .WithSummary("A learner's progress along each learning path with a course they started")
            .WithDescription("By path id. percent = completed courses / courses of the path × 100; currentCourseId is the first not completed. " + Paging)
            .Produces<LearningPathProgressList>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        progress.MapGet("/competencies", (HttpContext http, LearnerReadModelQueries q, string? agent, string? cursor, string? limit) =>
                ListAsync(http, q.CompetenciesAsync, agent, null, cursor, limit, (items, next) => new CompetencyList(items, next)))
            .WithName("ListUserCompetencies")
            .WithSummary("A learner's competencies with their evidence")
            .WithDescription("By competency id; only competencies with some evidence. level = sources satisfied / sources × 100; mastered when all are. " + Paging)
            .Produces<CompetencyList>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        progress.MapGet("/achievements", (HttpContext http, LearnerReadModelQueries q, string? agent, string? cursor, string? limit) =>
                ListAsync(http, q.AchievementsAsync, agent, null, cursor, limit, (items, next) => new AchievementList(items, next)))
            .WithName("ListUserAchievements")
            .WithSummary("The achievements a learner has earned")
            .WithDescription("By achievement id, with when each was earned and its points. " + Paging)
            .Produces<AchievementList>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        MapDefinition<CompetencyDocument>(api, "/competencies", DefinitionHandler.Competency, "Competencies",
            "name, evidence [{course} or {activity}], optional description, category and level (beginner, intermediate, advanced).");
        MapDefinition<AchievementDocument>(api, "/achievements", DefinitionHandler.Achievement, "Achievements",
            "name, points, criteria {kind: course-completed (course) | courses-completed (count) | learning-path-completed (path) | quiz-passed (activity)}, "
            + "optional description, imageUrl and category.");

        var paths = api.MapGroup("/learning-paths").WithTags("Learning paths");

        paths.MapPut("/{id}", PutPathAsync)
            .WithName("PutLearningPath")
            .WithSummary("Create or replace a learning path")
            .WithDescription("title and courses (course ids in order). 201 when created, 200 when replaced; 400 names the property at fault. "
                + "The learners of its courses are recomputed by the projector.")
            .AddOpenApiOperationTransformer(InternalApi.RequestBody(typeof(LearningPathDocument), "application/json"))
            .Produces<LearningPathDocument>(StatusCodes.Status201Created)
            .Produces<LearningPathDocument>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        paths.MapGet("/{id}", async (string id, HttpContext http, GetLearningPathHandler handler) =>
                await handler.HandleAsync(XapiAuthenticationFilter.Caller(http).TenantId, PathId(id), http.RequestAborted) is { } path
                    ? TypedResults.Json(path, LearningPathDocument.Json)
                    : XapiProblem.Result(StatusCodes.Status404NotFound, $"There is no learning path '{PathId(id)}'."))
            .WithName("GetLearningPath")
            .WithSummary("Read a learning path")
            .Produces<LearningPathDocument>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static void MapDefinition<T>(RouteGroupBuilder api, string prefix, string kind, string tag, string fields)
    {
        var group = api.MapGroup(prefix).WithTags(tag);
        group.MapPut("/{id}", async (string id, HttpContext http, DefinitionHandler handler) =>
            {
                if (!InternalApi.HasMediaType(http.Request, "application/json"))
                {
                    return XapiProblem.Result(StatusCodes.Status415UnsupportedMediaType, $"A{(kind == DefinitionHandler.Achievement ? "n" : string.Empty)} {kind} is sent as application/json.");
                }

                var body = await InternalApi.ReadBodyAsync(http.Request, http.RequestAborted);
                var result = await handler.SaveAsync(new SaveDefinition(XapiAuthenticationFilter.Caller(http).TenantId, kind, PathId(id), body), http.RequestAborted);
                if (!result.IsSuccess)
                {
                    return ProgressLists.Problem(result.Error!);
                }

                var (document, created) = result.Value;
                if (created)
                {
                    http.Response.Headers.Location = $"{InternalApi.Prefix}{prefix}/{Uri.EscapeDataString(PathId(id))}";
                }

                return TypedResults.Json((T)document, DefinitionDocuments.Json, statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
            })
            .WithName($"Put{tag[..^1]}".Replace("Competencie", "Competency", StringComparison.Ordinal))
            .WithSummary($"Create or replace a{(kind == DefinitionHandler.Achievement ? "n" : string.Empty)} {kind}")
            .WithDescription(fields + " 201 when created, 200 when replaced; 400 names the property at fault. Every learner is recomputed by the projector.")
            .AddOpenApiOperationTransformer(InternalApi.RequestBody(typeof(T), "application/json"))
            .Produces<T>(StatusCodes.Status201Created)
            .Produces<T>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/{id}", async (string id, HttpContext http, DefinitionHandler handler) =>
                await handler.FindAsync(XapiAuthenticationFilter.Caller(http).TenantId, kind, PathId(id), http.RequestAborted) is { } document
                    ? Results.Text(document, "application/json")
                    : XapiProblem.Result(StatusCodes.Status404NotFound, $"There is no {kind} '{PathId(id)}'."))
            .WithName($"Get{tag[..^1]}".Replace("Competencie", "Competency", StringComparison.Ordinal))
            .WithSummary($"Read a{(kind == DefinitionHandler.Achievement ? "n" : string.Empty)} {kind}")
            .Produces<T>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> PutPathAsync(string id, HttpContext http, SaveLearningPathHandler handler)
    {
        if (!InternalApi.HasMediaType(http.Request, "application/json"))
        {
            return XapiProblem.Result(StatusCodes.Status415UnsupportedMediaType, "A learning path is sent as application/json.");
        }

        var caller = XapiAuthenticationFilter.Caller(http);
        var body = await InternalApi.ReadBodyAsync(http.Request, http.RequestAborted);
        var result = await handler.HandleAsync(new SaveLearningPath(caller.TenantId, PathId(id), body), http.RequestAborted);
        if (!result.IsSuccess)
        {
            return ProgressLists.Problem(result.Error!);
        }

        var saved = result.Value!;
        if (saved.Created)
        {
            http.Response.Headers.Location = $"{InternalApi.Prefix}/learning-paths/{Uri.EscapeDataString(saved.Path.Id!)}";
        }

        return TypedResults.Json(saved.Path, LearningPathDocument.Json, statusCode: saved.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static async Task<IResult> ListAsync<T, TList>(HttpContext http, Func<LearnerQuery, CancellationToken, Task<XapiResult<Page<T>>>> handle,
        string? agent, string? course, string? cursor, string? limit, Func<IReadOnlyList<T>, string?, TList> list)
    {
        if (!ProgressLists.TryLimit(limit, out var size, out var problem))
        {
            return problem!;
        }

        var caller = XapiAuthenticationFilter.Caller(http);
        var page = await handle(new LearnerQuery(caller.TenantId, agent, course, cursor, size), http.RequestAborted);
        return page.IsSuccess
            ? ProgressLists.Ok(list(page.Value!.Items, ProgressLists.Next(http.Request, page.Value.Next)))
            : ProgressLists.Problem(page.Error!);
    }

    // As for courses: an IRI id sent percent-encoded in one segment keeps "%2F" in the route value.
    private static string PathId(string routeValue) => routeValue.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A page of a learner's module progress; <paramref name="Next"/> is the following page's URL, absent on the last.</summary>
public sealed record ModuleProgressList(IReadOnlyList<ModuleProgressView> Modules, string? Next);

/// <summary>A page of a learner's quiz attempts; <paramref name="Next"/> is the following page's URL, absent on the last.</summary>
public sealed record QuizAttemptList(IReadOnlyList<QuizAttemptView> QuizAttempts, string? Next);

/// <summary>A page of a learner's assignment submissions; <paramref name="Next"/> is the following page's URL, absent on the last.</summary>
public sealed record SubmissionList(IReadOnlyList<AssignmentSubmissionView> Submissions, string? Next);

/// <summary>A page of a learner's competencies; <paramref name="Next"/> is the following page's URL, absent on the last.</summary>
public sealed record CompetencyList(IReadOnlyList<UserCompetencyView> Competencies, string? Next);

/// <summary>A page of a learner's earned achievements; <paramref name="Next"/> is the following page's URL, absent on the last.</summary>
public sealed record AchievementList(IReadOnlyList<EarnedAchievementView> Achievements, string? Next);

/// <summary>A page of a learner's learning-path progress; <paramref name="Next"/> is the following page's URL, absent on the last.</summary>
public sealed record LearningPathProgressList(IReadOnlyList<LearningPathProgressView> LearningPaths, string? Next);
