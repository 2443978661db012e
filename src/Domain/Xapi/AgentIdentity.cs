namespace Lrs.Domain.Xapi;

/// <summary>
/// The Inverse Functional Identifier of an Agent or identified Group (xAPI Data §2.4.2.3),
/// reduced to one comparable key. Two agents are the same when their keys are equal.
/// </summary>
public readonly record struct AgentIdentity
{
    private AgentIdentity(string kind, string value)
    {
        Kind = kind;
        Value = value;
    }

    /// <summary>One of <c>mbox</c>, <c>mbox_sha1sum</c>, <c>openid</c>, <c>account</c>.</summary>
    public string Kind { get; }

    /// <summary>The identifier's value; for accounts <c>homePage</c> and <c>name</c> joined by a space.</summary>
    public string Value { get; }

    /// <summary>The key used for storage and comparison, e.g. <c>mbox:mailto:ann@example.com</c>.</summary>
    public string Key => Kind + ":" + Value;

    public override string ToString() => Key;

    /// <summary>An mbox IFI; the domain part of the address is case insensitive (Data §2.3.1), so it is lower-cased.</summary>
    public static AgentIdentity Mbox(string mailto)
    {
        var at = mailto.LastIndexOf('@');
        var normalised = at < 0 ? mailto : mailto[..at] + mailto[at..].ToLowerInvariant();
        if (normalised.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            normalised = "mailto:" + normalised["mailto:".Length..];
        }

        return new AgentIdentity("mbox", normalised);
    }

    public static AgentIdentity MboxSha1Sum(string hex) => new("mbox_sha1sum", hex.ToLowerInvariant());

    public static AgentIdentity OpenId(string uri) => new("openid", uri);

    public static AgentIdentity Account(string homePage, string name) => new("account", homePage + " " + name);
}
