using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Lrs.Api.Tests.Support;
using static Lrs.Api.Tests.Documents.Documents;
using static Lrs.Api.Tests.Support.Statements;

namespace Lrs.Api.Tests.Documents;

/// <summary>The State resource (Communication §2.3) and the document rules it shares (§2.2).</summary>
[Collection(PostgresCollection.Name)]
public sealed class StateResourceTests(PostgresLrsFactory lrs)
{
    [Fact] // Communication §2.3 PUT then GET: 204, then 200 with the document, Content-Type, ETag (§3.1) and Last-Modified (§2.2)
    public async Task PutState_New_Returns204AndGetReturnsDocumentWithHeaders()
    {
        var client = lrs.Xapi();
        var uri = StateUri(NewActivity(), Agent(), "bookmark");
        const string json = """{ "page" : 12,  "note":"é" }""";
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var put = await PutAsync(client, uri, Body(Encoding.UTF8.GetBytes(json), "application/json; charset=utf-8"));
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);

        var get = await client.GetAsync(uri);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(json, await get.Content.ReadAsStringAsync()); // byte for byte, whitespace included
        Assert.Equal("application/json; charset=utf-8", get.Content.Headers.ContentType!.ToString());
        Assert.Equal(ETagOf(json), ETag(get));
        Assert.Matches("^\"[0-9a-f]{40}\"$", ETag(get));
        Assert.InRange(get.Content.Headers.LastModified!.Value, before, DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact] // Communication §3.1: State PUTs need no precondition headers; PUT replaces the document, content type included
    public async Task PutState_ExistingWithoutPrecondition_ReplacesDocument()
    {
        var client = lrs.Xapi();
        var uri = StateUri(NewActivity(), Agent(), "s");
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, uri, JsonBody("""{"a":1}""")));
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, uri, TextBody("plain")));

        var get = await client.GetAsync(uri);
        Assert.Equal("plain", await get.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", get.Content.Headers.ContentType!.MediaType);
    }

    [Fact] // Communication §2.2: only top-level properties merge; an object property is replaced whole
    public async Task PostState_NestedObject_ReplacedWhole()
    {
        var client = lrs.Xapi();
        var uri = StateUri(NewActivity(), Agent(), "s");
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, uri, JsonBody("""{"o":{"a":1,"b":2},"keep":true}""")));
        await AssertStatusAsync(HttpStatusCode.NoContent, PostAsync(client, uri, JsonBody("""{"o":{"c":3}}""")));

        var merged = await GetJsonAsync(client, uri);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"o":{"c":3},"keep":true}"""), merged), merged.ToJsonString());
        Assert.Equal(ETagOf(Encoding.UTF8.GetBytes(merged.ToJsonString())), ETag(await client.GetAsync(uri)));
    }

    [Fact] // Communication §2.2: POST to a document that does not exist stores it
    public async Task PostState_NoDocument_StoresIt()
    {
        var client = lrs.Xapi();
        var uri = StateUri(NewActivity(), Agent(), "s");
        await AssertStatusAsync(HttpStatusCode.NoContent, PostAsync(client, uri, JsonBody("""{"x":"foo"}""")));
        Assert.Equal("""{"x":"foo"}""", await client.GetStringAsync(uri));
    }

    [Fact] // Communication §2.2: POST of JSON onto a stored non-JSON document is 400 and changes nothing
    public async Task PostState_JsonOntoNonJsonDocument_Returns400AndKeepsDocument()
    {
        var client = lrs.Xapi();
        var uri = StateUri(NewActivity(), Agent(), "s");
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, uri, TextBody("""{"x":"looks like json"}""")));
        await AssertStatusAsync(HttpStatusCode.BadRequest, PostAsync(client, uri, JsonBody("""{"y":1}""")));
        Assert.Equal("""{"x":"looks like json"}""", await client.GetStringAsync(uri));
    }

    [Fact] // Communication §2.2: POST of non-JSON content onto a JSON document is 400 and changes nothing
    public async Task PostState_NonJsonOntoJsonDocument_Returns400AndKeepsDocument()
    {
        var client = lrs.Xapi();
        var uri = StateUri(NewActivity(), Agent(), "s");
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, uri, JsonBody("""{"x":1}""")));
        await AssertStatusAsync(HttpStatusCode.BadRequest, PostAsync(client, uri, TextBody("""{"y":2}""")));
        Assert.Equal("""{"x":1}""", await client.GetStringAsync(uri));
    }

    [Theory] // Communication §2.2: either side of a merge that is not a JSON object is 400 and changes nothing
    [InlineData("""[1,2]""", """{"y":1}""")]
    [InlineData("""not json""", """{"y":1}""")]
    [InlineData("""{"x":1}""", """[1]""")]
    [InlineData("""{"x":1}""", """"text"""")]
    [InlineData("""{"x":1}""", """{"y":""")]
    public async Task PostState_MergeSideNotJsonObject_Returns400AndKeepsDocument(string stored, string posted)
    {
        var client = lrs.Xapi();
        var uri = StateUri(NewActivity(), Agent(), "s");
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, uri, JsonBody(stored)));
        await AssertStatusAsync(HttpStatusCode.BadRequest, PostAsync(client, uri, JsonBody(posted)));
        Assert.Equal(stored, await client.GetStringAsync(uri));
    }

    [Fact] // Communication §3.2 404: a specific document that does not exist
    public async Task GetState_Missing_Returns404()
    {
        var response = await lrs.Xapi().GetAsync(StateUri(NewActivity(), Agent(), "missing"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact] // Communication §2.3 multiple-document GET: the array of stateIds of the context, Last-Modified of the newest (§2.2)
    public async Task GetStates_WithoutStateId_ReturnsIdsOfContextWithLastModified()
    {
        var client = lrs.Xapi();
        var (activity, agent) = (NewActivity(), Agent());
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, StateUri(activity, agent, "a"), TextBody("1")));
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, StateUri(activity, agent, "b"), TextBody("2")));
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, StateUri(activity, Agent(), "other-agent"), TextBody("3")));
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, StateUri(NewActivity(), agent, "other-activity"), TextBody("4")));

        var response = await client.GetAsync(StateUri(activity, agent));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal(["a", "b"], await GetIdsAsync(client, StateUri(activity, agent)));
        Assert.Empty(await GetIdsAsync(client, StateUri(NewActivity(), agent)));
    }

    [Fact] // Communication §2.3: "since" is exclusive and counts updates as well as creations
    public async Task GetStates_Since_ReturnsOnlyStatesStoredOrUpdatedAfter()
    {
        var client = lrs.Xapi();
        var (activity, agent) = (NewActivity(), Agent());
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, StateUri(activity, agent, "old"), TextBody("1")));
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, StateUri(activity, agent, "updated"), TextBody("2")));
        await Task.Delay(50);
        var since = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
        await Task.Delay(50);
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, StateUri(activity, agent, "new"), TextBody("3")));
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, StateUri(activity, agent, "updated"), TextBody("2b")));

        Assert.Equal(["new", "updated"], await GetIdsAsync(client, StateUri(activity, agent, since: since)));
        Assert.Empty(await GetIdsAsync(client, StateUri(activity, agent, since: "2999-01-01T00:00:00Z")));
    }

    [Fact] // Communication §2.3: registration narrows multiple-document GET; without it every registration of the context counts
    public async Task GetStates_Registration_NarrowsToThatRegistration()
    {
        var client = lrs.Xapi();
        var (activity, agent, registration) = (NewActivity(), Agent(), Guid.NewGuid());
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, StateUri(activity, agent, "plain"), TextBody("1")));
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, StateUri(activity, agent, "registered", registration), TextBody("2")));

        Assert.Equal(["registered"], await GetIdsAsync(client, StateUri(activity, agent, registration: registration)));
        Assert.Empty(await GetIdsAsync(client, StateUri(activity, agent, registration: Guid.NewGuid())));
        Assert.Equal(["plain", "registered"], await GetIdsAsync(client, StateUri(activity, agent)));
        await AssertStatusAsync(HttpStatusCode.NotFound, client.GetAsync(StateUri(activity, agent, "registered")));
    }

    [Fact] // Communication §2.3 single DELETE: 204, and the document is gone; deleting it again is still 204
    public async Task DeleteState_One_Returns204AndRemovesOnlyIt()
    {
        var client = lrs.Xapi();
        var (activity, agent) = (NewActivity(), Agent());
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, StateUri(activity, agent, "gone"), TextBody("1")));
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, StateUri(activity, agent, "kept"), TextBody("2")));

        await AssertStatusAsync(HttpStatusCode.NoContent, DeleteAsync(client, StateUri(activity, agent, "gone")));
        await AssertStatusAsync(HttpStatusCode.NotFound, client.GetAsync(StateUri(activity, agent, "gone")));
        Assert.Equal(["kept"], await GetIdsAsync(client, StateUri(activity, agent)));
        await AssertStatusAsync(HttpStatusCode.NoContent, DeleteAsync(client, StateUri(activity, agent, "gone")));
    }

    [Fact] // Communication §2.3 multiple-document DELETE: every state of the Activity and Agent, nothing else
    public async Task DeleteStates_WithoutStateId_RemovesAllOfContextOnly()
    {
        var client = lrs.Xapi();
        var (activity, agent, otherAgent) = (NewActivity(), Agent(), Agent());
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, StateUri(activity, agent, "a"), TextBody("1")));
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, StateUri(activity, agent, "b", Guid.NewGuid()), TextBody("2")));
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, StateUri(activity, otherAgent, "a"), TextBody("3")));
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, ActivityProfileUri(activity, "a"), TextBody("4")));

        await AssertStatusAsync(HttpStatusCode.NoContent, DeleteAsync(client, StateUri(activity, agent)));

        Assert.Empty(await GetIdsAsync(client, StateUri(activity, agent)));
        Assert.Equal(["a"], await GetIdsAsync(client, StateUri(activity, otherAgent)));
        Assert.Equal("4", await client.GetStringAsync(ActivityProfileUri(activity, "a")));
    }

    [Fact] // Data §2.4.2.3: the same agent by the same identifier, however its JSON is written, is the same context
    public async Task GetState_AgentWrittenDifferently_FindsSameDocument()
    {
        var client = lrs.Xapi();
        var activity = NewActivity();
        var local = Guid.NewGuid().ToString("N");
        await AssertStatusAsync(HttpStatusCode.NoContent,
            PutAsync(client, StateUri(activity, new JsonObject { ["mbox"] = $"mailto:{local}@Example.COM" }, "s"), TextBody("1")));

        var same = new JsonObject { ["name"] = "Ann", ["mbox"] = $"mailto:{local}@example.com", ["objectType"] = "Agent" };
        Assert.Equal("1", await client.GetStringAsync(StateUri(activity, same, "s")));
    }

    [Fact] // Communication §3.1: preconditions sent on State requests are honoured
    public async Task PutState_IfMatchStale_Returns412AndKeepsDocument()
    {
        var client = lrs.Xapi();
        var uri = StateUri(NewActivity(), Agent(), "s");
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, uri, TextBody("1")));
        await AssertStatusAsync(HttpStatusCode.PreconditionFailed, PutAsync(client, uri, TextBody("2"), ifMatch: ETagOf("0")));
        await AssertStatusAsync(HttpStatusCode.PreconditionFailed, PostAsync(client, uri, TextBody("2"), ifNoneMatch: "*"));
        await AssertStatusAsync(HttpStatusCode.PreconditionFailed, DeleteAsync(client, uri, ifMatch: ETagOf("0")));
        Assert.Equal("1", await client.GetStringAsync(uri));
    }

    [Fact] // Communication §1.1: HEAD of multiple-document GET: the headers without the body
    public async Task HeadStates_WithoutStateId_ReturnsHeadersWithoutBody()
    {
        var client = lrs.Xapi();
        var (activity, agent) = (NewActivity(), Agent());
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, StateUri(activity, agent, "a"), TextBody("1")));

        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, StateUri(activity, agent)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        var missing = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, StateUri(activity, agent, "none")));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact] // Communication §3.2 413: a document larger than the configured limit
    public async Task PutState_LargerThanLimit_Returns413()
    {
        var client = lrs.Xapi();
        var uri = StateUri(NewActivity(), Agent(), "big");
        await AssertStatusAsync(HttpStatusCode.RequestEntityTooLarge,
            PutAsync(client, uri, Body(new byte[LrsFactory.MaxBodyBytes + 1], "application/octet-stream")));
        await AssertStatusAsync(HttpStatusCode.NotFound, client.GetAsync(uri));
    }

    [Fact] // Communication §2.3: PUT and POST carry the document to store
    public async Task PutState_EmptyBody_Returns400()
    {
        var client = lrs.Xapi();
        await AssertStatusAsync(HttpStatusCode.BadRequest, PutAsync(client, StateUri(NewActivity(), Agent(), "s"), TextBody(string.Empty)));
    }

    [Fact] // Communication §2.2 JSON procedure: concurrent merges all take effect, none is lost
    public async Task PostState_ConcurrentMerges_KeepEveryProperty()
    {
        var client = lrs.Xapi();
        var uri = StateUri(NewActivity(), Agent(), "s");
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, uri, JsonBody("{}")));

        var posts = Enumerable.Range(0, 8).Select(i => PostAsync(client, uri, JsonBody($$"""{"p{{i}}":{{i}}}"""))).ToList();
        foreach (var response in await Task.WhenAll(posts))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        var merged = await GetJsonAsync(client, uri);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"p{i}"), merged.Select(p => p.Key).Order());
    }
}
