using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Lrs.Application.Statements;

namespace Lrs.Application.Events;

/// <summary>
/// Replaces every Agent and Group of a statement (actor, object, authority, context instructor and team, group
/// members, and the same inside a SubStatement) by <c>{"objectType":…,"pseudonym":hex}</c>, where the pseudonym is the
/// HMAC-SHA256 of the agent's identifier under a secret key: stable across statements, so analytics can follow one
/// learner, and not reversible without the key. No name, mbox, mbox_sha1sum, openid or account remains (seed 001 G5).
/// </summary>
public sealed class Pseudonymiser(byte[] key)
{
    private static readonly string[] Identifiers = ["mbox", "mbox_sha1sum", "openid", "account"];

    public JsonObject Pseudonymise(JsonObject statement) => (JsonObject)Walk(statement.DeepClone())!;

    public string Pseudonym(string identifierKey) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(identifierKey)));

    private JsonNode? Walk(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o when IsAgent(o):
                return Replace(o);
            case JsonObject o:
                foreach (var name in o.Select(p => p.Key).ToList())
                {
                    o[name] = Walk(o[name]?.DeepClone());
                }

                return o;
            case JsonArray a:
                return new JsonArray(a.Select(i => Walk(i?.DeepClone())).ToArray());
            default:
                return node;
        }
    }

    private static bool IsAgent(JsonObject o) =>
        Identifiers.Any(o.ContainsKey) || StatementNodes.String(o, "objectType") is "Agent" or "Group";

    private JsonObject Replace(JsonObject agent)
    {
        var replaced = new JsonObject { ["objectType"] = StatementNodes.String(agent, "objectType") ?? "Agent" };
        if (StatementNodes.Identity(agent) is { } identity)
        {
            replaced["pseudonym"] = Pseudonym(identity.Key);
        }

        if (agent["member"] is JsonArray members)
        {
            replaced["member"] = new JsonArray(members.Select(m => m is JsonObject member ? (JsonNode)Replace(member) : null).ToArray());
        }

        return replaced;
    }
}
