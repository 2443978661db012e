using System.Text.RegularExpressions;

namespace Lrs.Application.Statements.Validation;

/// <summary>
/// Best-effort format checks for identifier strings (Data §2.2 allows best-effort IRI/IRL validation;
/// it requires a scheme). Each check is a single pass over the characters without allocation.
/// </summary>
internal static partial class Formats
{
    public static bool IsIri(string text) => SchemeLength(text) is > 0 and var length && IsIriBody(text.AsSpan(length + 1));

    /// <summary>A locatable IRI: an IRI with an authority part (<c>scheme://...</c>).</summary>
    public static bool IsIrl(string text) =>
        SchemeLength(text) is > 0 and var length
        && text.AsSpan(length + 1) is var rest
        && rest.Length > 2
        && rest.StartsWith("//", StringComparison.Ordinal)
        && IsIriBody(rest);

    /// <summary>A URI is an IRI restricted to ASCII characters.</summary>
    public static bool IsUri(string text) => IsIri(text) && System.Text.Ascii.IsValid(text);

    public static bool IsUuid(ReadOnlySpan<char> text)
    {
        if (text.Length != 36)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var ok = i is 8 or 13 or 18 or 23 ? text[i] == '-' : char.IsAsciiHexDigit(text[i]);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An mbox value: <c>mailto:</c> followed by one address (Data §2.4.2.3).</summary>
    public static bool IsMailto(string text)
    {
        const string Prefix = "mailto:";
        if (!text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var address = text.AsSpan(Prefix.Length);
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1)
        {
            return false;
        }

        var local = address[..at];
        var domain = address[(at + 1)..];
        foreach (var c in local)
        {
            if (c <= ' ' || c == 0x7F || c is '<' or '>' or ',' or ';' or '?')
            {
                return false;
            }
        }

        if (domain[0] == '.' || domain[^1] == '.' || domain.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in domain)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' || c > 0x7F && char.IsLetterOrDigit(c)))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsSha1Hex(string text) => text.Length == 40 && IsHex(text);

    /// <summary>Hex-encoded SHA-224, SHA-256, SHA-384 or SHA-512 digest.</summary>
    public static bool IsSha2Hex(string text) => text.Length is 56 or 64 or 96 or 128 && IsHex(text);

    /// <summary>Statement version (Data §2.4.10): <c>1.0</c> or <c>1.0.x</c>.</summary>
    public static bool IsVersion(string text) => VersionPattern().IsMatch(text);

    /// <summary>An Internet Media Type (RFC 2046): type/subtype with optional parameters.</summary>
    public static bool IsMediaType(string text) => MediaTypePattern().IsMatch(text);

    private static bool IsHex(ReadOnlySpan<char> text) => !text.ContainsAnyExcept(HexDigits);

    private static readonly System.Buffers.SearchValues<char> HexDigits =
        System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>Length of a valid RFC 3986 scheme followed by ':', or -1.</summary>
    private static int SchemeLength(ReadOnlySpan<char> text)
    {
        if (text.Length == 0 || !char.IsAsciiLetter(text[0]))
        {
            return -1;
        }

        for (var i = 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == ':')
            {
                return i;
            }

            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return -1;
            }
        }

        return -1;
    }

    /// <summary>Everything after the scheme: no spaces, controls or characters excluded by RFC 3987, well-formed percent escapes, at most one '#'.</summary>
    private static bool IsIriBody(ReadOnlySpan<char> rest)
    {
        if (rest.Length == 0)
        {
            return false;
        }

        var seenFragment = false;
        for (var i = 0; i < rest.Length; i++)
        {
            var c = rest[i];
            if (c <= ' ' || c is (>= (char)0x7F and <= (char)0x9F) or '<' or '>' or '"' or '{' or '}' or '|' or '\\' or '^' or '`')
            {
                return false;
            }

            if (c == '%')
            {
                if (i + 2 >= rest.Length || !char.IsAsciiHexDigit(rest[i + 1]) || !char.IsAsciiHexDigit(rest[i + 2]))
                {
                    return false;
                }

                i += 2;
            }
            else if (c == '#')
            {
                if (seenFragment)
                {
                    return false;
                }

                seenFragment = true;
            }
        }

        return true;
    }

    [GeneratedRegex(@"^1\.0(\.(0|[1-9][0-9]*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();

    [GeneratedRegex(
        """^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}(\s*;\s*[A-Za-z0-9!#$&^_.+-]+=("[^"]*"|[A-Za-z0-9!#$&^_.+-]+))*$""",
        RegexOptions.CultureInvariant)]
    private static partial Regex MediaTypePattern();
}
