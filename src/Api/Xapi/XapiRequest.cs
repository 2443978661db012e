using System.Buffers;
using System.Text.Json;
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
    /// <paramref name="maxBytes"/> is a 413 (Communication §3.2), whichever server hosts the LRS. The body is read into
    /// a pooled buffer and parsed in place: a batch of statements is larger than the runtime's large-object threshold,
    /// and allocating it (and a copy for the parser) afresh per request made the garbage collector sweep its oldest
    /// generation over and over. The returned lease owns the buffer and the document the nodes read from; dispose it
    /// once nothing uses the nodes any more.
    /// </summary>
    public static async Task<(JsonNode? Body, IDisposable? Lease, int Status, string? Error)> ReadJsonAsync(
        HttpRequest request, long maxBytes, CancellationToken ct)
    {
        var (buffer, status, error) = await ReadPooledAsync(request, maxBytes, ct);
        if (buffer is null)
        {
            return (null, null, status, error);
        }

        if (buffer.Length == 0)
        {
            buffer.Dispose();
            return (null, null, StatusCodes.Status400BadRequest, "The request body is empty; a JSON statement or array of statements is required.");
        }

        try
        {
            var (document, root) = XapiJson.ParseDocument(buffer.Memory);
            return (root, new ParsedBody(document, buffer), StatusCodes.Status200OK, null);
        }
        catch (XapiJsonException e)
        {
            buffer.Dispose();
            return (null, null, StatusCodes.Status400BadRequest, e.Message);
        }
    }

    /// <summary>Reads the whole body into a rented buffer; a body over <paramref name="maxBytes"/> is a 413 (Communication §3.2).</summary>
    private static async Task<(PooledBuffer? Body, int Status, string? Error)> ReadPooledAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, StatusCodes.Status413PayloadTooLarge, TooLarge(maxBytes));
        }

        var buffer = new PooledBuffer((int)Math.Min(request.ContentLength ?? 16 * 1024, maxBytes) + 1);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer.Free(), ct)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    buffer.Dispose();
                    return (null, StatusCodes.Status413PayloadTooLarge, TooLarge(maxBytes));
                }

                buffer.Advance(read);
            }
        }
        catch
        {
            buffer.Dispose();
            throw;
        }

        return (buffer, StatusCodes.Status200OK, null);
    }

    private static string TooLarge(long maxBytes) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, "The request body is larger than this LRS accepts ({0} bytes).", maxBytes);

    /// <summary>Reads the whole body; a body over <paramref name="maxBytes"/> is a 413 (Communication §3.2).</summary>
    public static async Task<(MemoryStream? Body, int Status, string? Error)> ReadBodyAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, StatusCodes.Status413PayloadTooLarge, TooLarge(maxBytes));
        }

        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, StatusCodes.Status413PayloadTooLarge, TooLarge(maxBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return (buffer, StatusCodes.Status200OK, null);
    }

    /// <summary>Bytes in an array rented from the shared pool, grown by renting a larger one; disposing returns it.</summary>
    private sealed class PooledBuffer(int capacity) : IDisposable
    {
        private byte[]? _array = ArrayPool<byte>.Shared.Rent(capacity);

        public int Length { get; private set; }

        public ReadOnlyMemory<byte> Memory => Array.AsMemory(0, Length);

        private byte[] Array => _array ?? throw new ObjectDisposedException(nameof(PooledBuffer));

        /// <summary>Room for the next read, at least 4 KiB.</summary>
        public Memory<byte> Free()
        {
            if (Array.Length - Length < 4096)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Array.Length * 2);
                Array.AsSpan(0, Length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(Array);
                _array = larger;
            }

            return Array.AsMemory(Length);
        }

        public void Advance(int count) => Length += count;

        public void Dispose()
        {
            if (_array is { } array)
            {
                _array = null;
                ArrayPool<byte>.Shared.Return(array);
            }
        }
    }

    /// <summary>The document a body's nodes read from and the buffer it reads; the nodes end with it.</summary>
    private sealed class ParsedBody(JsonDocument document, PooledBuffer buffer) : IDisposable
    {
        public void Dispose()
        {
            document.Dispose();
            buffer.Dispose();
        }
    }
}
