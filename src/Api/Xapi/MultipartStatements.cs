using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Lrs.Application.Statements.Attachments;
using Lrs.Application.Statements.Validation;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Lrs.Api.Xapi;

/// <summary>
/// The <c>multipart/mixed</c> transmission format of statements with attachments (Communication §1.5.2):
/// the statements as the first, <c>application/json</c> part, then one part per attachment carrying its
/// SHA-2 in <c>X-Experience-API-Hash</c>, raw octets (<c>Content-Transfer-Encoding: binary</c>).
/// </summary>
public static class MultipartStatements
{
    public const string HashHeader = "X-Experience-API-Hash";

    public static bool IsMultipart(HttpRequest request, out string? boundary)
    {
        boundary = null;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/mixed", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        return true;
    }

    /// <summary>Reads the statements and the attachment parts, each part's hash checked against its data.</summary>
    public static async Task<(JsonNode? Body, IReadOnlyList<AttachmentPayload> Parts, int Status, string? Error)> ReadAsync(
        HttpRequest request, string? boundary, long maxBytes, CancellationToken ct)
    {
        List<AttachmentPayload> parts = [];
        if (string.IsNullOrEmpty(boundary))
        {
            return (null, parts, 400, "A multipart/mixed request needs a boundary parameter in its Content-Type.");
        }

        var (buffer, status, error) = await XapiRequest.ReadBodyAsync(request, maxBytes, ct);
        if (buffer is null)
        {
            return (null, parts, status, error);
        }

        var reader = new MultipartReader(boundary, buffer);
        try
        {
            var first = await reader.ReadNextSectionAsync(ct);
            if (first is null || !IsJson(first.ContentType))
            {
                return (null, parts, 400, "The first part of a multipart/mixed statement request must be the statements, with Content-Type application/json (Communication §1.5.2).");
            }

            JsonNode? body;
            try
            {
                body = XapiJson.Parse(await ReadAllAsync(first.Body, ct));
            }
            catch (XapiJsonException e)
            {
                return (null, parts, 400, "The first part: " + e.Message);
            }

            for (var index = 1; await reader.ReadNextSectionAsync(ct) is { } section; index++)
            {
                var (part, partError) = await ReadPartAsync(section, index, ct);
                if (part is null)
                {
                    return (null, parts, 400, partError);
                }

                parts.Add(part);
            }

            return (body, parts, 200, null);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            return (null, parts, 400, "The multipart/mixed body is malformed: " + e.Message);
        }
    }

    private static async Task<(AttachmentPayload? Part, string? Error)> ReadPartAsync(MultipartSection section, int index, CancellationToken ct)
    {
        var headers = section.Headers ?? [];
        if (!headers.TryGetValue(HashHeader, out var hashValues) || string.IsNullOrWhiteSpace(hashValues.ToString()))
        {
            return (null, $"Part {index} has no {HashHeader} header (Communication §1.5.2).");
        }

        if (headers.TryGetValue("Content-Transfer-Encoding", out var encoding)
            && !encoding.ToString().Trim().Equals("binary", StringComparison.OrdinalIgnoreCase))
        {
            return (null, $"Part {index} has Content-Transfer-Encoding '{encoding}'; attachment parts must be binary (Communication §1.5.2).");
        }

        var declared = hashValues.ToString().Trim().ToLowerInvariant();
        var content = await ReadAllAsync(section.Body, ct);
        byte[]? actual = declared.Length switch
        {
            64 => SHA256.HashData(content),
            96 => SHA384.HashData(content),
            128 => SHA512.HashData(content),
            _ => null,
        };
        if (actual is null)
        {
            return (null, $"Part {index}: {HashHeader} must be a hex SHA-256, SHA-384 or SHA-512 hash.");
        }

        if (Convert.ToHexStringLower(actual) != declared)
        {
            return (null, $"Part {index}: the data does not match its {HashHeader} '{declared}'.");
        }

        return (new AttachmentPayload(declared, section.ContentType ?? string.Empty, content), null);
    }

    /// <summary>
    /// A GET response with <c>attachments=true</c> (Communication §2.1.3): always multipart, the statements first,
    /// then each attachment once. The boundary is quoted and random, so it cannot occur in the parts.
    /// </summary>
    public static (byte[] Body, string ContentType) Write(byte[] statements, IReadOnlyList<AttachmentPayload> attachments)
    {
        var boundary = "lrs-" + Guid.NewGuid().ToString("N");
        using var body = new MemoryStream();
        Write(body, $"--{boundary}\r\nContent-Type: application/json\r\n\r\n");
        body.Write(statements);
        foreach (var attachment in attachments)
        {
            Write(body, $"\r\n--{boundary}\r\nContent-Type: {attachment.ContentType}\r\nContent-Transfer-Encoding: binary\r\n{HashHeader}: {attachment.Sha2}\r\n\r\n");
            body.Write(attachment.Content);
        }

        Write(body, $"\r\n--{boundary}--\r\n");
        return (body.ToArray(), $"multipart/mixed; boundary=\"{boundary}\"");
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type) && type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);

    private static async Task<byte[]> ReadAllAsync(Stream stream, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    private static void Write(Stream stream, string text) => stream.Write(Encoding.UTF8.GetBytes(text));
}
