namespace Lrs.Application.Statements.Validation;

/// <summary>
/// RFC 5646 language-tag syntax (Data §2.2 requires at least the sequence of subtag lengths to be checked):
/// language[-extlang][-script][-region]*(-variant)*(-extension)[-privateuse], private-use tags and the
/// irregular grandfathered tags. Registry membership is not checked.
/// </summary>
internal static class LanguageTags
{
    private const int Language = 1;
    private const int Script = 2;
    private const int Region = 3;
    private const int Variant = 4;
    private const int ExtensionStart = 5;
    private const int ExtensionBody = 6;

    private static readonly HashSet<string> Irregular = new(StringComparer.OrdinalIgnoreCase)
    {
        "en-GB-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak", "i-klingon", "i-lux", "i-mingo",
        "i-navajo", "i-pwn", "i-tao", "i-tay", "i-tsu", "sgn-BE-FR", "sgn-BE-NL", "sgn-CH-DE",
    };

    public static bool IsValid(string tag)
    {
        if (tag.Length == 0 || tag[0] == '-' || tag[^1] == '-' || tag.Contains("--", StringComparison.Ordinal))
        {
            return false;
        }

        if (Irregular.Contains(tag))
        {
            return true;
        }

        var rest = tag.AsSpan();
        var first = Next(ref rest);
        if (first is "x" or "X")
        {
            return IsPrivateUse(rest);
        }

        if (first.Length is < 2 or > 8 || !IsAlpha(first))
        {
            return false;
        }

        var stage = Language;
        var extlangs = first.Length <= 3 ? 0 : 3;
        while (rest.Length > 0)
        {
            var subtag = Next(ref rest);
            if (subtag.Length > 8 || !IsAlphanumeric(subtag))
            {
                return false;
            }

            if (stage >= ExtensionStart)
            {
                if (subtag.Length >= 2)
                {
                    stage = ExtensionBody;
                    continue;
                }

                if (stage == ExtensionStart)
                {
                    return false;
                }
            }

            if (subtag.Length == 1)
            {
                if (subtag is "x" or "X")
                {
                    return IsPrivateUse(rest);
                }

                stage = ExtensionStart;
            }
            else if (stage == Language && extlangs < 3 && subtag.Length == 3 && IsAlpha(subtag))
            {
                extlangs++;
            }
            else if (stage < Script && subtag.Length == 4 && IsAlpha(subtag))
            {
                stage = Script;
            }
            else if (stage < Region && (subtag.Length == 2 && IsAlpha(subtag) || subtag.Length == 3 && IsDigits(subtag)))
            {
                stage = Region;
            }
            else if (stage <= Variant && (subtag.Length >= 5 || subtag.Length == 4 && char.IsAsciiDigit(subtag[0])))
            {
                stage = Variant;
            }
            else
            {
                return false;
            }
        }

        return stage != ExtensionStart;
    }

    private static ReadOnlySpan<char> Next(ref ReadOnlySpan<char> rest)
    {
        var dash = rest.IndexOf('-');
        if (dash < 0)
        {
            var last = rest;
            rest = [];
            return last;
        }

        var subtag = rest[..dash];
        rest = rest[(dash + 1)..];
        return subtag;
    }

    private static bool IsPrivateUse(ReadOnlySpan<char> rest)
    {
        if (rest.Length == 0)
        {
            return false;
        }

        foreach (var range in rest.Split('-'))
        {
            var subtag = rest[range];
            if (subtag.Length > 8 || !IsAlphanumeric(subtag))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAlpha(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAlphanumeric(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
