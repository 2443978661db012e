using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lrs.Application.Statements.Validation;

/// <summary>
/// Strict JSON parsing for xAPI bodies and parameters: a property may appear only once (Data §2.2),
/// no comments or trailing commas, and a bounded nesting depth.
/// </summary>
public static class XapiJson
{
    public const int MaxDepth = 64;

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowDuplicateProperties = false,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = MaxDepth,
    };

    /// <summary>Parses <paramref name="text"/>; throws <see cref="XapiJsonException"/> when it is malformed.</summary>
    public static JsonNode? Parse(string text)
    {
        try
        {
            return JsonNode.Parse(text, nodeOptions: null, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw Malformed(ex, Encoding.UTF8.GetBytes(text));
        }
    }

    /// <summary>Parses UTF-8 <paramref name="utf8"/>; throws <see cref="XapiJsonException"/> when it is malformed.</summary>
    public static JsonNode? Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return JsonNode.Parse(utf8, nodeOptions: null, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw Malformed(ex, utf8);
        }
    }

    /// <summary>
    /// Parses UTF-8 <paramref name="utf8"/> without copying it, for a caller that owns the buffer; throws
    /// <see cref="XapiJsonException"/> when it is malformed. The nodes read from the document, which reads from
    /// <paramref name="utf8"/>: both must outlive every use of the nodes, and disposing the document ends them.
    /// </summary>
    public static (JsonDocument Document, JsonNode? Root) ParseDocument(ReadOnlyMemory<byte> utf8)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw Malformed(ex, utf8.Span);
        }

        var root = document.RootElement;
        JsonNode? node = root.ValueKind switch
        {
            JsonValueKind.Object => JsonObject.Create(root),
            JsonValueKind.Array => JsonArray.Create(root),
            JsonValueKind.Null => null,
            _ => JsonValue.Create(root),
        };
        return (document, node);
    }

    private static XapiJsonException Malformed(JsonException ex, ReadOnlySpan<byte> utf8)
    {
        var reason = ex.Message;
        var cut = reason.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        if (cut > 0)
        {
            reason = reason[..cut];
        }

        long line, position;
        if (ex.LineNumber is { } l && ex.BytePositionInLine is { } p)
        {
            (line, position) = (l + 1, p + 1);
        }
        else if (FindDuplicateProperty(utf8) is { } duplicate)
        {
            // The node parser reports duplicates without a location; find it ourselves (error path only).
            (line, position) = Locate(utf8, duplicate.Offset);
            reason = $"property \"{duplicate.Name}\" appears more than once in the same object.";
        }
        else
        {
            return new XapiJsonException("Malformed JSON: " + reason, ex);
        }

        return new XapiJsonException($"Malformed JSON at line {line}, position {position}: {reason}", ex)
        {
            Line = line,
            Position = position,
        };
    }

    private static (string Name, long Offset)? FindDuplicateProperty(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        var scopes = new Stack<HashSet<string>?>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        scopes.Push(new HashSet<string>(StringComparer.Ordinal));
                        break;
                    case JsonTokenType.StartArray:
                        scopes.Push(null);
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        scopes.Pop();
                        break;
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString()!;
                        if (!scopes.Peek()!.Add(name))
                        {
                            return (name, reader.TokenStartIndex);
                        }

                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }

    private static (long Line, long Position) Locate(ReadOnlySpan<byte> utf8, long offset)
    {
        var before = utf8[..(int)offset];
        var lastNewLine = before.LastIndexOf((byte)'\n');
        return (before.Count((byte)'\n') + 1, offset - lastNewLine);
    }
}
