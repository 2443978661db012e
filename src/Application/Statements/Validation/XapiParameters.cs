using System.Text.Json.Nodes;
using Lrs.Domain.Xapi;

namespace Lrs.Application.Statements.Validation;

/// <summary>
/// Parsers for query-parameter values, held to the same standards as the same types in statements
/// (Data §2.2). String parameters arrive unquoted.
/// </summary>
public static class XapiParameters
{
    /// <summary>An Agent or identified Group as JSON (e.g. the <c>agent</c> parameter); exactly one identifier.</summary>
    /// <summary>
    /// An <c>agent</c> parameter that must name an Agent, not a Group (Communication §2.4, §2.6): parsed as
    /// <see cref="TryParseAgent"/>, then an <c>objectType</c> of Group is refused. A Group's identifier may be
    /// used inside an Agent object.
    /// </summary>
    public static bool TryParseAgentOnly(string json, out AgentIdentity identity, out JsonObject agent, out string error)
    {
        agent = [];
        if (!TryParseAgent(json, out identity, out var invalid))
        {
            error = $"Parameter 'agent' is not a valid Agent: {invalid}";
            return false;
        }

        agent = XapiJson.Parse(json)!.AsObject();
        if (agent["objectType"]?.GetValue<string>() == "Group")
        {
            error = "Parameter 'agent' must be an Agent, not a Group; use the Group's identifier in an Agent object.";
            return false;
        }

        error = string.Empty;
        return true;
    }

    public static bool TryParseAgent(string json, out AgentIdentity identity, out string error)
    {
        identity = default;
        JsonNode? node;
        try
        {
            node = XapiJson.Parse(json);
        }
        catch (XapiJsonException ex)
        {
            error = ex.Message;
            return false;
        }

        var errors = new ErrorList();
        ActorRules.Validate(errors, "agent", node, ActorUse.Parameter);
        if (errors.Count > 0)
        {
            error = string.Join("; ", errors.ToReadOnly().Select(e => $"{e.Path}: {e.Message}"));
            return false;
        }

        identity = ActorRules.Identity((JsonObject)node!);
        error = string.Empty;
        return true;
    }

    /// <summary>An xAPI UUID: 8-4-4-4-12 hexadecimal digits with hyphens, any case, nothing else (Data §4.4).</summary>
    public static bool TryParseUuid(string s, out Guid id)
    {
        id = default;
        return s is not null && Formats.IsUuid(s) && Guid.TryParseExact(s, "D", out id);
    }

    /// <summary>An ISO 8601 combined date and time (Data §4.5); a value without a zone is read as UTC.</summary>
    public static bool TryParseTimestamp(string s, out DateTimeOffset t)
    {
        t = default;
        return s is not null && TimeFormats.TryParseTimestamp(s, out t);
    }

    public static bool IsIri(string s) => s is not null && Formats.IsIri(s);

    public static bool IsIrl(string s) => s is not null && Formats.IsIrl(s);

    public static bool IsLanguageTag(string s) => s is not null && LanguageTags.IsValid(s);
}
