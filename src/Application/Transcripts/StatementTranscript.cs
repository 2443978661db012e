using System.Text.Json;
using Lrs.Application.Statements.Validation;
using Lrs.Domain.Xapi;

namespace Lrs.Application.Transcripts;

/// <summary>
/// Builds a transcript straight from a learner's statements: each activity the learner acted on directly is a
/// course, each registration (Data §2.4.6) an attempt at it, and the outcome comes from the ADL verbs passed,
/// failed, completed, terminated and abandoned. Activities only ever reached with a <c>parent</c> in context
/// (questions, pages) are parts of something else and get no entry of their own.
/// </summary>
public sealed class StatementTranscript(string agentKey)
{
    private const string Adl = "http://adlnet.gov/expapi/verbs/";
    private const string Passed = Adl + "passed";
    private const string Failed = Adl + "failed";
    private const string Completed = Adl + "completed";
    private const string Terminated = Adl + "terminated";
    private const string Abandoned = "https://w3id.org/xapi/adl/verbs/abandoned";
    private const string ProgressExtension = "https://w3id.org/xapi/cmi5/result/extensions/progress";

    private readonly Dictionary<string, Activity> _activities = new(StringComparer.Ordinal);
    private string? _actorName;

    /// <summary>Takes one stored statement into account; statements by others or about non-Activities are ignored.</summary>
    public void Add(string statementJson, DateTimeOffset stored)
    {
        // A read-only document: a transcript reads every statement of its learner, and building a JsonNode tree of each
        // took two to five times as long (docs/performance.md, "Transcript parsing").
        using var document = JsonDocument.Parse(statementJson);
        var statement = document.RootElement;
        if (Object(statement, "actor") is not { } actor
            || IdentityKey(actor) != agentKey
            || Object(statement, "object") is not { } target
            || (String(target, "objectType") ?? "Activity") != "Activity"
            || String(target, "id") is not { } activityId)
        {
            return;
        }

        _actorName = String(actor, "name") ?? _actorName;
        var context = Object(statement, "context");
        var at = String(statement, "timestamp") is { } t && XapiParameters.TryParseTimestamp(t, out var parsed) ? parsed : stored;
        var registration = String(context, "registration") is { } r && Guid.TryParse(r, out var g) ? g : (Guid?)null;

        if (!_activities.TryGetValue(activityId, out var activity))
        {
            _activities[activityId] = activity = new Activity(activityId);
        }

        activity.Title = Name(Object(target, "definition")) ?? activity.Title;
        activity.Standalone |= Count(Object(context, "contextActivities"), "parent") == 0;
        if (!activity.Attempts.TryGetValue(registration ?? Guid.Empty, out var attempt))
        {
            activity.Attempts[registration ?? Guid.Empty] = attempt = new Attempt(registration, at);
        }

        attempt.Add(String(Object(statement, "verb"), "id"), Outcome.Of(Object(statement, "result")), at);
    }

    /// <summary>The transcript, or null when none of the statements added was the learner's about a course.</summary>
    public Transcript? Build(string? displayName, DateTimeOffset generatedAt)
    {
        var courses = _activities.Values.Where(a => a.Standalone).Select(a => a.ToCourse())
            .OrderBy(c => c.Started).ThenBy(c => c.CourseId, StringComparer.Ordinal).ToList();
        if (courses.Count == 0)
        {
            return null;
        }

        var name = displayName ?? _actorName ?? Portal.LearnerKeys.Display(agentKey);
        return new Transcript(new TranscriptLearner(agentKey, name), generatedAt, courses);
    }

    // Data §2.4.4.1: a language map; en-US, then any English, then whatever comes first.
    private static string? Name(JsonElement? definition)
    {
        if (Object(definition, "name") is not { } map || !map.EnumerateObject().Any())
        {
            return null;
        }

        return String(map, "en-US")
            ?? map.EnumerateObject().Where(p => p.Name.StartsWith("en", StringComparison.OrdinalIgnoreCase)).Select(p => Text(p.Value)).FirstOrDefault()
            ?? Text(map.EnumerateObject().First().Value);
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null => null,
        _ => value.GetRawText(),
    };

    private static JsonElement? Object(JsonElement? owner, string name) =>
        owner is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static string? String(JsonElement? owner, string name) =>
        owner is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static double? Number(JsonElement? owner, string name) =>
        owner is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : null;

    private static bool? Boolean(JsonElement? owner, string name) =>
        owner is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : null;

