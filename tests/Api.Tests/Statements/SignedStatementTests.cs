using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Lrs.Api.Tests.Support;
using static Lrs.Api.Tests.Support.Multipart;
using static Lrs.Api.Tests.Support.Statements;

namespace Lrs.Api.Tests.Statements;

/// <summary>Data §2.6 Signed Statements: a JWS signature attachment, checked before the statement is stored.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SignedStatementTests(PostgresLrsFactory lrs)
{
    private readonly HttpClient _client = lrs.Xapi();

    [Fact] // Data §2.6: RS256 JWS of the statement, verified against its x5c certificate
    public async Task PostStatements_ValidSignature_Returns200()
    {
        using var key = RSA.Create(2048);
        using var certificate = SelfSigned(key);
        var statement = Statement(id: Guid.NewGuid());
        var (signed, part) = Signed(statement, Jws(X5cHeader("RS256", certificate), statement, key, HashAlgorithmName.SHA256));

        var response = await _client.PostAsync("/xapi/statements", Content(signed, part));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact] // Data §2.6: RS512 is one of the allowed algorithms
    public async Task PutStatement_ValidRs512Signature_Returns204()
    {
        using var key = RSA.Create(2048);
        using var certificate = SelfSigned(key);
        var id = Guid.NewGuid();
        var statement = Statement();
        var (signed, part) = Signed(statement, Jws(X5cHeader("RS512", certificate), statement, key, HashAlgorithmName.SHA512));

        var response = await _client.PutAsync($"/xapi/statements?statementId={id}", Content(signed, part));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact] // Data §2.6: the JWS payload must be logically equivalent to the statement
    public async Task PostStatements_SignedPayloadDiffersFromStatement_Returns400()
    {
        using var key = RSA.Create(2048);
        using var certificate = SelfSigned(key);
        var statement = Statement(id: Guid.NewGuid());
        var tampered = (JsonObject)statement.DeepClone();
        tampered["verb"]!["id"] = "http://adlnet.gov/expapi/verbs/passed";
        var (signed, part) = Signed(statement, Jws(X5cHeader("RS256", certificate), tampered, key, HashAlgorithmName.SHA256));

        await AssertRejectedAsync(signed, part, "not logically equivalent");
    }

    [Fact] // Data §2.6: the algorithm MUST be RS256, RS384 or RS512
    public async Task PostStatements_Hs256Signature_Returns400()
    {
        var statement = Statement(id: Guid.NewGuid());
        var header = new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT" };
        var signingInput = System.Buffers.Text.Base64Url.EncodeToString(Bytes(header.ToJsonString())) + "."
            + System.Buffers.Text.Base64Url.EncodeToString(Bytes(statement.ToJsonString()));
        var mac = HMACSHA256.HashData(Bytes("shared secret"), Bytes(signingInput));
        var (signed, part) = Signed(statement, signingInput + "." + System.Buffers.Text.Base64Url.EncodeToString(mac));

        await AssertRejectedAsync(signed, part, "RS256, RS384 or RS512");
    }

    [Fact] // Data §2.6: the signature is validated against the x5c certificate
    public async Task PostStatements_SignatureNotFromCertificateKey_Returns400()
    {
        using var key = RSA.Create(2048);
        using var other = RSA.Create(2048);
        using var certificate = SelfSigned(key);
        var statement = Statement(id: Guid.NewGuid());
        var (signed, part) = Signed(statement, Jws(X5cHeader("RS256", certificate), statement, other, HashAlgorithmName.SHA256));

        await AssertRejectedAsync(signed, part, "does not verify");
    }

    [Fact] // Data §2.6: a malformed signature is rejected
    public async Task PostStatements_SignatureNotAJws_Returns400()
    {
        var statement = Statement(id: Guid.NewGuid());
        var (signed, part) = Signed(statement, "not a jws");

        await AssertRejectedAsync(signed, part, "compact serialisation");
    }

    [Fact] // Data §2.6: without x5c there is no key to verify with; a well-formed RS256 JWS is accepted
    public async Task PostStatements_SignatureWithoutX5c_Returns200()
    {
        using var key = RSA.Create(2048);
        var statement = Statement(id: Guid.NewGuid());
        var (signed, part) = Signed(statement, Jws(new JsonObject { ["alg"] = "RS256" }, statement, key, HashAlgorithmName.SHA256));

        var response = await _client.PostAsync("/xapi/statements", Content(signed, part));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact] // Data §2.6: the LRS must decode the JWS, so it must receive the signature's data
    public async Task PostStatements_SignatureOnlyByFileUrl_Returns400()
    {
        var statement = Statement(id: Guid.NewGuid());
        var signature = Attachment(Bytes("a.b.c"), "application/octet-stream", "http://example.com/signature.jws", SignatureUsage);
        var response = await _client.PostAsync("/xapi/statements", Json(WithAttachments(statement, signature)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("multipart/mixed part", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task AssertRejectedAsync(JsonObject statement, Part part, string reason)
    {
        var response = await _client.PostAsync("/xapi/statements", Content(statement, part));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, body, StringComparison.Ordinal);
        var id = statement["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/xapi/statements?statementId={id}")).StatusCode);
    }
}
