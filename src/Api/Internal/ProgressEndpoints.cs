using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lrs.Api.Xapi;
using Lrs.Application.Common;
using Lrs.Application.Progress;
using Lrs.Domain.Progress;

namespace Lrs.Api.Internal;

/// <summary>A learner's projected progress, one page at a time: attempts, completion records and pass/fail records.</summary>
public static class ProgressEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly string Paging = $"The learner is 'agent', an xAPI Agent as JSON. limit: 1 to {LearnerProgressPaging.MaxLimit} "
        + $"(default {LearnerProgressPaging.DefaultLimit}); follow 'next' for the following page; it is absent on the last.";

    public static void MapProgress(this RouteGroupBuilder api)
    {
        var progress = api.MapGroup(string.Empty).WithTags("Progress");

        progress.MapGet("/attempts", AttemptsAsync)
            .WithName("ListAttempts")
            .WithSummary("List a learner's attempts, one page at a time")
            .WithDescription("Attempts ordered by activity, registration and number; 'activity' narrows them to one activity. " + Paging)
            .Produces<AttemptList>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        progress.MapGet("/completions", CompletionsAsync)
            .WithName("ListCompletions")
            .WithSummary("List a learner's completion records, one page at a time")
            .WithDescription("Completion records ordered by activity and registration. " + Paging)
            .Produces<CompletionList>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        progress.MapGet("/pass-fail", PassFailAsync)
            .WithName("ListPassFail")
            .WithSummary("List a learner's pass/fail records, one page at a time")
            .WithDescription("Pass/fail records ordered by activity and registration. " + Paging)
            .Produces<PassFailList>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static Task<IResult> AttemptsAsync(HttpContext http, ListAttemptsHandler handler,
        string? agent = null, string? activity = null, string? cursor = null, string? limit = null) =>
        ListAsync(http, "attempts", agent, activity, cursor, limit, handler.HandleAsync,
            (items, next) => new AttemptList([.. items.Select(AttemptItem.From)], next));

    private static Task<IResult> CompletionsAsync(HttpContext http, ListCompletionsHandler handler,
        string? agent = null, string? cursor = null, string? limit = null) =>
        ListAsync(http, "completions", agent, null, cursor, limit, handler.HandleAsync,
            (items, next) => new CompletionList([.. items.Select(c => new CompletionItem(c.ActivityId, c.Registration, c.CompletedAt, c.StatementId))], next));

    private static Task<IResult> PassFailAsync(HttpContext http, ListPassFailHandler handler,
        string? agent = null, string? cursor = null, string? limit = null) =>
        ListAsync(http, "pass-fail", agent, null, cursor, limit, handler.HandleAsync,
            (items, next) => new PassFailList([.. items.Select(p => new PassFailItem(p.ActivityId, p.Registration, p.Outcome, p.DecidedAt, p.StatementId))], next));

    private static async Task<IResult> ListAsync<T, TList>(HttpContext http, string path, string? agent, string? activity, string? cursor, string? limit,
        Func<ListLearnerProgress, CancellationToken, Task<XapiResult<ProgressPage<T>>>> handle, Func<IReadOnlyList<T>, string?, TList> list)
    {
        int? size = null;
        if (limit is not null)
        {
            if (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return XapiProblem.Result(StatusCodes.Status400BadRequest, $"limit must be a whole number between 1 and {LearnerProgressPaging.MaxLimit}.");
            }

            size = parsed;
        }

        var caller = XapiAuthenticationFilter.Caller(http);
        var page = await handle(new ListLearnerProgress(caller.TenantId, agent, activity, cursor, size), http.RequestAborted);
        if (!page.IsSuccess)
        {
            return XapiProblem.Result(page.Error!.Status, page.Error.Message);
        }

        var next = page.Value!.Next is { } c
            ? $"{InternalApi.Prefix}/{path}?agent={Uri.EscapeDataString(agent!)}"
                + (activity is null ? string.Empty : $"&activity={Uri.EscapeDataString(activity)}")
                + $"&cursor={Uri.EscapeDataString(c)}"
                + (size is null ? string.Empty : $"&limit={size}")
            : null;
        return TypedResults.Json(list(page.Value.Items, next), Json);
    }
}

/// <summary>A score as the content reported it.</summary>
public sealed record ScoreItem(double? Scaled, double? Raw, double? Min, double? Max);

/// <summary>One attempt of the learner at an activity within a registration.</summary>
/// <param name="Activity">The attempted activity's IRI.</param>
/// <param name="Registration">The registration, absent when the statements had none.</param>
/// <param name="Number">1 for the first attempt, counting up.</param>
/// <param name="Course">The course the statements named (cmi5 grouping), if any.</param>
/// <param name="State">open or closed.</param>
/// <param name="Outcome">What the grading rule decided.</param>
/// <param name="Score">The reported score, absent when none was reported.</param>
/// <param name="Success">The reported success.</param>
/// <param name="Completion">The reported completion.</param>
/// <param name="OpenedAt">When the attempt began.</param>
/// <param name="ClosedAt">When it ended, absent while open.</param>
/// <param name="DecidedBy">The id of the statement that decided the outcome.</param>
/// <param name="DecidedAt">That statement's timestamp.</param>
public sealed record AttemptItem(string Activity, Guid? Registration, int Number, string? Course, AttemptState State, AttemptOutcome Outcome,
    ScoreItem? Score, bool? Success, bool? Completion, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt, Guid? DecidedBy, DateTimeOffset? DecidedAt)
{
    public static AttemptItem From(AttemptView a) => new(a.ActivityId, a.Registration, a.Number, a.CourseId, a.State, a.Outcome,
        a.ScoreScaled is null && a.ScoreRaw is null && a.ScoreMin is null && a.ScoreMax is null ? null : new ScoreItem(a.ScoreScaled, a.ScoreRaw, a.ScoreMin, a.ScoreMax),
        a.Success, a.Completion, a.OpenedAt, a.ClosedAt, a.DecidedBy, a.DecidedAt);
}

/// <summary>The learner's completion of an activity within a registration: the earliest qualifying statement.</summary>
public sealed record CompletionItem(string Activity, Guid? Registration, DateTimeOffset CompletedAt, Guid StatementId);

/// <summary>The learner's pass or failure at an activity within a registration.</summary>
public sealed record PassFailItem(string Activity, Guid? Registration, AttemptOutcome Outcome, DateTimeOffset DecidedAt, Guid StatementId);

/// <summary>A page of attempts; <paramref name="Next"/> links to the following page, absent on the last.</summary>
public sealed record AttemptList(IReadOnlyList<AttemptItem> Attempts, string? Next);

/// <summary>A page of completion records; <paramref name="Next"/> links to the following page, absent on the last.</summary>
public sealed record CompletionList(IReadOnlyList<CompletionItem> Completions, string? Next);

/// <summary>A page of pass/fail records; <paramref name="Next"/> links to the following page, absent on the last.</summary>
public sealed record PassFailList(IReadOnlyList<PassFailItem> PassFail, string? Next);
