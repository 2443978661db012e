using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Lrs.Api.Tests.Support;
using static Lrs.Api.Tests.Documents.Documents;
using static Lrs.Api.Tests.Support.Statements;

namespace Lrs.Api.Tests.Documents;

/// <summary>The core of the three document resources, run on both databases.</summary>
public abstract class DocumentSmokeTests(LrsFactory lrs)
{
    [Fact] // Communication §2.2, §2.3: arbitrary content stored and returned byte for byte, with its Content-Type, ETag, Last-Modified
    public async Task PutState_BinaryContent_RoundTripsByteForByte()
    {
        var client = lrs.Xapi();
        var uri = StateUri(NewActivity(), Agent(), "bytes");
        var bytes = Enumerable.Range(0, 4096).Select(i => (byte)(i * 7 % 256)).ToArray();

        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, uri, Body(bytes, "image/png")));

        var response = await client.GetAsync(uri);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(ETagOf(bytes), ETag(response));
        Assert.NotNull(response.Content.Headers.LastModified);
    }

    [Fact] // Communication §2.2 JSON procedure: POST merges top-level properties
    public async Task PostState_JsonOntoJson_MergesTopLevelProperties()
    {
        var client = lrs.Xapi();
        var uri = StateUri(NewActivity(), Agent(), "vars");
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, uri, JsonBody("""{"x":"foo","y":"bar"}""")));
        await AssertStatusAsync(HttpStatusCode.NoContent, PostAsync(client, uri, JsonBody("""{"x":"bash","z":"faz"}""")));

        var merged = await GetJsonAsync(client, uri);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"x":"bash","y":"bar","z":"faz"}"""), merged));
    }

    [Fact] // Communication §3.1: a PUT without preconditions to an existing profile document is 409; If-Match with the ETag replaces it
    public async Task PutActivityProfile_ExistingWithoutPrecondition_Returns409()
    {
        var client = lrs.Xapi();
        var uri = ActivityProfileUri(NewActivity(), "profile");
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, uri, TextBody("one")));
        await AssertStatusAsync(HttpStatusCode.Conflict, PutAsync(client, uri, TextBody("two")));
        await AssertStatusAsync(HttpStatusCode.PreconditionFailed, PutAsync(client, uri, TextBody("two"), ifMatch: ETagOf("stale")));
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, uri, TextBody("two"), ifMatch: ETagOf("one")));
        Assert.Equal("two", await client.GetStringAsync(uri));
    }

    [Fact] // Communication §2.6: multiple-document GET with since, and single DELETE
    public async Task GetAgentProfiles_Since_ReturnsLaterIdsOnly()
    {
        var client = lrs.Xapi();
        var agent = Agent();
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, AgentProfileUri(agent, "early"), TextBody("a")));
        await Task.Delay(50);
        var since = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
        await Task.Delay(50);
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, AgentProfileUri(agent, "late"), TextBody("b")));

        Assert.Equal(["early", "late"], await GetIdsAsync(client, AgentProfileUri(agent)));
        Assert.Equal(["late"], await GetIdsAsync(client, AgentProfileUri(agent, since: since)));

        await AssertStatusAsync(HttpStatusCode.NoContent, DeleteAsync(client, AgentProfileUri(agent, "early")));
        await AssertStatusAsync(HttpStatusCode.NotFound, client.GetAsync(AgentProfileUri(agent, "early")));
    }

    [Fact] // Communication §2.3: a registration is part of the context; DELETE without stateId removes the context's states
    public async Task DeleteStates_WithRegistration_RemovesOnlyThatRegistration()
    {
        var client = lrs.Xapi();
        var (activity, agent, registration) = (NewActivity(), Agent(), Guid.NewGuid());
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, StateUri(activity, agent, "s"), TextBody("none")));
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, StateUri(activity, agent, "s", registration), TextBody("reg")));
        Assert.Equal("none", await client.GetStringAsync(StateUri(activity, agent, "s")));
        Assert.Equal("reg", await client.GetStringAsync(StateUri(activity, agent, "s", registration)));

        await AssertStatusAsync(HttpStatusCode.NoContent, DeleteAsync(client, StateUri(activity, agent, registration: registration)));
        await AssertStatusAsync(HttpStatusCode.NotFound, client.GetAsync(StateUri(activity, agent, "s", registration)));
        Assert.Equal("none", await client.GetStringAsync(StateUri(activity, agent, "s")));
    }

    [Fact] // Communication §1.1: HEAD answers as GET would, without the body
    public async Task HeadState_ExistingDocument_ReturnsHeadersWithoutBody()
    {
        var client = lrs.Xapi();
        var uri = StateUri(NewActivity(), Agent(), "head");
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, uri, TextBody("content")));

        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, uri));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ETagOf(Encoding.UTF8.GetBytes("content")), ETag(response));
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresDocumentSmokeTests(PostgresLrsFactory lrs) : DocumentSmokeTests(lrs);

[Collection(SqliteCollection.Name)]
public sealed class SqliteDocumentSmokeTests(SqliteLrsFactory lrs) : DocumentSmokeTests(lrs);
