using System.Globalization;
using System.Text.Json.Nodes;
using Lrs.Application.Statements;

namespace Lrs.Application.Progress;

/// <summary>What progress needs of a stored statement, read from its JSON.</summary>
public sealed record LedgerStatement(
    Guid Id,
    DateTimeOffset Timestamp,
    string? ActorKey,
    string VerbId,
    string? ObjectId,
    string? ObjectTypeIri,
    Guid? Registration,
    IReadOnlyList<string> ParentIds,
    IReadOnlyList<string> GroupingIds,
    LedgerResult? Result,
    Guid? VoidedTarget)
{
    public const string InteractionType = "http://adlnet.gov/expapi/activities/cmi.interaction";

    public bool IsVoiding => VoidedTarget is not null;

    /// <summary>The identifier key of <c>context.instructor</c>, when the statement names one (who graded a submission).</summary>
    public string? InstructorKey { get; init; }

    /// <summary>An answer to a question: the verb answered, or an object typed cmi.interaction.</summary>
    public bool IsInteraction => VerbId == ProgressVerbs.Answered || ObjectTypeIri == InteractionType;

    /// <summary>Reads a statement as the LRS stored it (with <c>id</c> and a <c>timestamp</c> always present).</summary>
    public static LedgerStatement Parse(Guid id, string json)
    {
        var statement = JsonNode.Parse(json)!.AsObject();
        var verbId = StatementNodes.String(StatementNodes.Object(statement, "verb"), "id") ?? string.Empty;
        var actor = StatementNodes.Object(statement, "actor");
        var target = StatementNodes.Object(statement, "object");
        var objectType = target is null ? null : StatementNodes.ObjectType(target, "Activity");
        var context = StatementNodes.Object(statement, "context");
        var contextActivities = StatementNodes.Object(context, "contextActivities");
        var timestamp = StatementNodes.String(statement, "timestamp") ?? StatementNodes.String(statement, "stored");

        return new LedgerStatement(
            id,
            DateTimeOffset.Parse(timestamp!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            actor is null ? null : StatementNodes.Identity(actor)?.Key,
            verbId,
            objectType == "Activity" ? StatementNodes.String(target, "id") : null,
            objectType == "Activity" ? StatementNodes.String(StatementNodes.Object(target, "definition"), "type") : null,
            Guid.TryParse(StatementNodes.String(context, "registration"), out var registration) ? registration : null,
            Ids(contextActivities?["parent"]),
            Ids(contextActivities?["grouping"]),
            LedgerResult.Parse(StatementNodes.Object(statement, "result")),
            verbId == StatementNodes.VoidedVerb && objectType == "StatementRef" && Guid.TryParse(StatementNodes.String(target, "id"), out var voided)
                ? voided
                : null)
        {
            InstructorKey = StatementNodes.Object(context, "instructor") is { } instructor ? StatementNodes.Identity(instructor)?.Key : null,
        };
    }

    private static List<string> Ids(JsonNode? list)
    {
        var ids = new List<string>();
        for (var i = 0; i < StatementNodes.Count(list); i++)
        {
            if (StatementNodes.String(StatementNodes.At(list, i) as JsonObject, "id") is { } id)
            {
                ids.Add(id);
            }
        }

        return ids;
    }
}

/// <summary>The parts of <c>result</c> progress uses.</summary>
public sealed record LedgerResult(double? Scaled, double? Raw, double? Min, double? Max, bool? Success, bool? Completion, string? Response)
{
    public bool HasScore => Scaled is not null || Raw is not null || Min is not null || Max is not null;

    public static LedgerResult? Parse(JsonObject? result)
    {
        if (result is null)
        {
            return null;
        }

        var score = StatementNodes.Object(result, "score");
        return new LedgerResult(
            Number(score, "scaled"), Number(score, "raw"), Number(score, "min"), Number(score, "max"),
            Bool(result, "success"), Bool(result, "completion"), StatementNodes.String(result, "response"));
    }

    private static double? Number(JsonObject? owner, string name) =>
        owner?[name] is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;

    private static bool? Bool(JsonObject owner, string name) =>
        owner[name] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;
}
