using System.Globalization;
using System.Text.Json.Nodes;
using Lrs.Application.Progress;

namespace Lrs.Application.Tests.Progress;

/// <summary>Builds cmi5-like statements as the LRS stores them.</summary>
public sealed class Cmi5(string au = "http://example.com/course/au1", Guid? registration = null, string learner = "mailto:ann@example.com")
{
    public const string Course = "http://example.com/course";

    public static readonly DateTimeOffset T0 = new(2024, 5, 1, 9, 0, 0, TimeSpan.Zero);

    public string Au { get; } = au;

    public Guid Registration { get; } = registration ?? Guid.Parse("0190aaaa-0000-7000-8000-00000000000a");

    public string LearnerKey => "mbox:" + learner;

    public JsonObject Statement(string verb, int minute, JsonObject? result = null, string? objectId = null, string? objectType = null, Guid? id = null)
    {
        var target = new JsonObject { ["objectType"] = "Activity", ["id"] = objectId ?? Au };
        if (objectType is not null)
        {
            target["definition"] = new JsonObject { ["type"] = objectType };
        }

        var contextActivities = new JsonObject { ["grouping"] = new JsonArray(new JsonObject { ["id"] = Course }) };
        if (objectId is not null)
        {
            contextActivities["parent"] = new JsonArray(new JsonObject { ["id"] = Au });
        }

        var s = new JsonObject
        {
            ["id"] = (id ?? Guid.NewGuid()).ToString(),
            ["actor"] = new JsonObject { ["mbox"] = learner },
            ["verb"] = new JsonObject { ["id"] = verb },
            ["object"] = target,
            ["context"] = new JsonObject { ["registration"] = Registration.ToString(), ["contextActivities"] = contextActivities },
            ["timestamp"] = T0.AddMinutes(minute).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["stored"] = "2024-06-01T00:00:00.000Z",
        };
        if (result is not null)
        {
            s["result"] = result;
        }

        return s;
    }

    public JsonObject Answer(string question, int minute, bool correct, double raw = 1, string response = "a") =>
        Statement(ProgressVerbs.Answered, minute,
            new JsonObject { ["success"] = correct, ["response"] = response, ["score"] = new JsonObject { ["raw"] = correct ? raw : 0 } },
            objectId: $"{Au}/{question}", objectType: LedgerStatement.InteractionType);

    public JsonObject Passed(int minute, double scaled) =>
        Statement(ProgressVerbs.Passed, minute, new JsonObject { ["success"] = true, ["score"] = new JsonObject { ["scaled"] = scaled, ["raw"] = scaled * 100, ["min"] = 0, ["max"] = 100 } });

    public JsonObject Failed(int minute, double scaled) =>
        Statement(ProgressVerbs.Failed, minute, new JsonObject { ["success"] = false, ["score"] = new JsonObject { ["scaled"] = scaled } });

    public JsonObject Completed(int minute) => Statement(ProgressVerbs.Completed, minute, new JsonObject { ["completion"] = true });

    public static JsonObject Voiding(JsonObject target, string learner = "mailto:ann@example.com") => new()
    {
        ["id"] = Guid.NewGuid().ToString(),
        ["actor"] = new JsonObject { ["mbox"] = learner },
        ["verb"] = new JsonObject { ["id"] = "http://adlnet.gov/expapi/verbs/voided" },
        ["object"] = new JsonObject { ["objectType"] = "StatementRef", ["id"] = target["id"]!.GetValue<string>() },
        ["timestamp"] = "2024-07-01T00:00:00.000Z",
    };

    /// <summary>launched, initialized, three answers, passed, completed, terminated.</summary>
    public List<JsonObject> Session(int start, bool pass = true) =>
    [
        Statement(ProgressVerbs.Launched, start),
        Statement(ProgressVerbs.Initialized, start + 1),
        Answer("q1", start + 2, correct: true),
        Answer("q2", start + 3, correct: pass),
        Answer("q3", start + 4, correct: true),
        pass ? Passed(start + 5, 0.9) : Failed(start + 5, 0.4),
        Completed(start + 6),
        Statement(ProgressVerbs.Terminated, start + 7, new JsonObject { ["duration"] = "PT7M" }),
    ];

    public static LedgerStatement Ledger(JsonObject s) => LedgerStatement.Parse(Guid.Parse(s["id"]!.GetValue<string>()), s.ToJsonString());

    public static List<LedgerStatement> Ledger(IEnumerable<JsonObject> statements) => statements.Select(Ledger).ToList();

    public static Guid IdOf(JsonObject s) => Guid.Parse(s["id"]!.GetValue<string>());
}
