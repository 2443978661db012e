namespace Lrs.Domain.Tenancy;

/// <summary>The xAPI authorization scopes of Communication §4.2, granted to a credential.</summary>
[Flags]
public enum XapiScope
{
    None = 0,
    StatementsWrite = 1,
    StatementsRead = 2,
    StatementsReadMine = 4,
    AllRead = 8,
    All = 16,
    State = 32,
    Profile = 64,
    Define = 128,
}

public static class XapiScopes
{
    private static readonly (string Name, XapiScope Scope)[] Names =
    [
        ("statements/write", XapiScope.StatementsWrite),
        ("statements/read", XapiScope.StatementsRead),
        ("statements/read/mine", XapiScope.StatementsReadMine),
        ("all/read", XapiScope.AllRead),
        ("all", XapiScope.All),
        ("state", XapiScope.State),
        ("profile", XapiScope.Profile),
        ("define", XapiScope.Define),
    ];

    /// <summary>Parses scope names separated by spaces or commas; unknown names are an error.</summary>
    public static XapiScope Parse(string text)
    {
        var result = XapiScope.None;
        foreach (var part in text.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = Array.Find(Names, n => n.Name == part);
            if (match.Name is null)
            {
                throw new DomainException($"Unknown xAPI scope '{part}'. Known scopes: {string.Join(", ", Names.Select(n => n.Name))}.");
            }

            result |= match.Scope;
        }

        return result;
    }

    public static string Format(XapiScope scopes) =>
        string.Join(' ', Names.Where(n => scopes.HasFlag(n.Scope)).Select(n => n.Name));

    /// <summary>May this caller write statements?</summary>
    public static bool CanWriteStatements(this XapiScope s) => (s & (XapiScope.All | XapiScope.StatementsWrite)) != 0;

    /// <summary>May this caller read every statement of its tenant?</summary>
    public static bool CanReadAllStatements(this XapiScope s) =>
        (s & (XapiScope.All | XapiScope.AllRead | XapiScope.StatementsRead)) != 0;

    /// <summary>May this caller read at least its own statements?</summary>
    public static bool CanReadOwnStatements(this XapiScope s) =>
        s.CanReadAllStatements() || (s & XapiScope.StatementsReadMine) != 0;

    /// <summary>May this caller read the Activities and Agents resources? Any read scope will do.</summary>
    public static bool CanReadActivitiesAndAgents(this XapiScope s) => s.CanReadOwnStatements();

    /// <summary>May statements this caller writes change the LRS's canonical Activity definitions (Communication §4.2 define)?</summary>
    public static bool CanDefine(this XapiScope s) => (s & (XapiScope.All | XapiScope.Define)) != 0;
}
