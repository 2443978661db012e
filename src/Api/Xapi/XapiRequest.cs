using System.Text.Json.Nodes;
using Lrs.Application.Statements.Validation;
using Microsoft.Net.Http.Headers;

namespace Lrs.Api.Xapi;

/// <summary>Reading xAPI request parameters and JSON bodies, with the spec's 400s.</summary>
public static class XapiRequest
{
    /// <summary>Query parameters as single values; a repeated parameter is an error.</summary>
    public static bool TryGetParameters(HttpRequest request, out Dictionary<string, string> parameters, out string? error)
    {
        parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        error = null;
        foreach (var (name, values) in request.Query)
        {
            if (values.Count != 1)
            {
                error = $"Parameter '{name}' is given more than once.";
                return false;
            }

            parameters[name] = values[0]!;
        }

        return true;
    }

    /// <summary>The first parameter not in <paramref name="allowed"/>, if any (Communication §3.2).</summary>
    public static string? Unknown(IReadOnlyDictionary<string, string> parameters, params string[] allowed) =>
        parameters.Keys.FirstOrDefault(k => !allowed.Contains(k, StringComparer.Ordinal));

    public static bool IsJson(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Reads and parses the JSON body. Malformed JSON is a 400 that says where; a body over
    /// <paramref name="maxBytes"/> is a 413 (Communication §3.2), whichever server hosts the LRS.
    /// </summary>
    public static async Task<(JsonNode? Body, int Status, string? Error)> ReadJsonAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        var (buffer, status, error) = await ReadBodyAsync(request, maxBytes, ct);
        if (buffer is null)
        {
            return (null, status, error);
        }

        if (buffer.Length == 0)
        {
            return (null, StatusCodes.Status400BadRequest, "The request body is empty; a JSON statement or array of statements is required.");
        }

        try
        {
            return (XapiJson.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)), StatusCodes.Status200OK, null);
        }
        catch (XapiJsonException e)
        {
            return (null, StatusCodes.Status400BadRequest, e.Message);
        }
    }

    /// <summary>Reads the whole body; a body over <paramref name="maxBytes"/> is a 413 (Communication §3.2).</summary>
    public static async Task<(MemoryStream? Body, int Status, string? Error)> ReadBodyAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        const string tooLarge = "The request body is larger than this LRS accepts ({0} bytes).";
        if (request.ContentLength > maxBytes)
        {
            return (null, StatusCodes.Status413PayloadTooLarge, string.Format(System.Globalization.CultureInfo.InvariantCulture, tooLarge, maxBytes));
        }

        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, StatusCodes.Status413PayloadTooLarge, string.Format(System.Globalization.CultureInfo.InvariantCulture, tooLarge, maxBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return (buffer, StatusCodes.Status200OK, null);
    }
}
