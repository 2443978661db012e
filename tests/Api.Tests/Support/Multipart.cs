using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace Lrs.Api.Tests.Support;

/// <summary>An attachment part of a multipart/mixed request (Communication §1.5.2); a null hash leaves the header out.</summary>
public sealed record Part(byte[] Content, string ContentType, string? Hash)
{
    public static Part For(byte[] content, string contentType = "text/plain") => new(content, contentType, Multipart.Sha256(content));
}

/// <summary>Builds multipart/mixed statement requests, reads multipart responses, and signs statements (Data §2.6).</summary>
public static class Multipart
{
    public const string SignatureUsage = "http://adlnet.gov/expapi/attachments/signature";

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    public static JsonObject Attachment(byte[] content, string contentType = "text/plain", string? fileUrl = null,
        string usageType = "http://example.com/attachment-usage/test")
    {
        var attachment = new JsonObject
        {
            ["usageType"] = usageType,
            ["display"] = new JsonObject { ["en-US"] = "A test attachment" },
            ["contentType"] = contentType,
            ["length"] = content.Length,
            ["sha2"] = Sha256(content),
        };
        if (fileUrl is not null)
        {
            attachment["fileUrl"] = fileUrl;
        }

        return attachment;
    }

    public static JsonObject WithAttachments(JsonObject statement, params JsonObject[] attachments)
    {
        statement["attachments"] = new JsonArray(attachments.Select(a => (JsonNode)a.DeepClone()).ToArray());
        return statement;
    }

    public static MultipartContent Content(JsonNode statements, params Part[] parts) =>
        Content(new StringContent(statements.ToJsonString(), Encoding.UTF8, "application/json"), parts);

    public static MultipartContent Content(HttpContent first, params Part[] parts)
    {
        var content = new MultipartContent("mixed") { first };
        foreach (var part in parts)
        {
            var data = new ByteArrayContent(part.Content);
            data.Headers.ContentType = MediaTypeHeaderValue.Parse(part.ContentType);
            data.Headers.Add("Content-Transfer-Encoding", "binary");
            if (part.Hash is not null)
            {
                data.Headers.Add("X-Experience-API-Hash", part.Hash);
            }

            content.Add(data);
        }

        return content;
    }

    /// <summary>The parts of a multipart response: each part's headers and data.</summary>
    public static async Task<List<(Dictionary<string, string> Headers, byte[] Body)>> ReadAsync(HttpResponseMessage response)
    {
        var type = response.Content.Headers.ContentType!;
        Assert.Equal("multipart/mixed", type.MediaType);
        var boundary = type.Parameters.Single(p => p.Name == "boundary").Value!;
        Assert.StartsWith("\"", boundary, StringComparison.Ordinal); // quoted, as Communication §1.5.2's example
        var reader = new MultipartReader(boundary.Trim('"'), await response.Content.ReadAsStreamAsync());
        var parts = new List<(Dictionary<string, string>, byte[])>();
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            using var body = new MemoryStream();
            await section.Body.CopyToAsync(body);
            parts.Add((section.Headers!.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body.ToArray()));
        }

        return parts;
    }

    /// <summary>A JWS compact serialisation of <paramref name="payload"/> with the given header and signing key.</summary>
    public static string Jws(JsonObject header, JsonNode payload, RSA key, HashAlgorithmName hash)
    {
        var signingInput = Base64Url.EncodeToString(Bytes(header.ToJsonString())) + "." + Base64Url.EncodeToString(Bytes(payload.ToJsonString()));
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), hash, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    public static X509Certificate2 SelfSigned(RSA key) =>
        new CertificateRequest("CN=Lrs test signer", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

    public static JsonObject X5cHeader(string alg, X509Certificate2 certificate) => new()
    {
        ["alg"] = alg,
        ["x5c"] = new JsonArray(Convert.ToBase64String(certificate.RawData)),
    };

    /// <summary>The statement with a signature attachment for <paramref name="jws"/>, and the part carrying it.</summary>
    public static (JsonObject Statement, Part Part) Signed(JsonObject statement, string jws)
    {
        var data = Encoding.ASCII.GetBytes(jws);
        var signed = WithAttachments((JsonObject)statement.DeepClone(), Attachment(data, "application/octet-stream", usageType: SignatureUsage));
        return (signed, Part.For(data, "application/octet-stream"));
    }
}
