using System.Text.Json;
using Lrs.Application.Statements.Validation;
using Lrs.Domain.Xapi;

namespace Lrs.Application.Transcripts;

/// <summary>
/// What a transcript needs of one stored statement whose actor is an Agent (or identified Group) and whose object is an
/// Activity: the learner, the activity and registration it counts for, when it happened and what it reported.
/// </summary>
public sealed record TranscriptStatement(
    string LearnerKey,
    string? ActorName,
    string ActivityId,
    Guid? Registration,
    DateTimeOffset At,
    string? Title,
    bool Standalone,
    string? VerbId,
    TranscriptOutcome? Outcome)
{
    /// <summary>
    /// Reads a stored statement; null when its actor has no identifier or its object is not an Activity. The time is the
    /// statement's <c>timestamp</c>, else <paramref name="stored"/>.
    /// </summary>
    public static TranscriptStatement? Read(string statementJson, DateTimeOffset stored)
    {
        // A read-only document: a transcript reads every statement of its learner, and building a JsonNode tree of each
        // took two to five times as long (docs/performance.md, "Transcript parsing").
        using var document = JsonDocument.Parse(statementJson);
        var statement = document.RootElement;
        if (Object(statement, "actor") is not { } actor
            || IdentityKey(actor) is not { } learner
            || Object(statement, "object") is not { } target
            || (String(target, "objectType") ?? "Activity") != "Activity"
            || String(target, "id") is not { } activityId)
        {
            return null;
        }

        var context = Object(statement, "context");
        var at = String(statement, "timestamp") is { } t && XapiParameters.TryParseTimestamp(t, out var parsed) ? parsed : stored;
        var registration = String(context, "registration") is { } r && Guid.TryParse(r, out var g) ? g : (Guid?)null;
        return new TranscriptStatement(learner, String(actor, "name"), activityId, registration, at, Name(Object(target, "definition")),
            Count(Object(context, "contextActivities"), "parent") == 0, String(Object(statement, "verb"), "id"),
            TranscriptOutcome.Of(Object(statement, "result")));
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

    internal static JsonElement? Object(JsonElement? owner, string name) =>
        owner is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static string? String(JsonElement? owner, string name) =>
        owner is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    internal static double? Number(JsonElement? owner, string name) =>
        owner is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : null;

    internal static bool? Boolean(JsonElement? owner, string name) =>
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
}

/// <summary>What an attempt keeps of one statement's result (Data §2.4.5).</summary>
public sealed record TranscriptOutcome(bool? Success, bool Completion, AttemptScore? Score, double? Progress)
{
    private const string ProgressExtension = "https://w3id.org/xapi/cmi5/result/extensions/progress";

    internal static TranscriptOutcome? Of(JsonElement? result)
    {
        if (result is null)
        {
            return null;
        }

        var score = TranscriptStatement.Object(result, "score") is { } s
            ? new AttemptScore(TranscriptStatement.Number(s, "scaled"), TranscriptStatement.Number(s, "raw"),
                TranscriptStatement.Number(s, "min"), TranscriptStatement.Number(s, "max"))
            : null;
        return new TranscriptOutcome(TranscriptStatement.Boolean(result, "success"), TranscriptStatement.Boolean(result, "completion") == true, score,
            TranscriptStatement.Number(TranscriptStatement.Object(result, "extensions"), ProgressExtension));
    }
}

/// <summary>
/// One learner's statements about one activity in one registration, folded in ledger order: everything a transcript
/// shows of that attempt, plus the activity's title and the learner's name as the latest of these statements gave them.
/// Stored as a row by the transcript projection (docs/decisions/0018); every property can be set to restore a stored row.
/// </summary>
public sealed class TranscriptKey(string activityId, Guid? registration, DateTimeOffset opened)
{
    private const string Adl = "http://adlnet.gov/expapi/verbs/";
    private const string Passed = Adl + "passed";
    private const string Failed = Adl + "failed";
    private const string Completed = Adl + "completed";
    private const string Terminated = Adl + "terminated";
    private const string Abandoned = "https://w3id.org/xapi/adl/verbs/abandoned";

    public string ActivityId { get; } = activityId;

    public Guid? Registration { get; } = registration;

    public DateTimeOffset Opened { get; set; } = opened;

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The latest passed or failed statement: when, which, and its result's success and score.</summary>
    public DateTimeOffset? VerdictAt { get; set; }

    public bool VerdictPassed { get; set; }

    public bool? VerdictSuccess { get; set; }

    public AttemptScore? VerdictScore { get; set; }

    /// <summary>The latest statement that ended the attempt one way or another, and its outcome (<see cref="AttemptOutcomes"/>).</summary>
    public DateTimeOffset? EndAt { get; set; }

    public string? EndOutcome { get; set; }

    /// <summary>The latest score reported by any statement.</summary>
    public DateTimeOffset? ScoreAt { get; set; }

    public AttemptScore? Score { get; set; }

    public double? Progress { get; set; }

    /// <summary>Whether any of the statements had no context parent.</summary>
    public bool Standalone { get; set; }

    /// <summary>The activity's name in the last statement (by ledger position) that gave one.</summary>
    public string? Title { get; set; }

    public long TitleSeq { get; set; }

    /// <summary>The actor's name in the last statement (by ledger position) that gave one.</summary>
    public string? ActorName { get; set; }

    public long ActorNameSeq { get; set; }

    /// <summary>Folds in the statement at ledger position <paramref name="seq"/>, which follows every statement folded before.</summary>
    public void Add(TranscriptStatement statement, long seq)
    {
        var at = statement.At;
        var verb = statement.VerbId;
        var result = statement.Outcome;
        Standalone |= statement.Standalone;
        if (statement.Title is not null)
        {
            (Title, TitleSeq) = (statement.Title, seq);
        }

        if (statement.ActorName is not null)
        {
            (ActorName, ActorNameSeq) = (statement.ActorName, seq);
        }

        Opened = at < Opened ? at : Opened;
        if (verb is Passed or Completed || result?.Completion == true)
        {
            CompletedAt = CompletedAt is { } c && c <= at ? c : at;
        }

        if (verb is Passed or Failed && (VerdictAt is null || at >= VerdictAt))
        {
            (VerdictAt, VerdictPassed, VerdictSuccess, VerdictScore) = (at, verb == Passed, result?.Success, result?.Score);
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
        if (outcome is not null && (EndAt is null || at >= EndAt))
        {
            (EndAt, EndOutcome) = (at, outcome);
        }

        if (result?.Score is { } score && (ScoreAt is null || at >= ScoreAt))
        {
            (ScoreAt, Score) = (at, score);
        }

        if (result?.Progress is { } progress)
        {
            Progress = progress;
        }
    }

    /// <summary>The attempt as the transcript shows it, numbered <paramref name="number"/>.</summary>
    public AttemptRecord ToRecord(int number)
    {
        // The verdict decides; otherwise completion, then how the attempt ended.
        var outcome = VerdictAt is not null ? (VerdictPassed ? AttemptOutcomes.Passed : AttemptOutcomes.Failed)
            : CompletedAt is not null ? AttemptOutcomes.Completed
            : EndOutcome ?? AttemptOutcomes.InProgress;
        var score = VerdictScore ?? Score;
        var success = VerdictAt is not null ? VerdictSuccess ?? VerdictPassed : (bool?)null;
        return new AttemptRecord(ActivityId, number, Registration, Opened, EndAt,
            EndAt is null ? AttemptState.Open : AttemptState.Closed, outcome, score, success);
    }
}
