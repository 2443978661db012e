using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lrs.Application.Statements.Validation;

namespace Lrs.Application.Documents;

/// <summary>What the document resources need to know about content: its ETag, whether it is JSON, and merging.</summary>
public static class DocumentContent
{
    public const string DefaultContentType = "application/octet-stream";

    private static readonly JsonSerializerOptions Serialization = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Communication §3.1: the lowercase hexadecimal SHA-1 digest of the contents, in quotes.</summary>
#pragma warning disable CA5350 // The spec prescribes SHA-1 for ETags; it identifies content, it protects nothing.
    public static string ETag(ReadOnlySpan<byte> content) => "\"" + Convert.ToHexStringLower(SHA1.HashData(content)) + "\"";
#pragma warning restore CA5350

    /// <summary>Is the media type <c>application/json</c>, whatever its parameters (e.g. charset)?</summary>
    public static bool IsJson(string contentType)
    {
        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        var mediaType = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The content as a JSON object, or null when it is not one.</summary>
    public static JsonObject? AsObject(byte[] content)
    {
        try
        {
            return XapiJson.Parse(content) as JsonObject;
        }
        catch (XapiJsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Communication §2.2 JSON procedure: each top-level property of <paramref name="posted"/> replaces the one of
    /// <paramref name="existing"/> whole (objects are not merged deeper); the others stay as they were.
    /// </summary>
    public static byte[] Merge(JsonObject existing, JsonObject posted)
    {
        foreach (var (name, value) in posted)
        {
            existing[name] = value?.DeepClone();
        }

        return JsonSerializer.SerializeToUtf8Bytes(existing, Serialization);
    }
}
