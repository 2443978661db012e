using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lrs.Application.Statements;

/// <summary>How statements are serialised for storage and responses: compact, UTF-8 kept as is.</summary>
public static class StatementJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public static string Serialize(JsonNode node) => node.ToJsonString(Options);

    /// <summary>The xAPI timestamp form used for every time the LRS writes: UTC with milliseconds.</summary>
    public static string FormatTimestamp(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
