using System.Globalization;
using System.Text.Json.Nodes;
using Lrs.Application.Progress;
using Lrs.Application.Statements;

namespace Lrs.Application.Demo;

/// <summary>The verbs demo statements use beyond those of <see cref="ProgressVerbs"/>.</summary>
public static class DemoVerbs
{
    public const string Progressed = "http://adlnet.gov/expapi/verbs/progressed";
    public const string Voided = "http://adlnet.gov/expapi/verbs/voided";

    /// <summary>A learner hands in an assignment; the demo's submissions also carry <c>result.completion</c> true.</summary>
    public const string AssignmentSubmitted = ProgressVerbs.Submitted;

    /// <summary>An instructor grades a submission.</summary>
    public const string Scored = ProgressVerbs.Scored;
}

/// <summary>A demo statement with its (deterministic) id and timestamp, ready to be recorded.</summary>
public sealed record DemoStatement(Guid Id, DateTimeOffset Timestamp, JsonObject Json);

/// <summary>
/// Writes the statements of one learner's enrollment in one course, cmi5-style: every statement carries the enrollment's
/// registration, the course as grouping activity, the module (or, for an answer, the quiz) as parent, and the session id.
/// </summary>
public sealed class DemoStatements(Random random, DemoCourse course, DemoLearner learner, Guid registration)
{
    public const string SessionIdExtension = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";
    public const string ProgressExtension = "https://w3id.org/xapi/cmi5/result/extensions/progress";
    public const string Platform = "Northwind Learning";

    private static readonly Dictionary<string, string> VerbNames = new(StringComparer.Ordinal)
    {
        [ProgressVerbs.Launched] = "launched",
        [ProgressVerbs.Initialized] = "initialized",
        [ProgressVerbs.Answered] = "answered",
        [ProgressVerbs.Completed] = "completed",
        [ProgressVerbs.Passed] = "passed",
        [ProgressVerbs.Failed] = "failed",
        [ProgressVerbs.Terminated] = "terminated",
        [ProgressVerbs.Abandoned] = "abandoned",
        [DemoVerbs.Progressed] = "progressed",
        [DemoVerbs.Scored] = "scored",
        [DemoVerbs.Voided] = "voided",
        [DemoVerbs.AssignmentSubmitted] = "submitted",
    };

    public List<DemoStatement> Written { get; } = [];

    /// <summary>A new id from the demo's random sequence (a version 4 UUID), so every run writes the same ids.</summary>
    public static Guid NewId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 (Guid's byte order puts the version in byte 7)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }

    public Guid NewSession() => NewId(random);

    public JsonObject Activity(string id, string name, string type) => new()
    {
        ["objectType"] = "Activity",
        ["id"] = id,
        ["definition"] = new JsonObject { ["name"] = new JsonObject { ["en-US"] = name }, ["type"] = type },
    };

    public JsonObject Question(DemoQuiz quiz, DemoQuestion question) => new()
    {
        ["objectType"] = "Activity",
        ["id"] = course.QuestionActivityId(quiz, question),
        ["definition"] = question.Definition(),
    };

    /// <summary>Writes one statement by the learner and returns it.</summary>
    public DemoStatement Add(string verb, JsonObject target, string parentId, Guid session, DateTimeOffset at, JsonObject? result = null,
        JsonObject? instructor = null)
    {
        at = Millisecond(at);
        var context = new JsonObject
        {
            ["registration"] = registration.ToString(),
            ["contextActivities"] = new JsonObject
            {
                ["parent"] = new JsonArray(new JsonObject { ["objectType"] = "Activity", ["id"] = parentId }),
                ["grouping"] = new JsonArray(Activity(course.ActivityId, course.Title, "http://adlnet.gov/expapi/activities/course")),
            },
            ["platform"] = Platform,
            ["language"] = "en-GB",
            ["extensions"] = new JsonObject { [SessionIdExtension] = session.ToString() },
        };
        if (instructor is not null)
        {
            context["instructor"] = instructor;
        }

        var statement = new JsonObject
        {
            ["id"] = NewId(random).ToString(),
            ["actor"] = learner.Agent(),
            ["verb"] = Verb(verb),
            ["object"] = target.DeepClone(),
        };
        if (result is not null)
        {
            statement["result"] = result;
        }

        statement["context"] = context;
        statement["timestamp"] = StatementJson.FormatTimestamp(at);
        var written = new DemoStatement(Guid.Parse(statement["id"]!.GetValue<string>()), at, statement);
        Written.Add(written);
        return written;
    }

    /// <summary>Voids <paramref name="target"/> (Data §2.3.2), as the learning administrator correcting a faulty record.</summary>
    public void Void(DemoStatement target, JsonObject administrator, DateTimeOffset at)
    {
        at = Millisecond(at);
        var statement = new JsonObject
        {
            ["id"] = NewId(random).ToString(),
            ["actor"] = administrator,
            ["verb"] = Verb(DemoVerbs.Voided),
            ["object"] = new JsonObject { ["objectType"] = "StatementRef", ["id"] = target.Id.ToString() },
            ["timestamp"] = StatementJson.FormatTimestamp(at),
        };
        Written.Add(new DemoStatement(Guid.Parse(statement["id"]!.GetValue<string>()), at, statement));
    }

    /// <summary>The precision of xAPI timestamps as the LRS writes them, so the recorded time is the one in the JSON.</summary>
    private static DateTimeOffset Millisecond(DateTimeOffset t) => DateTimeOffset.FromUnixTimeMilliseconds(t.ToUnixTimeMilliseconds());

    public static JsonObject Verb(string id) => new() { ["id"] = id, ["display"] = new JsonObject { ["en-US"] = VerbNames[id] } };

    /// <summary>An ISO 8601 duration in whole seconds, such as PT12M5S.</summary>
    public static string Duration(TimeSpan span)
    {
        var seconds = (long)Math.Max(1, Math.Round(span.TotalSeconds));
        var (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
        return "PT" + (h > 0 ? h.ToString(CultureInfo.InvariantCulture) + "H" : string.Empty)
            + (m > 0 ? m.ToString(CultureInfo.InvariantCulture) + "M" : string.Empty)
            + (s > 0 || (h == 0 && m == 0) ? s.ToString(CultureInfo.InvariantCulture) + "S" : string.Empty);
    }
}
