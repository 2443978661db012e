using System.Text.Json.Nodes;
using Lrs.Domain.Xapi;

namespace Lrs.Application.Statements;

/// <summary>Tolerant readers over an already validated statement tree; odd-but-valid shapes yield null, never throw.</summary>
internal static class StatementNodes
{
    public const string VoidedVerb = "http://adlnet.gov/expapi/verbs/voided";

    // Data §2.4.6.2: the four context activity lists.
    public static readonly string[] ContextActivityKinds = ["parent", "grouping", "category", "other"];

    // Data §2.4.4.1: interaction component lists, each entry carrying a "description" language map.
    public static readonly string[] InteractionComponentLists = ["choices", "scale", "source", "target", "steps"];

    // Data §2.4.2.3: the IFI properties, in the order they are looked for.
    public static readonly string[] IdentifierProperties = ["mbox", "mbox_sha1sum", "openid", "account"];

    public static string? String(JsonObject? owner, string name) =>
        owner?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static JsonObject? Object(JsonObject? owner, string name) => owner?[name] as JsonObject;

    /// <summary>The objectType, or <paramref name="implied"/> when absent (Agent for actors, Activity for objects).</summary>
    public static string ObjectType(JsonObject node, string implied) => String(node, "objectType") ?? implied;

    /// <summary>Number of entries in a property given either as one object or as an array (contextActivities).</summary>
    public static int Count(JsonNode? node) => node switch
    {
        JsonArray array => array.Count,
        JsonObject => 1,
        _ => 0,
    };

    public static JsonNode? At(JsonNode? node, int index) => node is JsonArray array ? array[index] : node;

    public static AgentIdentity? Identity(JsonObject agent)
    {
        if (String(agent, "mbox") is { } mbox)
        {
            return AgentIdentity.Mbox(mbox);
        }

        if (String(agent, "mbox_sha1sum") is { } sha1)
        {
            return AgentIdentity.MboxSha1Sum(sha1);
        }

        if (String(agent, "openid") is { } openId)
        {
            return AgentIdentity.OpenId(openId);
        }

        var account = Object(agent, "account");
        return String(account, "homePage") is { } homePage && String(account, "name") is { } name
            ? AgentIdentity.Account(homePage, name)
            : null;
    }
}
