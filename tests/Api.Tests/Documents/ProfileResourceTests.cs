using System.Net;
using System.Text.Json.Nodes;
using Lrs.Api.Tests.Support;
using static Lrs.Api.Tests.Documents.Documents;
using static Lrs.Api.Tests.Support.Statements;

namespace Lrs.Api.Tests.Documents;

/// <summary>The Agent Profile (Communication §2.6) and Activity Profile (§2.7) resources and their concurrency rules (§3.1).</summary>
[Collection(PostgresCollection.Name)]
public sealed class ProfileResourceTests(PostgresLrsFactory lrs)
{
    public static TheoryData<string> Profiles() => new() { "activity", "agent" };

    private static string Uri(string resource, string? profileId = null, string? since = null, string? activity = null, JsonObject? agent = null) =>
        resource == "activity"
            ? ActivityProfileUri(activity ?? NewActivity(), profileId, since)
            : AgentProfileUri(agent ?? Agent(), profileId, since);

    [Theory] // Communication §2.6, §2.7: PUT of a new document without preconditions is accepted; GET returns it with ETag
    [MemberData(nameof(Profiles))]
    public async Task PutProfile_NewWithoutPrecondition_Returns204(string resource)
    {
        var client = lrs.Xapi();
        var uri = Uri(resource, "p");
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, uri, JsonBody("""{"a":1}""")));
        var get = await client.GetAsync(uri);
        Assert.Equal("""{"a":1}""", await get.Content.ReadAsStringAsync());
        Assert.Equal(ETagOf("""{"a":1}"""), ETag(get));
        Assert.NotNull(get.Content.Headers.LastModified);
    }

    [Fact] // Communication §3.1: PUT without If-Match/If-None-Match to an existing Agent Profile document: 409, explained, unchanged
    public async Task PutAgentProfile_ExistingWithoutPrecondition_Returns409()
    {
        var client = lrs.Xapi();
        var uri = AgentProfileUri(Agent(), "p");
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, uri, TextBody("one")));

        var response = await PutAsync(client, uri, TextBody("two"));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var detail = await response.Content.ReadAsStringAsync();
        Assert.Contains("If-Match", detail, StringComparison.Ordinal);
        Assert.Contains("current state", detail, StringComparison.Ordinal);
        Assert.Equal("one", await client.GetStringAsync(uri));
    }

    [Fact] // Communication §3.1: same for the Activity Profile resource
    public async Task PutActivityProfile_ExistingWithoutPrecondition_Returns409AndKeepsDocument()
    {
        var client = lrs.Xapi();
        var uri = ActivityProfileUri(NewActivity(), "p");
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, uri, TextBody("one")));
        await AssertStatusAsync(HttpStatusCode.Conflict, PutAsync(client, uri, TextBody("two")));
        Assert.Equal("one", await client.GetStringAsync(uri));
    }

    [Theory] // Communication §3.1: If-Match with the current ETag replaces the document
    [MemberData(nameof(Profiles))]
    public async Task PutProfile_IfMatchCurrentETag_Replaces(string resource)
    {
        var client = lrs.Xapi();
        var uri = Uri(resource, "p");
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, uri, TextBody("one")));
        var etag = ETag(await client.GetAsync(uri));

        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, uri, TextBody("two"), ifMatch: etag));
        Assert.Equal("two", await client.GetStringAsync(uri));
    }

    [Theory] // Communication §3.1: If-Match with a stale ETag is 412 and changes nothing
    [MemberData(nameof(Profiles))]
    public async Task PutProfile_IfMatchStaleETag_Returns412AndKeepsDocument(string resource)
    {
        var client = lrs.Xapi();
        var uri = Uri(resource, "p");
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, uri, TextBody("one")));
        var stale = ETag(await client.GetAsync(uri));
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, uri, TextBody("two"), ifMatch: stale));

        await AssertStatusAsync(HttpStatusCode.PreconditionFailed, PutAsync(client, uri, TextBody("three"), ifMatch: stale));
        Assert.Equal("two", await client.GetStringAsync(uri));
    }

    [Theory] // Communication §3.1 (RFC 2616 §14.24): If-Match for a document that does not exist fails
    [MemberData(nameof(Profiles))]
    public async Task PutProfile_IfMatchWithoutDocument_Returns412(string resource)
    {
        var client = lrs.Xapi();
        var uri = Uri(resource, "p");
        await AssertStatusAsync(HttpStatusCode.PreconditionFailed, PutAsync(client, uri, TextBody("one"), ifMatch: "*"));
        await AssertStatusAsync(HttpStatusCode.NotFound, client.GetAsync(uri));
    }

    [Theory] // Communication §3.1: If-None-Match: * creates a new document and fails (412) when one exists
    [MemberData(nameof(Profiles))]
    public async Task PutProfile_IfNoneMatchStar_CreatesOnlyWhenAbsent(string resource)
    {
        var client = lrs.Xapi();
        var uri = Uri(resource, "p");
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, uri, TextBody("one"), ifNoneMatch: "*"));
        await AssertStatusAsync(HttpStatusCode.PreconditionFailed, PutAsync(client, uri, TextBody("two"), ifNoneMatch: "*"));
        Assert.Equal("one", await client.GetStringAsync(uri));
    }

    [Fact] // Communication §3.1: If-Match: * replaces an existing document; a list of tags matches any of them
    public async Task PutActivityProfile_IfMatchStarOrList_Replaces()
    {
        var client = lrs.Xapi();
        var uri = ActivityProfileUri(NewActivity(), "p");
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, uri, TextBody("one")));
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, uri, TextBody("two"), ifMatch: "*"));
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, uri, TextBody("three"), ifMatch: $"{ETagOf("x")}, {ETagOf("two")}"));
        Assert.Equal("three", await client.GetStringAsync(uri));
    }

    [Theory] // Communication §2.2, §3.1: POST merges JSON without preconditions, and honours a stale If-Match with 412
    [MemberData(nameof(Profiles))]
    public async Task PostProfile_MergesAndHonoursIfMatch(string resource)
    {
        var client = lrs.Xapi();
        var uri = Uri(resource, "p");
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, uri, JsonBody("""{"x":"foo","y":"bar"}""")));
        await AssertStatusAsync(HttpStatusCode.NoContent, PostAsync(client, uri, JsonBody("""{"x":"bash","z":"faz"}""")));
        var merged = await GetJsonAsync(client, uri);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"x":"bash","y":"bar","z":"faz"}"""), merged));

        await AssertStatusAsync(HttpStatusCode.PreconditionFailed, PostAsync(client, uri, JsonBody("""{"x":1}"""), ifMatch: ETagOf("stale")));
        var etag = ETag(await client.GetAsync(uri));
        await AssertStatusAsync(HttpStatusCode.NoContent, PostAsync(client, uri, JsonBody("""{"x":1}"""), ifMatch: etag));
        Assert.Equal(1, (await GetJsonAsync(client, uri))["x"]!.GetValue<int>());
    }

    [Theory] // Communication §2.2: POST of non-JSON onto a JSON profile document is 400
    [MemberData(nameof(Profiles))]
    public async Task PostProfile_NonJsonOntoJson_Returns400(string resource)
    {
        var client = lrs.Xapi();
        var uri = Uri(resource, "p");
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, uri, JsonBody("""{"x":1}""")));
        await AssertStatusAsync(HttpStatusCode.BadRequest, PostAsync(client, uri, TextBody("x")));
        Assert.Equal("""{"x":1}""", await client.GetStringAsync(uri));
    }

    [Theory] // Communication §3.1: DELETE honours If-Match: stale is 412, current deletes
    [MemberData(nameof(Profiles))]
    public async Task DeleteProfile_IfMatch_DeletesOnlyWhenCurrent(string resource)
    {
        var client = lrs.Xapi();
        var uri = Uri(resource, "p");
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, uri, TextBody("one")));
        await AssertStatusAsync(HttpStatusCode.PreconditionFailed, DeleteAsync(client, uri, ifMatch: ETagOf("two")));
        Assert.Equal("one", await client.GetStringAsync(uri));

        await AssertStatusAsync(HttpStatusCode.NoContent, DeleteAsync(client, uri, ifMatch: ETagOf("one")));
        await AssertStatusAsync(HttpStatusCode.NotFound, client.GetAsync(uri));
    }

    [Fact] // Communication §2.7 multiple-document GET: the activity's profile ids, limited by since
    public async Task GetActivityProfiles_WithoutProfileId_ReturnsIdsAndHonoursSince()
    {
        var client = lrs.Xapi();
        var activity = NewActivity();
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, ActivityProfileUri(activity, "a"), TextBody("1")));
        await Task.Delay(50);
        var since = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
        await Task.Delay(50);
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, ActivityProfileUri(activity, "b"), TextBody("2")));
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, ActivityProfileUri(NewActivity(), "c"), TextBody("3")));

        var response = await client.GetAsync(ActivityProfileUri(activity));
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.Equal(["a", "b"], await GetIdsAsync(client, ActivityProfileUri(activity)));
        Assert.Equal(["b"], await GetIdsAsync(client, ActivityProfileUri(activity, since: since)));
    }

    [Fact] // Communication §2.6: an agent's profiles are its own; the State and Activity Profile resources do not share them
    public async Task GetAgentProfiles_ListsOnlyThatAgentsProfiles()
    {
        var client = lrs.Xapi();
        var agent = Agent();
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, AgentProfileUri(agent, "mine"), TextBody("1")));
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, AgentProfileUri(Agent(), "theirs"), TextBody("2")));
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, StateUri(NewActivity(), agent, "state"), TextBody("3")));

        Assert.Equal(["mine"], await GetIdsAsync(client, AgentProfileUri(agent)));
    }

    [Theory] // Communication §1.1: HEAD of a profile document: ETag and Last-Modified, no body
    [MemberData(nameof(Profiles))]
    public async Task HeadProfile_ReturnsHeadersWithoutBody(string resource)
    {
        var client = lrs.Xapi();
        var uri = Uri(resource, "p");
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, uri, TextBody("content")));
        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, uri));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ETagOf("content"), ETag(response));
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }
}
