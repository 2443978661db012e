using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lrs.Application.Statements.Validation;

/// <summary>
/// Type and format checks for single property values (Data §2.2: no nulls, no wrong types, no
/// non-format-following strings). Each returns the value when usable, after recording any error.
/// </summary>
internal static class Values
{
    public static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "an unsupported value",
        },
    };

    public static string Expected(string what, JsonNode? node) =>
        node is null ? "must not be null" : $"must be {what}, not {Describe(node)}";

    public static JsonObject? Object(ErrorList errors, string path, JsonNode? node, string what = "an object")
    {
        if (node is JsonObject obj)
        {
            return obj;
        }

        errors.Add(path, Expected(what, node));
        return null;
    }

    public static JsonArray? Array(ErrorList errors, string path, JsonNode? node, string what = "an array")
    {
        if (node is JsonArray array)
        {
            return array;
        }

        errors.Add(path, Expected(what, node));
        return null;
    }

    // Leaf checks take the parent path and the key separately so a path string is only built for an error.
    public static string? String(ErrorList errors, string path, string key, JsonNode? node)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.TryGetValue(out string? text))
        {
            return text;
        }

        errors.Add(path, key, Expected("a string", node));
        return null;
    }

    public static bool? Boolean(ErrorList errors, string path, string key, JsonNode? node)
    {
        if (node is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetValue<bool>();
        }

        errors.Add(path, key, Expected("a boolean (true or false)", node));
        return null;
    }

    public static double? Number(ErrorList errors, string path, string key, JsonNode? node)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue(out double number))
        {
            if (double.IsFinite(number))
            {
                return number;
            }

            errors.Add(path, key, "must be a finite number");
            return null;
        }

        errors.Add(path, key, Expected("a number", node));
        return null;
    }

    public static long? Integer(ErrorList errors, string path, string key, JsonNode? node)
    {
        if (Number(errors, path, key, node) is not { } number)
        {
            return null;
        }

        if (number == Math.Floor(number) && Math.Abs(number) <= long.MaxValue)
        {
            return (long)number;
        }

        errors.Add(path, key, "must be a whole number");
        return null;
    }

    public static string? Iri(ErrorList errors, string path, string key, JsonNode? node)
    {
        var text = String(errors, path, key, node);
        if (text is not null && !Formats.IsIri(text))
        {
            errors.Add(path, key, text.Length == 0 ? "must not be empty; an IRI is required" : "must be a valid IRI with a scheme");
            return null;
        }

        return text;
    }

    public static void Irl(ErrorList errors, string path, string key, JsonNode? node)
    {
        if (String(errors, path, key, node) is { } text && !Formats.IsIrl(text))
        {
            errors.Add(path, key, text.Length == 0 ? "must not be empty; an IRL is required" : "must be a valid IRL (scheme://...)");
        }
    }

    public static string? Uuid(ErrorList errors, string path, string key, JsonNode? node)
    {
        var text = String(errors, path, key, node);
        if (text is not null && !Formats.IsUuid(text))
        {
            errors.Add(path, key, text.Length == 0
                ? "must not be empty; a UUID is required"
                : "must be a UUID in standard form (8-4-4-4-12 hexadecimal digits)");
            return null;
        }

        return text;
    }

    public static void Timestamp(ErrorList errors, string path, string key, JsonNode? node)
    {
        if (String(errors, path, key, node) is { } text && TimeFormats.TimestampProblem(text) is { } problem)
        {
            errors.Add(path, key, problem);
        }
    }

    public static void LanguageTag(ErrorList errors, string path, string key, JsonNode? node)
    {
        if (String(errors, path, key, node) is { } text && !LanguageTags.IsValid(text))
        {
            errors.Add(path, key, "must be an RFC 5646 language tag such as en or en-US");
        }
    }

    /// <summary>Language maps (Data §4.2): keys are RFC 5646 tags, values are strings.</summary>
    public static void LanguageMap(ErrorList errors, string path, string key, JsonNode? node)
    {
        if (node is not JsonObject map)
        {
            errors.Add(path, key, Expected("a language map object", node));
            return;
        }

        foreach (var (tag, value) in map)
        {
            if (!LanguageTags.IsValid(tag))
            {
                errors.Add(path + "." + key, tag, "is not a valid RFC 5646 language tag");
            }
            else if (value is not JsonValue text || text.GetValueKind() != JsonValueKind.String)
            {
                errors.Add(path + "." + key, tag, Expected("a string", value));
            }
        }
    }

    /// <summary>Extensions (Data §4.1): keys are IRIs; values are any JSON, null included, and never rejected.</summary>
    public static void Extensions(ErrorList errors, string path, string key, JsonNode? node)
    {
        if (node is not JsonObject map)
        {
            errors.Add(path, key, Expected("an extensions object", node));
            return;
        }

        foreach (var (iri, _) in map)
        {
            if (!Formats.IsIri(iri))
            {
                errors.Add(path + "." + key, iri, "is not a valid extension key; extension keys must be IRIs with a scheme");
            }
        }
    }

    public static void Required(ErrorList errors, string path, string key, bool present)
    {
        if (!present)
        {
            errors.Add(path, key, "is required");
        }
    }

    /// <summary>Unknown keys (Data §2.2); a hint is added when only the case differs, as keys are case-sensitive.</summary>
    public static void NotAllowed(ErrorList errors, string path, string key, string owner, ReadOnlySpan<string> known)
    {
        foreach (var candidate in known)
        {
            if (string.Equals(candidate, key, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(path, key, $"is not a property of {owner} (property names are case-sensitive: did you mean \"{candidate}\"?)");
                return;
            }
        }

        errors.Add(path, key, $"is not a property of {owner}");
    }
}
