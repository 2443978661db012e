using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Lrs.Api.Tests.Support;
using Npgsql;
using static Lrs.Api.Tests.Support.Multipart;
using static Lrs.Api.Tests.Support.Statements;

namespace Lrs.Api.Tests.Statements;

/// <summary>Statements with attachments on PostgreSQL (Communication §1.5.2, §2.1.3 attachments, Data §2.4.11).</summary>
[Collection(PostgresCollection.Name)]
public sealed class AttachmentTests(PostgresLrsFactory lrs)
{
    private readonly HttpClient _client = lrs.Xapi();

    [Fact] // Communication §1.5.2: POST multipart/mixed with one attachment; §2.1.3: attachments=true returns it
    public async Task PostStatements_MultipartWithOneAttachment_StoresItAndGetReturnsThePart()
    {
        var data = Bytes("here is a simple attachment");
        var statement = WithAttachments(Statement(), Attachment(data, "text/plain; charset=ascii"));

        var response = await _client.PostAsync("/xapi/statements", Content(new JsonArray(statement), Part.For(data)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = JsonNode.Parse(await response.Content.ReadAsStringAsync())![0]!.GetValue<string>();
        var parts = await ReadAsync(await _client.GetAsync($"/xapi/statements?statementId={id}&attachments=true"));
        Assert.Equal(2, parts.Count);
        Assert.StartsWith("application/json", parts[0].Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal(id, JsonNode.Parse(parts[0].Body)!["id"]!.GetValue<string>());
        Assert.Equal(data, parts[1].Body);
        Assert.Equal("text/plain", parts[1].Headers["Content-Type"]);
        Assert.Equal("binary", parts[1].Headers["Content-Transfer-Encoding"]);
        Assert.Equal(Sha256(parts[1].Body), parts[1].Headers["X-Experience-API-Hash"]);
    }

    [Fact] // Communication §1.5.2: the spec's own example request, boundary characters and all
    public async Task PostStatements_SpecExampleRequest_Returns200()
    {
        const string boundary = "abcABC0123'()+_,-./:=?";
        var statement = WithAttachments(Statement(), Attachment(Bytes("here is a simple attachment"), "text/plain; charset=ascii"));
        Assert.Equal("495395e777cd98da653df9615d09c0fd6bb2f8d4788394cd53c56a3bfdcd848a", statement["attachments"]![0]!["sha2"]!.GetValue<string>());
        var body = $"--{boundary}\r\nContent-Type:application/json\r\n\r\n{statement.ToJsonString()}\r\n"
            + $"--{boundary}\r\nContent-Type:text/plain\r\nContent-Transfer-Encoding:binary\r\n"
            + "X-Experience-API-Hash:495395e777cd98da653df9615d09c0fd6bb2f8d4788394cd53c56a3bfdcd848a\r\n\r\n"
            + $"here is a simple attachment\r\n--{boundary}--";
        var content = new ByteArrayContent(Bytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/mixed; boundary=\"{boundary}\"");

        var response = await _client.PostAsync("/xapi/statements", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact] // Communication §1.5.2: POST with two attachments; §2.1.3: each returned with its hash
    public async Task PostStatements_MultipartWithTwoAttachments_GetReturnsBothParts()
    {
        byte[] first = Bytes("first attachment"), second = [0, 1, 2, 255, 13, 10, 45, 45];
        var activity = NewActivity();
        var statement = WithAttachments(Statement(activity: activity), Attachment(first), Attachment(second, "application/octet-stream"));

        var response = await _client.PostAsync("/xapi/statements",
            Content(statement, Part.For(first), Part.For(second, "application/octet-stream")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var parts = await ReadAsync(await _client.GetAsync($"/xapi/statements?activity={Q(activity)}&attachments=true"));
        Assert.Single(JsonNode.Parse(parts[0].Body)!["statements"]!.AsArray());
        var attachments = parts.Skip(1).ToDictionary(p => p.Headers["X-Experience-API-Hash"], p => p.Body);
        Assert.Equal(2, attachments.Count);
        Assert.Equal(first, attachments[Sha256(first)]);
        Assert.Equal(second, attachments[Sha256(second)]);
        Assert.All(attachments, a => Assert.Equal(a.Key, Sha256(a.Value)));
    }

    [Fact] // Communication §1.5.2 with §2.1.1: PUT multipart/mixed with one attachment
    public async Task PutStatement_MultipartWithOneAttachment_Returns204AndStoresIt()
    {
        var data = Bytes("put attachment");
        var id = Guid.NewGuid();

        var response = await _client.PutAsync($"/xapi/statements?statementId={id}",
            Content(WithAttachments(Statement(), Attachment(data)), Part.For(data)));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var parts = await ReadAsync(await _client.GetAsync($"/xapi/statements?statementId={id}&attachments=true"));
        Assert.Equal(data, Assert.Single(parts.Skip(1)).Body);
    }

    [Fact] // Communication §1.5.2 with §2.1.1: PUT multipart/mixed with two attachments
    public async Task PutStatement_MultipartWithTwoAttachments_Returns204AndStoresBoth()
    {
        byte[] first = Bytes("one of two"), second = Bytes("two of two");
        var id = Guid.NewGuid();

        var response = await _client.PutAsync($"/xapi/statements?statementId={id}",
            Content(WithAttachments(Statement(), Attachment(first), Attachment(second)), Part.For(first), Part.For(second)));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var parts = await ReadAsync(await _client.GetAsync($"/xapi/statements?statementId={id}&attachments=true"));
        Assert.Equal(
            new[] { Sha256(first), Sha256(second) }.Order(StringComparer.Ordinal),
            parts.Skip(1).Select(p => p.Headers["X-Experience-API-Hash"]).Order(StringComparer.Ordinal));
    }

    [Fact] // Communication §1.5.2: one copy of an attachment shared by statements; stored once per hash
    public async Task PostStatements_SameAttachmentInTwoStatements_StoredOnceAndReturnedOnce()
    {
        var data = Bytes("shared certificate " + Guid.NewGuid());
        var (tenantId, client) = await lrs.NewTenantAsync();
        var activity = NewActivity();
        var batch = new JsonArray(
            WithAttachments(Statement(activity: activity), Attachment(data)),
            WithAttachments(Statement(activity: activity), Attachment(data)));

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/xapi/statements", Content(batch, Part.For(data)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/xapi/statements",
            Content(WithAttachments(Statement(activity: activity), Attachment(data)), Part.For(data)))).StatusCode);

        Assert.Equal(1, await CountAttachmentsAsync(tenantId, Sha256(data)));
        var parts = await ReadAsync(await client.GetAsync($"/xapi/statements?activity={Q(activity)}&attachments=true"));
        Assert.Equal(3, JsonNode.Parse(parts[0].Body)!["statements"]!.AsArray().Count);
        Assert.Equal(data, Assert.Single(parts.Skip(1)).Body);
    }

    [Fact] // Communication §1.5.2: an attachment with neither fileUrl nor a matching part is rejected
    public async Task PostStatements_MultipartMissingPart_Returns400AndStoresNothing()
    {
        var statement = WithAttachments(Statement(id: Guid.NewGuid()), Attachment(Bytes("never sent")));
        await AssertRejectedAsync(statement, Content(statement), "fileUrl");
    }

    [Fact] // Communication §1.5.2: every part must belong to an attachment of the statements
    public async Task PostStatements_MultipartExtraPart_Returns400AndStoresNothing()
    {
        var data = Bytes("declared");
        var statement = WithAttachments(Statement(id: Guid.NewGuid()), Attachment(data));
        await AssertRejectedAsync(statement, Content(statement, Part.For(data), Part.For(Bytes("undeclared"))), "matches no attachment");
    }

    [Fact] // Communication §1.5.2: parts are matched by the SHA-2 of their data
    public async Task PostStatements_PartHashDiffersFromData_Returns400AndStoresNothing()
    {
        var data = Bytes("original");
        var statement = WithAttachments(Statement(id: Guid.NewGuid()), Attachment(data));
        var tampered = new Part(Bytes("tampered"), "text/plain", Sha256(data));
        await AssertRejectedAsync(statement, Content(statement, tampered), "does not match");
    }

    [Fact] // Communication §1.5.2: each part after the first MUST carry X-Experience-API-Hash
    public async Task PostStatements_PartWithoutHashHeader_Returns400AndStoresNothing()
    {
        var data = Bytes("no hash header");
        var statement = WithAttachments(Statement(id: Guid.NewGuid()), Attachment(data));
        await AssertRejectedAsync(statement, Content(statement, new Part(data, "text/plain", null)), "X-Experience-API-Hash");
    }

    [Fact] // Communication §1.5.2: the first part MUST be the statements as application/json
    public async Task PostStatements_FirstPartNotJson_Returns400AndStoresNothing()
    {
        var data = Bytes("attachment");
        var statement = WithAttachments(Statement(id: Guid.NewGuid()), Attachment(data));
        var first = new StringContent(statement.ToJsonString(), Encoding.UTF8, "text/plain");
        await AssertRejectedAsync(statement, Content(first, Part.For(data)), "first part");
    }

    [Fact] // Communication §1.5.1, §1.5.2: an application/json request must give a fileUrl for every attachment
    public async Task PostStatements_JsonWithAttachmentWithoutFileUrl_Returns400AndStoresNothing()
    {
        var statement = WithAttachments(Statement(id: Guid.NewGuid()), Attachment(Bytes("elsewhere")));
        await AssertRejectedAsync(statement, Json(statement), "fileUrl");
    }

    [Fact] // Communication §1.5.1: application/json with only fileUrl attachments is accepted
    public async Task PostStatements_JsonWithFileUrlAttachment_Returns200()
    {
        var statement = WithAttachments(Statement(), Attachment(Bytes("remote"), fileUrl: "http://example.com/remote.txt"));
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsync("/xapi/statements", Json(statement))).StatusCode);
    }

    [Fact] // Communication §1.5.2: multipart/mixed with only fileUrl attachments and no parts is accepted
    public async Task PostStatements_MultipartWithFileUrlAttachmentAndNoParts_Returns200()
    {
        var statement = WithAttachments(Statement(), Attachment(Bytes("remote"), fileUrl: "http://example.com/remote.txt"));
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsync("/xapi/statements", Content(statement))).StatusCode);
    }

    [Fact] // Communication §1.5.2: the LRS MAY reject statements larger than it allows; §3.2: 413
    public async Task PostStatements_MultipartOverMaxBodyBytes_Returns413()
    {
        var data = new byte[LrsFactory.MaxBodyBytes + 1];
        var statement = WithAttachments(Statement(), Attachment(data, "application/octet-stream"));
        var response = await _client.PostAsync("/xapi/statements", Content(statement, Part.For(data, "application/octet-stream")));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact] // Communication §2.1.3: attachments=true is multipart even without attachments; false stays JSON
    public async Task GetStatements_AttachmentsParameter_SelectsMultipartOrJson()
    {
        var id = (await PostAsync(_client, Statement()))[0];

        var multipart = await ReadAsync(await _client.GetAsync($"/xapi/statements?statementId={id}&attachments=true"));
        Assert.Equal(id.ToString(), JsonNode.Parse(Assert.Single(multipart).Body)!["id"]!.GetValue<string>());
        var json = await _client.GetAsync($"/xapi/statements?statementId={id}&attachments=false");
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
    }

    private async Task AssertRejectedAsync(JsonObject statement, HttpContent content, string reason)
    {
        var response = await _client.PostAsync("/xapi/statements", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, body, StringComparison.Ordinal);
        var id = statement["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/xapi/statements?statementId={id}")).StatusCode);
    }

    private async Task<long> CountAttachmentsAsync(Guid tenantId, string sha2)
    {
        await using var connection = new NpgsqlConnection(lrs.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(
            "SELECT set_config('lrs.tenant_id', @tenant::text, true); SELECT count(*) FROM attachments WHERE sha2 = @sha2", connection, tx);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("sha2", sha2);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.NextResultAsync();
        await reader.ReadAsync();
        return reader.GetInt64(0);
    }
}

/// <summary>Attachments on the embedded SQLite database (Communication §1.5.2, §2.1.3).</summary>
[Collection(SqliteCollection.Name)]
public sealed class SqliteAttachmentTests(SqliteLrsFactory lrs)
{
    [Fact] // Communication §1.5.2, §2.1.3: store a shared attachment once and return it with attachments=true
    public async Task PostStatements_MultipartSharedAttachment_GetReturnsItOnce()
    {
        var client = lrs.Xapi();
        var data = Bytes("sqlite attachment");
        var activity = NewActivity();
        var batch = new JsonArray(
            WithAttachments(Statement(activity: activity), Attachment(data)),
            WithAttachments(Statement(activity: activity), Attachment(data)));

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/xapi/statements", Content(batch, Part.For(data)))).StatusCode);

        var parts = await ReadAsync(await client.GetAsync($"/xapi/statements?activity={Q(activity)}&attachments=true"));
        Assert.Equal(2, JsonNode.Parse(parts[0].Body)!["statements"]!.AsArray().Count);
        var part = Assert.Single(parts.Skip(1));
        Assert.Equal(data, part.Body);
        Assert.Equal(Sha256(data), part.Headers["X-Experience-API-Hash"]);
    }
}
