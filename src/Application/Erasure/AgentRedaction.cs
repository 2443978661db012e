using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Lrs.Application.Statements;
using Lrs.Domain.Xapi;

namespace Lrs.Application.Erasure;

/// <summary>
/// Replaces an erased agent inside a statement by an anonymous placeholder Agent: wherever the statement names an Agent
/// or Group (actor, object, authority, context instructor and team, Group members, the same inside a SubStatement)
/// whose identifier is one of the erased ones. Everything else in the statement is kept.
/// </summary>
public sealed class AgentRedaction
{
    /// <summary>Account home page of placeholders; <c>.invalid</c> is reserved, so no real account can collide.</summary>
    public const string PlaceholderHomePage = "https://erased.invalid";

    private readonly HashSet<string> _keys;

    public AgentRedaction(IEnumerable<string> erasedKeys, Guid erasureId)
    {
        _keys = new HashSet<string>(erasedKeys, StringComparer.Ordinal);
        PlaceholderName = erasureId.ToString("D");
        PlaceholderKey = AgentIdentity.Account(PlaceholderHomePage, PlaceholderName).Key;
    }

    public string PlaceholderName { get; }

    /// <summary>The identifier key of the placeholder, the learner key its statements and read models carry from now on.</summary>
    public string PlaceholderKey { get; }

    public IReadOnlySet<string> Keys => _keys;

    /// <summary>
    /// The identifier keys that name the agent of <paramref name="identity"/>: its own and, for an mbox, the
    /// mbox_sha1sum of the same address (Data §2.4.2.3: the SHA1 of the mailto IRI), which identifies it just as well.
    /// </summary>
    public static IReadOnlyList<string> KeysOf(AgentIdentity identity)
    {
        if (identity.Kind != "mbox")
        {
            return [identity.Key];
        }

        var sha1 = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(identity.Value)));
        return [identity.Key, AgentIdentity.MboxSha1Sum(sha1).Key];
    }

    /// <summary>Redacts <paramref name="statement"/> in place; true when it named the agent.</summary>
    public bool Redact(JsonObject statement)
    {
        var changed = RedactAgent(statement, "actor") | RedactAgent(statement, "authority");
        if (StatementNodes.Object(statement, "object") is { } target)
        {
            changed |= StatementNodes.ObjectType(target, "Activity") switch
            {
                "Agent" or "Group" => RedactAgent(statement, "object"),
                "SubStatement" => Redact(target),
                _ => false,
            };
        }

        if (StatementNodes.Object(statement, "context") is { } context)
        {
            changed |= RedactAgent(context, "instructor") | RedactAgent(context, "team");
        }

        return changed;
    }

    /// <summary>The SHA-2 hashes of the attachments a statement (or its SubStatement) references.</summary>
    public static IEnumerable<string> AttachmentHashes(JsonObject statement) =>
        new[] { statement, StatementNodes.Object(statement, "object") }
            .Select(owner => owner?["attachments"] as JsonArray ?? [])
            .SelectMany(a => a.OfType<JsonObject>())
            .Select(a => StatementNodes.String(a, "sha2"))
            .OfType<string>();

    private bool RedactAgent(JsonObject owner, string property)
    {
        if (StatementNodes.Object(owner, property) is not { } agent)
        {
            return false;
        }

        if (Names(agent))
        {
            owner[property] = Placeholder(StatementNodes.ObjectType(agent, "Agent"));
            return true;
        }

        if (agent["member"] is not JsonArray members)
        {
            return false;
        }

        var changed = false;
        for (var i = 0; i < members.Count; i++)
        {
            if (members[i] is JsonObject member && Names(member))
            {
                members[i] = Placeholder("Agent");
                changed = true;
            }
        }

        return changed;
    }

    private bool Names(JsonObject agent) => StatementNodes.Identity(agent) is { } identity && _keys.Contains(identity.Key);

    private JsonObject Placeholder(string objectType) => new()
    {
        ["objectType"] = objectType,
        ["account"] = new JsonObject { ["homePage"] = PlaceholderHomePage, ["name"] = PlaceholderName },
    };
}
