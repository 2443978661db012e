using System.Text.Json.Nodes;

namespace Lrs.Application.Statements.Validation;

/// <summary>The statement's context (Data §2.4.6).</summary>
internal static class ContextRules
{
    private static readonly string[] ContextKeys =
        ["registration", "instructor", "team", "contextActivities", "revision", "platform", "language", "statement", "extensions"];

    private static readonly string[] ContextActivityKeys = ["parent", "grouping", "category", "other"];

    public static void Validate(ErrorList errors, string path, JsonNode? node, ObjectKind objectKind)
    {
        if (Values.Object(errors, path, node, "a context object") is not { } context)
        {
            return;
        }

        foreach (var (key, value) in context)
        {
            switch (key)
            {
                case "registration":
                    Values.Uuid(errors, path, "registration", value);
                    break;
                case "instructor":
                    ActorRules.Validate(errors, path + ".instructor", value, ActorUse.Instructor);
                    break;
                case "team":
                    ActorRules.Validate(errors, path + ".team", value, ActorUse.Team);
                    break;
                case "contextActivities":
                    ContextActivities(errors, path + ".contextActivities", value);
                    break;
                case "revision" or "platform":
                    Values.String(errors, path, key, value);
                    if (objectKind is not (ObjectKind.Activity or ObjectKind.Invalid))
                    {
                        errors.Add(path + "." + key, "must only be used when the statement's object is an Activity");
                    }

                    break;
                case "language":
                    Values.LanguageTag(errors, path, "language", value);
                    break;
                case "statement":
                    ObjectRules.StatementRef(errors, path + ".statement", value);
                    break;
                case "extensions":
                    Values.Extensions(errors, path, "extensions", value);
                    break;
                default:
                    Values.NotAllowed(errors, path, key, "a context", ContextKeys);
                    break;
            }
        }
    }

    /// <summary>Each of parent, grouping, category and other is an Activity or an array of Activities (Data §2.4.6.2).</summary>
    private static void ContextActivities(ErrorList errors, string path, JsonNode? node)
    {
        if (Values.Object(errors, path, node, "a contextActivities object") is not { } map)
        {
            return;
        }

        foreach (var (key, value) in map)
        {
            if (Array.IndexOf(ContextActivityKeys, key) < 0)
            {
                Values.NotAllowed(errors, path, key, "contextActivities (allowed: parent, grouping, category, other)", ContextActivityKeys);
                continue;
            }

            var itemPath = path + "." + key;
            switch (value)
            {
                case JsonArray activities:
                    for (var i = 0; i < activities.Count; i++)
                    {
                        ObjectRules.Activity(errors, $"{itemPath}[{i}]", activities[i]);
                    }

                    break;
                case JsonObject:
                    ObjectRules.Activity(errors, itemPath, value);
                    break;
                default:
                    errors.Add(itemPath, Values.Expected("an Activity object or an array of Activity objects", value));
                    break;
            }
        }
    }
}
