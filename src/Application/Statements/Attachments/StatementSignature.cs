using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lrs.Application.Statements.Attachments;

/// <summary>
/// Data §2.6 Signed Statements: a signature attachment must be a JWS (compact serialisation) signed with RS256,
/// RS384 or RS512 whose payload is logically equivalent to the statement. When the JWS header carries an
/// <c>x5c</c> chain the signature is verified against its first certificate; without one the LRS has no key
/// to verify with and accepts a structurally valid signature (the spec asks for verification only "if the JWS
/// header includes an X.509 certificate").
/// </summary>
public static class StatementSignature
{
    public const string UsageType = "http://adlnet.gov/expapi/attachments/signature";

    /// <summary>Checks every signature attachment of <paramref name="statement"/> (as received); returns why one is rejected, or null.</summary>
    public static string? Check(JsonObject statement, IReadOnlyList<AttachmentPayload> payloads)
    {
        foreach (var attachment in statement["attachments"] is JsonArray a ? a.OfType<JsonObject>() : [])
        {
            if (attachment["usageType"]?.GetValue<string>() != UsageType)
            {
                continue;
            }

            var sha2 = StatementAttachments.Sha2(attachment);
            var payload = payloads.FirstOrDefault(p => p.Sha2 == sha2);
            if (payload is null)
            {
                return "The signature attachment must be sent as a multipart/mixed part so the LRS can verify it (Data §2.6).";
            }

            if (Verify(statement, payload.Content) is { } reason)
            {
                return "Invalid statement signature (Data §2.6): " + reason;
            }
        }

        return null;
    }

    private static string? Verify(JsonObject statement, byte[] content)
    {
        var jws = Encoding.ASCII.GetString(content).Trim();
        var segments = jws.Split('.');
        if (segments.Length != 3 || segments.Any(s => s.Length == 0))
        {
            return "the signature is not a JWS compact serialisation (three base64url segments separated by '.').";
        }

        JsonObject header, signed;
        byte[] signature;
        try
        {
            header = JsonNode.Parse(Base64Url.DecodeFromChars(segments[0])) as JsonObject ?? throw new FormatException();
            signed = JsonNode.Parse(Base64Url.DecodeFromChars(segments[1])) as JsonObject ?? throw new FormatException();
            signature = Base64Url.DecodeFromChars(segments[2]);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return "the JWS header and payload must be base64url-encoded JSON objects.";
        }

        var alg = (header["alg"] as JsonValue)?.TryGetValue<string>(out var name) == true ? name : null;
        HashAlgorithmName? hash = alg switch
        {
            "RS256" => HashAlgorithmName.SHA256,
            "RS384" => HashAlgorithmName.SHA384,
            "RS512" => HashAlgorithmName.SHA512,
            _ => null,
        };
        if (hash is null)
        {
            return $"the JWS algorithm must be RS256, RS384 or RS512, not '{alg}'.";
        }

        if (!StatementComparer.AreEquivalent(signed, statement))
        {
            return "the JWS payload is not logically equivalent to the statement.";
        }

        if (header["x5c"] is null)
        {
            return null;
        }

        try
        {
            var first = (header["x5c"] as JsonArray)?.FirstOrDefault()?.GetValue<string>() ?? throw new FormatException();
            using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(first));
            using var rsa = certificate.GetRSAPublicKey();
            if (rsa is null)
            {
                return "the first x5c certificate does not hold an RSA key.";
            }

            var input = Encoding.ASCII.GetBytes(segments[0] + "." + segments[1]);
            return rsa.VerifyData(input, signature, hash.Value, RSASignaturePadding.Pkcs1)
                ? null
                : "the JWS signature does not verify against the first x5c certificate.";
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or CryptographicException)
        {
            return "the JWS x5c header must be an array of base64-encoded X.509 certificates.";
        }
    }
}
