using Lrs.Api.Xapi;
using Lrs.Application.Common;
using Lrs.Application.Courses;

namespace Lrs.Api.Internal;

/// <summary>Courses of the caller's tenant: create or replace, read, list a page, import a cmi5 course structure.</summary>
public static class CoursesEndpoints
{
    public static void MapCourses(this RouteGroupBuilder api)
    {
        var courses = api.MapGroup("/courses").WithTags("Courses");

        courses.MapPut("/{id}", PutAsync)
            .WithName("PutCourse")
            .WithSummary("Create or replace a course")
            .WithDescription("Stores the course under the id in the URL (an absolute IRI, percent-encoded, or a slug). "
                + "201 when created, 200 when replaced; 400 names the property at fault.")
            .AddOpenApiOperationTransformer(InternalApi.RequestBody(typeof(CourseDocument), "application/json"))
            .Produces<CourseDocument>(StatusCodes.Status201Created)
            .Produces<CourseDocument>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        courses.MapGet("/{id}", GetAsync)
            .WithName("GetCourse")
            .WithSummary("Read a course")
            .Produces<CourseDocument>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        courses.MapGet("/", ListAsync)
            .WithName("ListCourses")
            .WithSummary("List courses, one page at a time")
            .WithDescription($"Courses ordered by id. limit: 1 to {ListCoursesHandler.MaxLimit} (default {ListCoursesHandler.DefaultLimit}); "
                + "follow 'next' for the following page; it is absent on the last.")
            .Produces<CourseList>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        courses.MapPost("/import/cmi5", ImportAsync)
            .WithName("ImportCmi5Course")
            .WithSummary("Create or replace a course from a cmi5 course structure")
            .WithDescription("Takes cmi5 course structure XML (cmi5 §13), validated against CourseStructure.xsd. Each block with AUs "
                + "becomes a module (AUs directly under the course form a module named after it), each AU a lesson.")
            .AddOpenApiOperationTransformer(InternalApi.RequestBody(typeof(string), "application/xml", "text/xml"))
            .Produces<CourseDocument>(StatusCodes.Status201Created)
            .Produces<CourseDocument>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> PutAsync(string id, HttpContext http, SaveCourseHandler handler)
    {
        if (!InternalApi.HasMediaType(http.Request, "application/json"))
        {
            return XapiProblem.Result(StatusCodes.Status415UnsupportedMediaType, "A course is sent as application/json.");
        }

        var caller = XapiAuthenticationFilter.Caller(http);
        var body = await InternalApi.ReadBodyAsync(http.Request, http.RequestAborted);
        return Saved(await handler.HandleAsync(new SaveCourse(caller.TenantId, CourseId(id), body), http.RequestAborted));
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, GetCourseHandler handler)
    {
        var caller = XapiAuthenticationFilter.Caller(http);
        var course = await handler.HandleAsync(new GetCourse(caller.TenantId, CourseId(id)), http.RequestAborted);
        return course is null
            ? XapiProblem.Result(StatusCodes.Status404NotFound, $"There is no course '{CourseId(id)}'.")
            : TypedResults.Json(course, CourseDocument.Json);
    }

    private static async Task<IResult> ListAsync(HttpContext http, ListCoursesHandler handler, string? cursor = null, string? limit = null)
    {
        int? size = null;
        if (limit is not null)
        {
            if (!int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
            {
                return XapiProblem.Result(StatusCodes.Status400BadRequest, $"limit must be a whole number between 1 and {ListCoursesHandler.MaxLimit}.");
            }

            size = parsed;
        }

        var caller = XapiAuthenticationFilter.Caller(http);
        var page = await handler.HandleAsync(new ListCourses(caller.TenantId, cursor, size), http.RequestAborted);
        if (!page.IsSuccess)
        {
            return Problem(page.Error!);
        }

        var next = page.Value!.Next is { } c
            ? $"{InternalApi.Prefix}/courses?cursor={Uri.EscapeDataString(c)}" + (size is null ? string.Empty : $"&limit={size}")
            : null;
        return TypedResults.Json(new CourseList(page.Value.Courses, next), CourseDocument.Json);
    }

    private static async Task<IResult> ImportAsync(HttpContext http, ImportCmi5CourseHandler handler)
    {
        if (!InternalApi.HasMediaType(http.Request, "application/xml", "text/xml"))
        {
            return XapiProblem.Result(StatusCodes.Status415UnsupportedMediaType, "A cmi5 course structure is sent as application/xml or text/xml.");
        }

        var caller = XapiAuthenticationFilter.Caller(http);
        var xml = await InternalApi.ReadBodyAsync(http.Request, http.RequestAborted);
        return Saved(await handler.HandleAsync(new ImportCmi5Course(caller.TenantId, xml), http.RequestAborted));
    }

    private static IResult Saved(XapiResult<SavedCourse> result)
    {
        if (!result.IsSuccess)
        {
            return Problem(result.Error!);
        }

        var saved = result.Value!;
        var json = TypedResults.Json(saved.Course, CourseDocument.Json, statusCode: saved.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
        return saved.Created ? new WithLocation(json, $"{InternalApi.Prefix}/courses/{Uri.EscapeDataString(saved.Course.Id!)}") : json;
    }

    private static IResult Problem(XapiError error) => XapiProblem.Result(error.Status, error.Message);

    // Route values keep "%2F" encoded; an IRI id sent percent-encoded in one segment arrives whole this way.
    private static string CourseId(string routeValue) =>
        routeValue.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    private sealed class WithLocation(IResult inner, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return inner.ExecuteAsync(httpContext);
        }
    }
}

/// <summary>A page of courses; <paramref name="Next"/> is the link to the following page, absent on the last.</summary>
/// <param name="Courses">The courses of this page, ordered by id.</param>
/// <param name="Next">The following page's URL, relative to the server.</param>
public sealed record CourseList(IReadOnlyList<CourseDocument> Courses, string? Next);
