using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lrs.Application.Statements;

namespace Lrs.Application.Portal;

/// <summary>
/// One line of the statement browser: who did what to what, when it was stored, the statement it voids if it is a
/// voiding statement (Data §2.3.2), and the statement as indented JSON.
/// </summary>
public sealed record StatementSummary(string Id, DateTimeOffset? Stored, string Actor, string Verb, string Object, string? Voids, string Json)
{
    private const string Voided = "http://adlnet.gov/expapi/verbs/voided";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static StatementSummary Of(JsonObject statement)
    {
        var verb = StatementNodes.Object(statement, "verb");
        var target = StatementNodes.Object(statement, "object");
        var voids = StatementNodes.String(verb, "id") == Voided ? StatementNodes.String(target, "id") : null;
        DateTimeOffset? stored = DateTimeOffset.TryParse(StatementNodes.String(statement, "stored"), CultureInfo.InvariantCulture, out var t) ? t : null;
        var what = Display(StatementNodes.Object(StatementNodes.Object(target, "definition"), "name"))
            ?? StatementNodes.String(target, "id")
            ?? (target is null ? "?" : StatementNodes.ObjectType(target, "Activity"));
        return new StatementSummary(StatementNodes.String(statement, "id") ?? string.Empty, stored, Name(StatementNodes.Object(statement, "actor")),
            Display(StatementNodes.Object(verb, "display")) ?? StatementNodes.String(verb, "id") ?? "?", what, voids, statement.ToJsonString(Indented));
    }

    private static string Name(JsonObject? actor)
    {
        if (actor is null)
        {
            return "?";
        }

        var key = StatementNodes.Identity(actor)?.Key;
        return StatementNodes.String(actor, "name") ?? (key is null ? "(group)" : LearnerKeys.Display(key));
    }

    private static string? Display(JsonObject? map) => map is null || map.Count == 0
        ? null
        : StatementNodes.String(map, "en-US") ?? StatementNodes.String(map, "en") ?? map.First().Value?.ToString();
}
