using System.Text.Json.Nodes;

namespace Lrs.Application.Statements.Validation;

/// <summary>
/// Validates statements as received by the LRS against xAPI 1.0.3 Data §2.2–§2.4 in one walk of the JSON tree.
/// Unknown properties are rejected at every level (the SHOULD* of Data §2.2).
/// </summary>
public static class StatementValidator
{
    public const string VoidedVerb = "http://adlnet.gov/expapi/verbs/voided";

    private static readonly string[] StatementKeys =
        ["id", "actor", "verb", "object", "result", "context", "timestamp", "stored", "authority", "version", "attachments"];

    private static readonly string[] VerbKeys = ["id", "display"];

    /// <summary>Validates one statement; an empty list means it is valid.</summary>
    public static IReadOnlyList<ValidationError> Validate(JsonNode? statement, string path = "statement")
    {
        var errors = new ErrorList();
        ValidateStatement(errors, path, statement, isSubStatement: false);
        return errors.ToReadOnly();
    }

    /// <summary>
    /// Validates a POST body: one statement object or an array of them (paths <c>statements[i]...</c>).
    /// Two statements in one batch with the same id are refused (Communication §2.1.2, SHOULD*).
    /// </summary>
    public static IReadOnlyList<ValidationError> ValidateBatch(JsonNode? body)
    {
        if (body is JsonObject)
        {
            return Validate(body);
        }

        var errors = new ErrorList();
        if (body is not JsonArray statements)
        {
            errors.Add("statements", Values.Expected("a statement object or an array of statements", body));
            return errors.ToReadOnly();
        }

        Dictionary<Guid, int>? ids = null;
        for (var i = 0; i < statements.Count; i++)
        {
            var path = $"statements[{i}]";
            var before = errors.Count;
            ValidateStatement(errors, path, statements[i], isSubStatement: false);
            if (errors.Count == before && statements[i]!["id"] is { } idNode && Guid.TryParse(idNode.GetValue<string>(), out var id))
            {
                ids ??= [];
                if (!ids.TryAdd(id, i))
                {
                    errors.Add(path + ".id", $"duplicates the id of statements[{ids[id]}]; ids must be unique within a batch");
                }
            }
        }

        return errors.ToReadOnly();
    }

    /// <summary>A statement, or a SubStatement which must not carry id, stored, version or authority (Data §2.4.4.3).</summary>
    internal static void ValidateStatement(ErrorList errors, string path, JsonNode? node, bool isSubStatement)
    {
        if (Values.Object(errors, path, node, isSubStatement ? "a SubStatement object" : "a statement object") is not { } statement)
        {
            return;
        }

        JsonNode? actor = null, verb = null, target = null, context = null;
        bool hasActor = false, hasVerb = false, hasObject = false, hasContext = false;
        foreach (var (key, value) in statement)
        {
            switch (key)
            {
                case "id" or "stored" or "version" or "authority" when isSubStatement:
                    errors.Add(path + "." + key, "must not be used in a SubStatement");
                    break;
                case "objectType" when isSubStatement:
                    break;
                case "id":
                    Values.Uuid(errors, path, "id", value);
                    break;
                case "actor":
                    (hasActor, actor) = (true, value);
                    break;
                case "verb":
                    (hasVerb, verb) = (true, value);
                    break;
                case "object":
                    (hasObject, target) = (true, value);
                    break;
                case "context":
                    (hasContext, context) = (true, value);
                    break;
                case "result":
                    ResultRules.Validate(errors, path + ".result", value);
                    break;
                case "timestamp" or "stored":
                    Values.Timestamp(errors, path, key, value);
                    break;
                case "authority":
                    ActorRules.Validate(errors, path + ".authority", value, ActorUse.Authority);
                    break;
                case "version":
                    if (Values.String(errors, path, "version", value) is { } version && !Formats.IsVersion(version))
                    {
                        errors.Add(path + ".version", "must be 1.0 or start with 1.0. (for example 1.0.0)");
                    }

                    break;
                case "attachments":
                    AttachmentRules.Validate(errors, path + ".attachments", value);
                    break;
                default:
                    Values.NotAllowed(errors, path, key, isSubStatement ? "a SubStatement" : "a Statement", StatementKeys);
                    break;
            }
        }

        Values.Required(errors, path, "actor", hasActor);
        Values.Required(errors, path, "verb", hasVerb);
        Values.Required(errors, path, "object", hasObject);
        if (hasActor)
        {
            ActorRules.Validate(errors, path + ".actor", actor, ActorUse.Actor);
        }

        var verbId = hasVerb ? Verb(errors, path + ".verb", verb) : null;
        var objectKind = hasObject ? ObjectRules.Validate(errors, path + ".object", target, isSubStatement) : ObjectKind.Invalid;
        if (hasContext)
        {
            ContextRules.Validate(errors, path + ".context", context, objectKind);
        }

        if (!isSubStatement && verbId == VoidedVerb && hasObject && objectKind is not (ObjectKind.StatementRef or ObjectKind.Invalid))
        {
            errors.Add(path + ".object", "must be a StatementRef (objectType \"StatementRef\" with the id of the statement to void) when the verb is voided");
        }
    }

    /// <summary>A Verb (Data §2.4.3): an IRI id and an optional display language map. Returns the id.</summary>
    private static string? Verb(ErrorList errors, string path, JsonNode? node)
    {
        if (Values.Object(errors, path, node, "a verb object") is not { } verb)
        {
            return null;
        }

        string? id = null;
        var hasId = false;
        foreach (var (key, value) in verb)
        {
            switch (key)
            {
                case "id":
                    hasId = true;
                    id = Values.Iri(errors, path, "id", value);
                    break;
                case "display":
                    Values.LanguageMap(errors, path, "display", value);
                    break;
                default:
                    Values.NotAllowed(errors, path, key, "a Verb", VerbKeys);
                    break;
            }
        }

        Values.Required(errors, path, "id", hasId);
        return id;
    }
}
