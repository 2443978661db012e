using System.Text.Json.Nodes;
using Lrs.Domain.Xapi;

namespace Lrs.Application.Statements.Validation;

/// <summary>Where an Agent or Group appears, which decides what it may be.</summary>
internal enum ActorUse
{
    Actor,
    Object,
    Member,
    Instructor,
    Team,
    Authority,
    Parameter,
}

/// <summary>Agents, Groups and their identifiers (Data §2.4.2, §2.4.9 authority).</summary>
internal static class ActorRules
{
    private static readonly string[] AgentKeys = ["objectType", "name", "mbox", "mbox_sha1sum", "openid", "account"];
    private static readonly string[] GroupKeys = ["objectType", "name", "member", "mbox", "mbox_sha1sum", "openid", "account"];
    private static readonly string[] AccountKeys = ["homePage", "name"];

    public static void Validate(ErrorList errors, string path, JsonNode? node, ActorUse use)
    {
        if (Values.Object(errors, path, node, use == ActorUse.Team ? "a Group object" : "an Agent or Group object") is not { } obj)
        {
            return;
        }

        var isGroup = false;
        if (obj.TryGetPropertyValue("objectType", out var typeNode))
        {
            switch (Values.String(errors, path, "objectType", typeNode))
            {
                case "Group":
                    isGroup = true;
                    break;
                case "Agent" or null:
                    break;
                default:
                    errors.Add(path + ".objectType", use == ActorUse.Member ? "must be \"Agent\"" : "must be \"Agent\" or \"Group\"");
                    return;
            }
        }

        if (use == ActorUse.Member && isGroup)
        {
            errors.Add(path + ".objectType", "must be \"Agent\": a Group's members must not be Groups");
            return;
        }

        if (use == ActorUse.Team && !isGroup)
        {
            errors.Add(path, "must be a Group (with objectType \"Group\")");
            return;
        }

        var identifiers = 0;
        JsonNode? member = null;
        var hasMember = false;
        foreach (var (key, value) in obj)
        {
            switch (key)
            {
                case "objectType":
                    break;
                case "name":
                    Values.String(errors, path, "name", value);
                    break;
                case "mbox":
                    identifiers++;
                    if (Values.String(errors, path, "mbox", value) is { } mbox && !Formats.IsMailto(mbox))
                    {
                        errors.Add(path + ".mbox", "must be a mailto IRI: \"mailto:\" followed by an email address");
                    }

                    break;
                case "mbox_sha1sum":
                    identifiers++;
                    if (Values.String(errors, path, "mbox_sha1sum", value) is { } sha1 && !Formats.IsSha1Hex(sha1))
                    {
                        errors.Add(path + ".mbox_sha1sum", "must be the hex-encoded SHA-1 hash of a mailto IRI (40 hexadecimal digits)");
                    }

                    break;
                case "openid":
                    identifiers++;
                    if (Values.String(errors, path, "openid", value) is { } openId && !Formats.IsUri(openId))
                    {
                        errors.Add(path + ".openid", "must be a valid URI with a scheme");
                    }

                    break;
                case "account":
                    identifiers++;
                    Account(errors, path + ".account", value);
                    break;
                case "member" when isGroup:
                    hasMember = true;
                    member = value;
                    break;
                default:
                    Values.NotAllowed(errors, path, key, isGroup ? "a Group" : "an Agent", isGroup ? GroupKeys : AgentKeys);
                    break;
            }
        }

        if (identifiers > 1)
        {
            errors.Add(path, $"{(isGroup ? "a Group" : "an Agent")} must not have more than one inverse functional identifier (mbox, mbox_sha1sum, openid, account)");
        }
        else if (identifiers == 0 && !isGroup)
        {
            errors.Add(path, "an Agent must have exactly one inverse functional identifier (mbox, mbox_sha1sum, openid or account)");
        }
        else if (identifiers == 0 && use == ActorUse.Parameter)
        {
            errors.Add(path, "must be an Agent or an identified Group (with one inverse functional identifier)");
        }
        else if (identifiers == 0 && !hasMember)
        {
            errors.Add(path, "an anonymous Group (one without an inverse functional identifier) must have a member property");
        }

        if (hasMember)
        {
            Members(errors, path + ".member", member, anonymous: identifiers == 0, use);
        }
        else if (use == ActorUse.Authority && isGroup)
        {
            errors.Add(path + ".member", "is required: an authority Group must contain exactly two Agents (3-legged OAuth)");
        }
    }

    private static void Members(ErrorList errors, string path, JsonNode? node, bool anonymous, ActorUse use)
    {
        if (Values.Array(errors, path, node, "an array of Agents") is not { } members)
        {
            return;
        }

        if (anonymous && members.Count == 0)
        {
            errors.Add(path, "must list at least one Agent in an anonymous Group");
        }

        if (use == ActorUse.Authority && members.Count != 2)
        {
            errors.Add(path, "must contain exactly two Agents in an authority Group (3-legged OAuth)");
        }

        for (var i = 0; i < members.Count; i++)
        {
            Validate(errors, $"{path}[{i}]", members[i], ActorUse.Member);
        }
    }

    private static void Account(ErrorList errors, string path, JsonNode? node)
    {
        if (Values.Object(errors, path, node, "an account object") is not { } account)
        {
            return;
        }

        bool homePage = false, name = false;
        foreach (var (key, value) in account)
        {
            switch (key)
            {
                case "homePage":
                    homePage = true;
                    Values.Irl(errors, path, "homePage", value);
                    break;
                case "name":
                    name = true;
                    Values.String(errors, path, "name", value);
                    break;
                default:
                    Values.NotAllowed(errors, path, key, "an account", AccountKeys);
                    break;
            }
        }

        Values.Required(errors, path, "homePage", homePage);
        Values.Required(errors, path, "name", name);
    }

    /// <summary>The identifier of an already validated Agent or identified Group.</summary>
    public static AgentIdentity Identity(JsonObject obj)
    {
        if (obj["mbox"] is { } mbox)
        {
            return AgentIdentity.Mbox(mbox.GetValue<string>());
        }

        if (obj["mbox_sha1sum"] is { } sha1)
        {
            return AgentIdentity.MboxSha1Sum(sha1.GetValue<string>());
        }

        if (obj["openid"] is { } openId)
        {
            return AgentIdentity.OpenId(openId.GetValue<string>());
        }

        var account = obj["account"]!;
        return AgentIdentity.Account(account["homePage"]!.GetValue<string>(), account["name"]!.GetValue<string>());
    }
}
