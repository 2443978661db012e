using System.Text.Json.Nodes;

namespace Lrs.Application.Portal;

/// <summary>From an identifier key (<c>AgentIdentity.Key</c>) back to the xAPI Agent (Data §2.4.2.3) it identifies.</summary>
public static class LearnerKeys
{
    public static string ToAgentJson(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        var (kind, value) = colon < 0 ? (key, string.Empty) : (key[..colon], key[(colon + 1)..]);
        var agent = new JsonObject { ["objectType"] = "Agent" };
        if (kind == "account")
        {
            // homePage is an IRI and holds no space; the name may.
            var space = value.IndexOf(' ', StringComparison.Ordinal);
            agent["account"] = new JsonObject { ["homePage"] = space < 0 ? value : value[..space], ["name"] = space < 0 ? string.Empty : value[(space + 1)..] };
        }
        else
        {
            agent[kind] = value;
        }

        return agent.ToJsonString();
    }

    /// <summary>What to show for a learner: the address of an mbox, the name of an account, the identifier otherwise.</summary>
    public static string Display(string key) => key switch
    {
        _ when key.StartsWith("mbox:mailto:", StringComparison.Ordinal) => key["mbox:mailto:".Length..],
        _ when key.StartsWith("account:", StringComparison.Ordinal) && key.Contains(' ', StringComparison.Ordinal) => key[(key.IndexOf(' ', StringComparison.Ordinal) + 1)..],
        _ => key[(key.IndexOf(':', StringComparison.Ordinal) + 1)..],
    };
}
