using System.Globalization;

namespace Lrs.Application.Statements;

/// <summary>One language-range of an Accept-Language header with its quality value (RFC 2616 §14.4).</summary>
public sealed record LanguagePreference(string Range, double Quality);

/// <summary>
/// Accept-Language handling for canonical statements (Communication §2.1.3, Language Filtering Requirements):
/// picks exactly one entry of each language map.
/// </summary>
public static class AcceptLanguage
{
    /// <summary>Parses a header into ranges ordered by descending quality (stable); malformed parts are skipped.</summary>
    public static IReadOnlyList<LanguagePreference> Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return [];
        }

        var preferences = new List<LanguagePreference>();
        foreach (var part in header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (TryParseRange(part) is { } preference)
            {
                preferences.Add(preference);
            }
        }

        // OrderByDescending is stable, so equal qualities keep header order.
        return preferences.OrderByDescending(p => p.Quality).ToArray();
    }

    /// <summary>
    /// The tag with the highest quality, each tag taking the quality of the longest range matching it (RFC 2616 §14.4).
    /// When no tag is acceptable the default is en-US, then en, then any en-*, then the first tag; null only when
    /// there are no tags.
    /// </summary>
    public static string? Choose(IEnumerable<string> availableTags, IReadOnlyList<LanguagePreference> prefs)
    {
        var tags = availableTags as IReadOnlyList<string> ?? availableTags.ToArray();
        string? best = null;
        var bestQuality = 0d;
        var bestRank = int.MaxValue;
        foreach (var tag in tags)
        {
            var rank = LongestMatch(tag, prefs);
            var quality = rank < 0 ? 0d : prefs[rank].Quality;
            if (quality > bestQuality || (quality > 0 && quality == bestQuality && rank < bestRank))
            {
                (best, bestQuality, bestRank) = (tag, quality, rank);
            }
        }

        return best ?? Fallback(tags, prefs);
    }

    private static LanguagePreference? TryParseRange(string part)
    {
        var segments = part.Split(';', StringSplitOptions.TrimEntries);
        if (!IsRange(segments[0]))
        {
            return null;
        }

        var quality = 1d;
        foreach (var parameter in segments.AsSpan(1))
        {
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0 || !parameter[..equals].Trim().Equals("q", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!double.TryParse(parameter[(equals + 1)..].Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out quality)
                || !(quality is >= 0 and <= 1))
            {
                return null;
            }
        }

        return new LanguagePreference(segments[0], quality);
    }

    // language-range = ( 1*8ALPHA *( "-" 1*8alphanum ) ) | "*"; digits allowed after the first subtag (e.g. es-419).
    private static bool IsRange(string range)
    {
        if (range == "*")
        {
            return true;
        }

        var subtags = range.Split('-');
        for (var i = 0; i < subtags.Length; i++)
        {
            var subtag = subtags[i];
            if (subtag.Length is 0 or > 8 || !subtag.All(c => char.IsAsciiLetter(c) || (i > 0 && char.IsAsciiDigit(c))))
            {
                return false;
            }
        }

        return true;
    }

    // Index in prefs of the most specific range matching the tag, or -1; "*" is the least specific.
    private static int LongestMatch(string tag, IReadOnlyList<LanguagePreference> prefs)
    {
        var best = -1;
        var bestLength = -1;
        for (var i = 0; i < prefs.Count; i++)
        {
            var range = prefs[i].Range;
            var length = range == "*" ? 0 : range.Length;
            if (length > bestLength && Matches(range, tag))
            {
                (best, bestLength) = (i, length);
            }
        }

        return best;
    }

    private static bool Matches(string range, string tag) =>
        range == "*"
        || tag.Equals(range, StringComparison.OrdinalIgnoreCase)
        || (tag.Length > range.Length && tag[range.Length] == '-' && tag.StartsWith(range, StringComparison.OrdinalIgnoreCase));

    // Tags explicitly refused with q=0 are avoided unless nothing else is left: a language map must keep one entry.
    private static string? Fallback(IReadOnlyList<string> tags, IReadOnlyList<LanguagePreference> prefs)
    {
        var candidates = tags.Where(t => LongestMatch(t, prefs) < 0).ToArray();
        if (candidates.Length == 0)
        {
            candidates = [.. tags];
        }

        return candidates.FirstOrDefault(t => t.Equals("en-US", StringComparison.OrdinalIgnoreCase))
            ?? candidates.FirstOrDefault(t => t.Equals("en", StringComparison.OrdinalIgnoreCase))
            ?? candidates.FirstOrDefault(t => t.StartsWith("en-", StringComparison.OrdinalIgnoreCase))
            ?? candidates.FirstOrDefault();
    }
}
