using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Lrs.Application.Common;

namespace Lrs.Application.Progress;

/// <summary>
/// Opaque keyset cursors and page sizes of the progress and report lists, as for courses: the last row's key,
/// versioned and base64url-encoded; <c>limit</c> 1–200, default 50.
/// </summary>
public static class PageCursor
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
    private const string Prefix = "p1:";

    public static string Encode(params string[] key) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Prefix + JsonSerializer.Serialize(key)));

    /// <summary>The key of <paramref name="cursor"/> (empty when there is none), or an error for one this LRS did not issue.</summary>
    public static XapiResult<string[]> Decode(string? cursor, int parts)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return Array.Empty<string>();
        }

        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            if (text.StartsWith(Prefix, StringComparison.Ordinal)
                && JsonSerializer.Deserialize<string[]>(text[Prefix.Length..]) is { } key && key.Length == parts)
            {
                return key;
            }
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
        }

        return XapiError.BadRequest("cursor is not one this LRS issued; use the next link of the previous page.");
    }

    public static XapiResult<int> Limit(int? limit) => (limit ?? DefaultLimit) is var l and >= 1 and <= MaxLimit
        ? l
        : XapiError.BadRequest($"limit must be between 1 and {MaxLimit}, got {limit}.");
}

/// <summary>One page of <typeparamref name="T"/> and the cursor of the next page, null on the last.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);
