namespace Lrs.Application.Documents;

/// <summary>
/// The If-Match and If-None-Match headers of a write (Communication §3.1, RFC 2616 §14.24/§14.26): <c>*</c> or a list
/// of entity tags. Tags sent without quotes are read as if quoted, for clients that strip them.
/// </summary>
public sealed record Preconditions(EntityTags? IfMatch, EntityTags? IfNoneMatch)
{
    public static readonly Preconditions None = new(null, null);

    /// <summary>Was either header sent?</summary>
    public bool Any => IfMatch is not null || IfNoneMatch is not null;

    public static Preconditions Parse(string? ifMatch, string? ifNoneMatch) =>
        new(EntityTags.Parse(ifMatch), EntityTags.Parse(ifNoneMatch));

    /// <summary>Do the headers hold for the document's current ETag (null: there is no document)?</summary>
    public bool Hold(string? current)
    {
        // If-Match: strong comparison, so a weak tag never matches; fails when there is no document.
        if (IfMatch is { } match && (current is null || !(match.IsAny || match.Tags.Any(t => !t.Weak && Same(t.Tag, current)))))
        {
            return false;
        }

        // If-None-Match: weak comparison; "*" fails when any document exists.
        return IfNoneMatch is not { } noneMatch || current is null || !(noneMatch.IsAny || noneMatch.Tags.Any(t => Same(t.Tag, current)));
    }

    // The tags are hexadecimal digests (Communication §3.1), so case does not distinguish them.
    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}

/// <summary>One If-Match or If-None-Match header: <c>*</c>, or entity tags normalised to their quoted form.</summary>
public sealed record EntityTags(bool IsAny, IReadOnlyList<(string Tag, bool Weak)> Tags)
{
    public static EntityTags? Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var tags = new List<(string, bool)>();
        foreach (var part in header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part == "*")
            {
                return new EntityTags(true, []);
            }

            var weak = part.StartsWith("W/", StringComparison.Ordinal);
            var tag = weak ? part[2..] : part;
            tags.Add((tag.Length >= 2 && tag[0] == '"' && tag[^1] == '"' ? tag : $"\"{tag.Trim('"')}\"", weak));
        }

        return new EntityTags(false, tags);
    }
}
