using System.Globalization;
using System.Text.Json.Nodes;
using Lrs.Application.Events.Contracts;

namespace Lrs.Application.Events.Upstream;

/// <summary>
/// The xAPI statement an upstream event becomes (README, "Consumed events"), so the ledger holds every navigation,
/// interaction and result (seed 000 §1). The statement id is derived from the message id: a message handled twice
/// yields the same statement, which the ledger stores once.
/// </summary>
public static class UpstreamStatements
{
    public const string Initialized = "http://adlnet.gov/expapi/verbs/initialized";
    public const string Viewed = "http://id.tincanapi.com/verb/viewed";
    public const string Terminated = "http://adlnet.gov/expapi/verbs/terminated";
    public const string Passed = "http://adlnet.gov/expapi/verbs/passed";
    public const string Failed = "http://adlnet.gov/expapi/verbs/failed";
    public const string Registered = "http://adlnet.gov/expapi/verbs/registered";
    public const string Completed = "http://adlnet.gov/expapi/verbs/completed";

    /// <summary>The statement for <paramref name="message"/>; null for events that are not statements (course updates).</summary>
    public static JsonObject? ToStatement(ITenantMessage message, Guid messageId, string userHomePage)
    {
        var id = MessageContracts.DeterministicId(MessageContracts.NameOf(message.GetType()), message.TenantId, messageId);
        return message switch
        {
            PlaySessionStarted e => Statement(id, userHomePage, e.UserId, Initialized, e.ActivityId, e.StartedAt, e.SessionId, null, e.CourseId),
            PlaySessionNavigated e => Statement(id, userHomePage, e.UserId, Viewed, e.LessonId, e.NavigatedAt, e.SessionId, e.ActivityId, e.CourseId),
            PlaySessionCompleted e => Statement(id, userHomePage, e.UserId, Terminated, e.ActivityId, e.CompletedAt, e.SessionId, null, e.CourseId,
                e.DurationSeconds is { } seconds ? new JsonObject { ["duration"] = Duration(seconds) } : null),
            AttemptResultScored e => Statement(id, userHomePage, e.UserId, e.Passed ? Passed : Failed, e.ActivityId, e.ScoredAt, e.SessionId, null, e.CourseId,
                Scored(e)),
            UserEnrolled e => Statement(id, userHomePage, e.UserId, Registered, e.CourseId, e.EnrolledAt, e.Id, null, null),
            LessonCompleted e => Statement(id, userHomePage, e.UserId, Completed, e.LessonId, e.CompletedAt, null, null, e.CourseId,
                new JsonObject { ["completion"] = true }),
            _ => null,
        };
    }

    private static JsonObject Scored(AttemptResultScored e)
    {
        var min = e.ScoreMin ?? 0;
        var score = new JsonObject { ["raw"] = e.ScoreRaw, ["min"] = min, ["max"] = e.ScoreMax };
        if (e.ScoreMax > min)
        {
            score["scaled"] = Math.Round((e.ScoreRaw - min) / (e.ScoreMax - min), 6);
        }

        return new JsonObject { ["score"] = score, ["success"] = e.Passed, ["completion"] = true };
    }

    private static JsonObject Statement(
        Guid id, string homePage, string userId, string verb, string activityId, DateTimeOffset timestamp, Guid? registration,
        string? parentId, string? courseId, JsonObject? result = null)
    {
        var context = new JsonObject();
        if (registration is { } r)
        {
            context["registration"] = r.ToString("D");
        }

        var activities = new JsonObject();
        if (parentId is not null)
        {
            activities["parent"] = new JsonArray(Activity(parentId));
        }

        if (courseId is not null && courseId != activityId)
        {
            activities["grouping"] = new JsonArray(Activity(courseId));
        }

        if (activities.Count > 0)
        {
            context["contextActivities"] = activities;
        }

        var statement = new JsonObject
        {
            ["id"] = id.ToString("D"),
            ["actor"] = new JsonObject { ["objectType"] = "Agent", ["account"] = new JsonObject { ["homePage"] = homePage, ["name"] = userId } },
            ["verb"] = new JsonObject { ["id"] = verb },
            ["object"] = Activity(activityId),
            ["timestamp"] = timestamp.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        };
        if (result is not null)
        {
            statement["result"] = result;
        }

        if (context.Count > 0)
        {
            statement["context"] = context;
        }

        return statement;
    }

    private static JsonObject Activity(string id) => new() { ["objectType"] = "Activity", ["id"] = id };

    private static string Duration(double seconds) =>
        "PT" + Math.Round(Math.Max(0, seconds), 2).ToString("0.##", CultureInfo.InvariantCulture) + "S";
}
