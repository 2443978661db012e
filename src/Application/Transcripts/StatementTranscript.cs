using System.Text.Json.Nodes;
using Lrs.Application.Statements;
using Lrs.Application.Statements.Validation;

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
        if (JsonNode.Parse(statementJson) is not JsonObject statement
            || StatementNodes.Object(statement, "actor") is not { } actor
            || StatementNodes.Identity(actor)?.Key != agentKey
            || StatementNodes.Object(statement, "object") is not { } target
            || StatementNodes.ObjectType(target, "Activity") != "Activity"
            || StatementNodes.String(target, "id") is not { } activityId)
        {
            return;
        }

        _actorName = StatementNodes.String(actor, "name") ?? _actorName;
        var context = StatementNodes.Object(statement, "context");
        var at = StatementNodes.String(statement, "timestamp") is { } t && XapiParameters.TryParseTimestamp(t, out var parsed) ? parsed : stored;
        var registration = StatementNodes.String(context, "registration") is { } r && Guid.TryParse(r, out var g) ? g : (Guid?)null;

        if (!_activities.TryGetValue(activityId, out var activity))
        {
            _activities[activityId] = activity = new Activity(activityId);
        }

        activity.Title = Name(StatementNodes.Object(target, "definition")) ?? activity.Title;
        activity.Standalone |= StatementNodes.Count(StatementNodes.Object(context, "contextActivities")?["parent"]) == 0;
        if (!activity.Attempts.TryGetValue(registration ?? Guid.Empty, out var attempt))
        {
            activity.Attempts[registration ?? Guid.Empty] = attempt = new Attempt(registration, at);
        }

        attempt.Add(StatementNodes.String(StatementNodes.Object(statement, "verb"), "id"), StatementNodes.Object(statement, "result"), at);
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
    private static string? Name(JsonObject? definition)
    {
        if (StatementNodes.Object(definition, "name") is not { Count: > 0 } map)
        {
            return null;
        }

        return StatementNodes.String(map, "en-US")
            ?? map.Where(kv => kv.Key.StartsWith("en", StringComparison.OrdinalIgnoreCase)).Select(kv => kv.Value?.ToString()).FirstOrDefault()
            ?? map.First().Value?.ToString();
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
        private (DateTimeOffset At, bool Passed, JsonObject? Result)? _verdict;
        private (DateTimeOffset At, string Outcome)? _end;
        private (DateTimeOffset At, JsonObject Score)? _score;

        public Guid? Registration { get; } = registration;

        public DateTimeOffset Opened { get; private set; } = opened;

        public DateTimeOffset? CompletedAt { get; private set; }

        public double? Progress { get; private set; }

        public void Add(string? verb, JsonObject? result, DateTimeOffset at)
        {
            Opened = at < Opened ? at : Opened;
            var completion = result?["completion"] is JsonValue cv && cv.TryGetValue<bool>(out var done) && done;
            if (verb is Passed or Completed || completion)
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

            if (StatementNodes.Object(result, "score") is { } score && (_score is null || at >= _score.Value.At))
            {
                _score = (at, score);
            }

            if (StatementNodes.Object(result, "extensions")?[ProgressExtension] is JsonValue pv && pv.TryGetValue<double>(out var progress))
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
            var scoreNode = StatementNodes.Object(_verdict?.Result, "score") ?? _score?.Score;
            var success = _verdict is { } w
                ? (w.Result?["success"] is JsonValue sv && sv.TryGetValue<bool>(out var s) ? s : w.Passed)
                : (bool?)null;
            var closed = _end?.At;
            return new AttemptRecord(activityId, number, Registration, Opened, closed,
                closed is null ? AttemptState.Open : AttemptState.Closed, outcome, Score(scoreNode), success);
        }

        private static AttemptScore? Score(JsonObject? score) => score is null
            ? null
            : new AttemptScore(Value(score, "scaled"), Value(score, "raw"), Value(score, "min"), Value(score, "max"));

        private static double? Value(JsonObject score, string name) =>
            score[name] is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;
    }
}
