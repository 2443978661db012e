using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Lrs.Api.Tests.Support;
using static Lrs.Api.Tests.Support.Statements;

namespace Lrs.Api.Tests.Statements;

/// <summary>PUT and POST of statements on PostgreSQL (Communication §2.1.1–2.1.2, Data §2).</summary>
[Collection(PostgresCollection.Name)]
public sealed class StatementWriteTests(PostgresLrsFactory lrs)
{
    private readonly HttpClient _client = lrs.Xapi();

    [Fact] // Communication §2.1.1: statementId is required
    public async Task PutStatement_WithoutStatementId_Returns400()
    {
        var response = await _client.PutAsync("/xapi/statements", Json(Statement()));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact] // Communication §2.1.1: the statement's id must match statementId
    public async Task PutStatement_IdDiffersFromParameter_Returns400()
    {
        var response = await PutAsync(_client, Guid.NewGuid(), Statement(id: Guid.NewGuid()));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact] // Communication §2.1.1
    public async Task PutStatement_MalformedStatementId_Returns400()
    {
        var response = await _client.PutAsync("/xapi/statements?statementId=not-a-uuid", Json(Statement()));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact] // Communication §2.1.2: two statements with one id in a batch are rejected, nothing stored
    public async Task PostStatements_DuplicateIdsInBatch_Returns400AndStoresNothing()
    {
        var id = Guid.NewGuid();
        var response = await PostJsonAsync(_client, new JsonArray(Statement(id: id), Statement(id: id)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/xapi/statements?statementId={id}")).StatusCode);
    }

    [Fact] // Communication §2.1.2: a conflict anywhere in the batch rejects it whole
    public async Task PostStatements_ConflictInBatch_Returns409AndStoresNothingElse()
    {
        var existing = Guid.NewGuid();
        await PostAsync(_client, Statement(id: existing));
        var fresh = Guid.NewGuid();
        var response = await PostJsonAsync(_client, new JsonArray(Statement(id: fresh), Statement(id: existing)));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/xapi/statements?statementId={fresh}")).StatusCode);
    }

    [Fact] // Communication §2.1.2: re-posting an identical statement is a no-op that still answers its id
    public async Task PostStatements_SameIdSameContent_Returns200WithTheId()
    {
        var statement = Statement(id: Guid.NewGuid());
        var first = await PostAsync(_client, statement);
        var second = await PostAsync(_client, statement);
        Assert.Equal(first, second);
    }

    [Fact] // Data §2.3.1: differences the LRS may introduce are ignored when comparing
    public async Task PostStatements_SameIdWithOnlyTimestampZoneChanged_IsNotAConflict()
    {
        var statement = Statement(id: Guid.NewGuid());
        statement["timestamp"] = "2026-01-01T12:00:00Z";
        await PostAsync(_client, statement);
        statement["timestamp"] = "2026-01-01T13:00:00+01:00";
        var response = await PostJsonAsync(_client, new JsonArray(statement.DeepClone()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact] // Data §2.4.8, §2.4.9, §2.4.10: stored, authority and version are set by the LRS
    public async Task PostStatements_SetsStoredAuthorityAndVersion_OverwritingGivenAuthority()
    {
        var statement = Statement();
        statement["authority"] = new JsonObject { ["objectType"] = "Agent", ["mbox"] = "mailto:impostor@example.com" };
        var id = (await PostAsync(_client, statement))[0];
        var stored = JsonNode.Parse(await _client.GetStringAsync($"/xapi/statements?statementId={id}"))!;
        Assert.Equal(LrsFactory.Key, stored["authority"]!["account"]!["name"]!.GetValue<string>());
        Assert.Equal("1.0.0", stored["version"]!.GetValue<string>());
        Assert.True(DateTimeOffset.Parse(stored["stored"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
            > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact] // Data §2.4.7: timestamp defaults to stored
    public async Task PostStatements_WithoutTimestamp_TimestampEqualsStored()
    {
        var id = (await PostAsync(_client, Statement()))[0];
        var stored = JsonNode.Parse(await _client.GetStringAsync($"/xapi/statements?statementId={id}"))!;
        Assert.Equal(stored["stored"]!.GetValue<string>(), stored["timestamp"]!.GetValue<string>());
    }

    [Fact] // Data §2.4.7: a given timestamp is kept as sent
    public async Task PostStatements_WithTimestamp_KeepsIt()
    {
        var statement = Statement();
        statement["timestamp"] = "2025-03-04T05:06:07.891+02:00";
        var id = (await PostAsync(_client, statement))[0];
        var stored = JsonNode.Parse(await _client.GetStringAsync($"/xapi/statements?statementId={id}"))!;
        Assert.Equal("2025-03-04T05:06:07.891+02:00", stored["timestamp"]!.GetValue<string>());
    }

    [Theory] // Data §2.2: invalid structures are rejected with 400 naming the property
    [InlineData("actor", "{\"mbox\":\"mailto:a@example.com\",\"openid\":\"http://example.com/a\"}", "actor")]
    [InlineData("verb", "{\"display\":{\"en-US\":\"x\"}}", "verb.id")]
    [InlineData("verb", "{\"id\":\"no-scheme\"}", "verb.id")]
    [InlineData("object", "{\"id\":\"http://example.com/a\",\"objectType\":\"activity\"}", "object.objectType")]
    [InlineData("result", "{\"score\":{\"scaled\":1.5}}", "result.score.scaled")]
    [InlineData("result", "{\"success\":\"true\"}", "result.success")]
    [InlineData("context", "{\"registration\":\"abc\"}", "context.registration")]
    [InlineData("timestamp", "\"yesterday\"", "timestamp")]
    [InlineData("unknown", "1", "unknown")]
    [InlineData("verb", "null", "verb")]
    public async Task PostStatements_InvalidProperty_Returns400NamingIt(string property, string json, string expectedInMessage)
    {
        var statement = Statement();
        statement[property] = JsonNode.Parse(json);
        var response = await PostJsonAsync(_client, statement);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expectedInMessage, body, StringComparison.Ordinal);
    }

    [Fact] // Communication §3.2: malformed JSON is a 400 that says where
    public async Task PostStatements_MalformedJson_Returns400WithPosition()
    {
        var response = await _client.PostAsync("/xapi/statements", new StringContent("{\"actor\": ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("line", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact] // Communication §3.2: content type must match the content
    public async Task PostStatements_TextPlain_Returns400()
    {
        var response = await _client.PostAsync("/xapi/statements", new StringContent(Statement().ToJsonString(), Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact] // Communication §3.2: a statement larger than the LRS accepts gets 413
    public async Task PostStatements_BodyOverLimit_Returns413()
    {
        var statement = Statement();
        statement["result"] = new JsonObject { ["response"] = new string('x', LrsFactory.MaxBodyBytes) };
        var response = await PostJsonAsync(_client, statement);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory] // Communication §2.1.2: a batch is stored whole, whether or not the client sent its length
    [InlineData(true)]
    [InlineData(false)]
    public async Task PostStatements_BatchLargerThanFirstReadBuffer_StoresEveryStatementIntact(bool contentLength)
    {
        var padding = new string('p', 2000);
        var batch = new JsonArray(Enumerable.Range(0, 40).Select(i =>
        {
            var statement = Statement(id: Guid.NewGuid());
            statement["result"] = new JsonObject { ["response"] = $"{i}:{padding}" };
            return (JsonNode)statement;
        }).ToArray());

        var response = contentLength ? await _client.PostAsync("/xapi/statements", Json(batch)) : await PostJsonAsync(_client, batch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ids = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Select(n => n!.GetValue<string>()).ToArray();
        Assert.Equal(batch.Select(s => s!["id"]!.GetValue<string>()), ids);
        var last = await GetResultAsync(_client, $"?statementId={ids[^1]}");
        Assert.Equal($"39:{padding}", last["result"]!["response"]!.GetValue<string>());
    }

    [Fact] // Communication §3.2: unknown parameters are rejected
    public async Task PostStatements_UnknownParameter_Returns400()
    {
        var response = await _client.PostAsync("/xapi/statements?foo=bar", Json(Statement()));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact] // Data §2.2: a statement property given twice is rejected
    public async Task PostStatements_DuplicateProperty_Returns400()
    {
        var json = Statement().ToJsonString().Replace("\"verb\":", "\"verb\":{\"id\":\"http://example.com/v\"},\"verb\":", StringComparison.Ordinal);
        var response = await _client.PostAsync("/xapi/statements", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact] // Communication §2.1.2: an empty batch stores nothing and answers an empty list
    public async Task PostStatements_EmptyArray_Returns200EmptyList()
    {
        var response = await PostJsonAsync(_client, new JsonArray());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[]", await response.Content.ReadAsStringAsync());
    }

    [Fact] // Data §2.3.2: a voiding statement cannot be voided
    public async Task PostStatements_VoidingAVoidingStatement_Returns400()
    {
        var target = (await PostAsync(_client, Statement()))[0];
        var voiding = (await PostAsync(_client, Voiding(target)))[0];
        var response = await PostJsonAsync(_client, new JsonArray(Voiding(voiding)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact] // Data §2.3.2: the voided target need not exist; it is voided when it arrives
    public async Task VoidingStatement_TargetArrivesLater_TargetIsVoided()
    {
        var target = Guid.NewGuid();
        await PostAsync(_client, Voiding(target));
        await PostAsync(_client, Statement(id: target));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/xapi/statements?statementId={target}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/xapi/statements?voidedStatementId={target}")).StatusCode);
    }

    [Fact] // Communication §2.1.3: voidedStatementId only returns voided statements
    public async Task GetVoidedStatementId_OfStatementNotVoided_Returns404()
    {
        var id = (await PostAsync(_client, Statement()))[0];
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/xapi/statements?voidedStatementId={id}")).StatusCode);
    }

    [Fact] // Nothing acknowledged is lost: many concurrent writers, every acknowledged id is readable
    public async Task PostStatements_ConcurrentRequests_AllAcknowledgedStatementsAreStored()
    {
        var activity = NewActivity();
        var tasks = Enumerable.Range(0, 40).Select(_ => PostAsync(_client, Statement(activity: activity), Statement(activity: activity)));
        var ids = (await Task.WhenAll(tasks)).SelectMany(i => i).ToHashSet();
        var listed = await GetResultAsync(_client, $"?activity={Q(activity)}&limit=100");
        var found = listed["statements"]!.AsArray().Select(s => Guid.Parse(s!["id"]!.GetValue<string>())).ToHashSet();
        Assert.Equal(80, ids.Count);
        Assert.True(ids.SetEquals(found));
    }
}
