namespace Lrs.Domain.Courses;

/// <summary>The identifier rules of course structures: ids are IRIs or slugs, activity ids absolute IRIs (xAPI Data §2.4.4.1).</summary>
public static class Identifiers
{
    public const int MaxLength = 512;

    /// <summary>An id of a course, module or item: an absolute IRI, or a slug of letters, digits and <c>. _ ~ -</c>.</summary>
    public static string Id(string? value, string property)
    {
        var id = value?.Trim();
        if (string.IsNullOrEmpty(id))
        {
            throw new DomainException($"{property} is required.");
        }

        if (id.Length > MaxLength)
        {
            throw new DomainException($"{property} is longer than {MaxLength} characters.");
        }

        if (!IsSlug(id) && !IsAbsoluteIri(id))
        {
            throw new DomainException($"{property} '{id}' must be an absolute IRI or a slug of letters, digits, '.', '_', '~' and '-'.");
        }

        return id;
    }

    /// <summary>An Activity id: an absolute IRI.</summary>
    public static string ActivityId(string? value, string property)
    {
        var id = value?.Trim();
        if (string.IsNullOrEmpty(id))
        {
            throw new DomainException($"{property} is required.");
        }

        if (!IsAbsoluteIri(id))
        {
            throw new DomainException($"{property} '{id}' must be an absolute IRI.");
        }

        return id;
    }

    /// <summary>A non-blank title, trimmed.</summary>
    public static string Title(string? value, string property) =>
        string.IsNullOrWhiteSpace(value) ? throw new DomainException($"{property} must not be empty.") : value.Trim();

    public static bool IsSlug(string value) =>
        value.Length is > 0 and <= MaxLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '~' or '-');

    public static bool IsAbsoluteIri(string value) =>
        value.Length <= MaxLength
        && !value.Any(char.IsWhiteSpace)
        && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && !string.IsNullOrEmpty(uri.Scheme);
}