    /// <summary>Entries of a property given either as one object or as an array (contextActivities).</summary>
    private static int Count(JsonElement? owner, string name) =>
        owner is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.Array => value.GetArrayLength(),
                JsonValueKind.Object => 1,
                _ => 0,
            }
            : 0;

    /// <summary>The IFI key of an Agent (<see cref="AgentIdentity.Key"/>), or null when it has none.</summary>
    private static string? IdentityKey(JsonElement agent)
    {
        AgentIdentity? identity = String(agent, "mbox") is { } mbox ? AgentIdentity.Mbox(mbox)
            : String(agent, "mbox_sha1sum") is { } sha1 ? AgentIdentity.MboxSha1Sum(sha1)
            : String(agent, "openid") is { } openId ? AgentIdentity.OpenId(openId)
            : Object(agent, "account") is var account && String(account, "homePage") is { } homePage && String(account, "name") is { } name
                ? AgentIdentity.Account(homePage, name)
                : null;
        return identity?.Key;
    }

    /// <summary>What an attempt keeps of one statement's result (Data §2.4.5).</summary>
    private sealed record Outcome(bool? Success, bool Completion, AttemptScore? Score, double? Progress)
    {
        public static Outcome? Of(JsonElement? result)
        {
            if (result is null)
            {
                return null;
            }

            var score = Object(result, "score") is { } s
                ? new AttemptScore(Number(s, "scaled"), Number(s, "raw"), Number(s, "min"), Number(s, "max"))
                : null;
            return new Outcome(Boolean(result, "success"), Boolean(result, "completion") == true, score, Number(Object(result, "extensions"), ProgressExtension));
        }
    }

    private sealed class Activity(string id)
    {
        public string Title { get; set; } = string.Empty;

        public bool Standalone { get; set; }

        public Dictionary<Guid, Attempt> Attempts { get; } = [];

        public CourseRecord ToCourse()
        {
            var attempts = Attempts.Values.OrderBy(a => a.Opened).ThenBy(a => a.Registration)
                .Select((a, i) => a.ToRecord(id, i + 1)).ToList();
            var completed = Attempts.Values.Select(a => a.CompletedAt).Where(c => c is not null).Min();
            var status = attempts.Any(a => a.Outcome == AttemptOutcomes.Passed) ? CourseStatus.Passed
                : completed is not null ? CourseStatus.Completed
                : attempts.LastOrDefault(a => a.State == AttemptState.Closed)?.Outcome == AttemptOutcomes.Failed ? CourseStatus.Failed
                : CourseStatus.InProgress;
            var progress = Attempts.Values.Select(a => a.Progress).Where(p => p is not null).Max();
            double? percent = completed is not null ? 100 : progress is { } p ? Math.Clamp(p, 0, 100) : null;
            IReadOnlyList<CompletionRecord> completions = completed is { } c ? [new CompletionRecord(id, c)] : [];
            return new CourseRecord(id, Title.Length > 0 ? Title : id, status, percent, attempts.Min(a => a.Opened), completed, attempts, completions);
        }
    }

    private sealed class Attempt(Guid? registration, DateTimeOffset opened)
    {
        private (DateTimeOffset At, bool Passed, Outcome? Result)? _verdict;
        private (DateTimeOffset At, string Outcome)? _end;
        private (DateTimeOffset At, AttemptScore Score)? _score;

        public Guid? Registration { get; } = registration;

        public DateTimeOffset Opened { get; private set; } = opened;

        public DateTimeOffset? CompletedAt { get; private set; }

        public double? Progress { get; private set; }

        public void Add(string? verb, Outcome? result, DateTimeOffset at)
        {
            Opened = at < Opened ? at : Opened;
            if (verb is Passed or Completed || result?.Completion == true)
            {
                CompletedAt = CompletedAt is { } c && c <= at ? c : at;
            }

            if (verb is Passed or Failed && (_verdict is null || at >= _verdict.Value.At))
            {
                _verdict = (at, verb == Passed, result);
            }

            var outcome = verb switch
            {
                Passed => AttemptOutcomes.Passed,
                Failed => AttemptOutcomes.Failed,
                Completed => AttemptOutcomes.Completed,
                Terminated => AttemptOutcomes.Terminated,
                Abandoned => AttemptOutcomes.Abandoned,
                _ => null,
            };
            if (outcome is not null && (_end is null || at >= _end.Value.At))
            {
                _end = (at, outcome);
            }

            if (result?.Score is { } score && (_score is null || at >= _score.Value.At))
            {
                _score = (at, score);
            }

            if (result?.Progress is { } progress)
            {
                Progress = progress;
            }
        }

        public AttemptRecord ToRecord(string activityId, int number)
        {
            // The verdict decides; otherwise completion, then how the attempt ended.
            var outcome = _verdict is { } v ? (v.Passed ? AttemptOutcomes.Passed : AttemptOutcomes.Failed)
                : CompletedAt is not null ? AttemptOutcomes.Completed
                : _end?.Outcome ?? AttemptOutcomes.InProgress;
            var score = _verdict?.Result?.Score ?? _score?.Score;
            var success = _verdict is { } w ? w.Result?.Success ?? w.Passed : (bool?)null;
            var closed = _end?.At;
            return new AttemptRecord(activityId, number, Registration, Opened, closed,
                closed is null ? AttemptState.Open : AttemptState.Closed, outcome, score, success);
        }
    }
}
