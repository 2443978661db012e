using System.Text.Json.Nodes;

namespace Lrs.Application.Statements.Validation;

/// <summary>Activity definitions and interaction activities (Data §2.4.4.1).</summary>
internal static class DefinitionRules
{
    private static readonly string[] DefinitionKeys =
    [
        "name", "description", "type", "moreInfo", "extensions", "interactionType", "correctResponsesPattern",
        "choices", "scale", "source", "target", "steps",
    ];

    private static readonly string[] ComponentKeys = ["id", "description"];

    private static readonly string[] InteractionTypes =
        ["true-false", "choice", "fill-in", "long-fill-in", "matching", "performance", "sequencing", "likert", "numeric", "other"];

    public static void Validate(ErrorList errors, string path, JsonNode? node)
    {
        if (Values.Object(errors, path, node, "an Activity definition object") is not { } definition)
        {
            return;
        }

        string? interactionType = null;
        var interactionTypeValid = false;
        foreach (var (key, value) in definition)
        {
            switch (key)
            {
                case "name" or "description":
                    Values.LanguageMap(errors, path, key, value);
                    break;
                case "type":
                    Values.Iri(errors, path, "type", value);
                    break;
                case "moreInfo":
                    Values.Irl(errors, path, "moreInfo", value);
                    break;
                case "extensions":
                    Values.Extensions(errors, path, "extensions", value);
                    break;
                case "interactionType":
                    interactionType = Values.String(errors, path, "interactionType", value);
                    interactionTypeValid = interactionType is not null && Array.IndexOf(InteractionTypes, interactionType) >= 0;
                    if (interactionType is not null && !interactionTypeValid)
                    {
                        errors.Add(path + ".interactionType", "must be one of " + string.Join(", ", InteractionTypes) + " (case-sensitive)");
                    }

                    break;
                case "correctResponsesPattern":
                    CorrectResponses(errors, path + ".correctResponsesPattern", value);
                    break;
                case "choices" or "scale" or "source" or "target" or "steps":
                    Components(errors, path + "." + key, value);
                    break;
                default:
                    Values.NotAllowed(errors, path, key, "an Activity definition", DefinitionKeys);
                    break;
            }
        }

        InteractionConsistency(errors, path, definition, interactionType, interactionTypeValid);
    }

    /// <summary>Interaction properties need an interactionType, and each component list belongs to certain types only.</summary>
    private static void InteractionConsistency(ErrorList errors, string path, JsonObject definition, string? type, bool typeValid)
    {
        foreach (var key in (ReadOnlySpan<string>)["correctResponsesPattern", "choices", "scale", "source", "target", "steps"])
        {
            if (!definition.ContainsKey(key))
            {
                continue;
            }

            if (type is null)
            {
                errors.Add(path + "." + key, "requires interactionType to be set");
                continue;
            }

            var allowed = key switch
            {
                "choices" => type is "choice" or "sequencing",
                "scale" => type is "likert",
                "source" or "target" => type is "matching",
                "steps" => type is "performance",
                _ => true,
            };
            if (typeValid && !allowed)
            {
                errors.Add(path + "." + key, $"is not allowed for interactionType \"{type}\"");
            }
        }
    }

    private static void CorrectResponses(ErrorList errors, string path, JsonNode? node)
    {
        if (Values.Array(errors, path, node, "an array of strings") is not { } patterns)
        {
            return;
        }

        for (var i = 0; i < patterns.Count; i++)
        {
            if (patterns[i] is not JsonValue value || value.GetValueKind() != System.Text.Json.JsonValueKind.String)
            {
                errors.Add($"{path}[{i}]", Values.Expected("a string", patterns[i]));
            }
        }
    }

    /// <summary>Interaction components: id (string, required, distinct within the list) and description.</summary>
    private static void Components(ErrorList errors, string path, JsonNode? node)
    {
        if (Values.Array(errors, path, node, "an array of interaction components") is not { } components)
        {
            return;
        }

        HashSet<string>? seen = components.Count > 1 ? new HashSet<string>(StringComparer.Ordinal) : null;
        for (var i = 0; i < components.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            if (Values.Object(errors, itemPath, components[i], "an interaction component object") is not { } component)
            {
                continue;
            }

            var hasId = false;
            foreach (var (key, value) in component)
            {
                switch (key)
                {
                    case "id":
                        hasId = true;
                        if (Values.String(errors, itemPath, "id", value) is { } id && seen is not null && !seen.Add(id))
                        {
                            errors.Add(itemPath + ".id", $"duplicates the id \"{id}\" of another component in this list; ids must be distinct");
                        }

                        break;
                    case "description":
                        Values.LanguageMap(errors, itemPath, "description", value);
                        break;
                    default:
                        Values.NotAllowed(errors, itemPath, key, "an interaction component", ComponentKeys);
                        break;
                }
            }

            Values.Required(errors, itemPath, "id", hasId);
        }
    }
}
