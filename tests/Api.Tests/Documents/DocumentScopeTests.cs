using System.Net;
using Lrs.Api.Tests.Support;
using Lrs.Domain.Tenancy;
using static Lrs.Api.Tests.Documents.Documents;
using static Lrs.Api.Tests.Support.Statements;

namespace Lrs.Api.Tests.Documents;

/// <summary>Communication §4.2 scopes: <c>state</c> for the State resource, <c>profile</c> for the profile resources, <c>all/read</c> reads.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DocumentScopeTests(PostgresLrsFactory lrs)
{
    [Fact] // Communication §4.2 state: read/write state data, nothing else
    public async Task StateScope_WritesAndReadsState_ForbiddenOnProfiles()
    {
        var client = await lrs.CredentialAsync(XapiScope.State);
        var uri = StateUri(NewActivity(), Agent(), "s");
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, uri, JsonBody("""{"a":1}""")));
        await AssertStatusAsync(HttpStatusCode.NoContent, PostAsync(client, uri, JsonBody("""{"b":2}""")));
        await AssertStatusAsync(HttpStatusCode.OK, client.GetAsync(uri));
        await AssertStatusAsync(HttpStatusCode.NoContent, DeleteAsync(client, uri));

        await AssertStatusAsync(HttpStatusCode.Forbidden, PutAsync(client, ActivityProfileUri(NewActivity(), "p"), TextBody("1")));
        await AssertStatusAsync(HttpStatusCode.Forbidden, client.GetAsync(AgentProfileUri(Agent(), "p")));
        await AssertStatusAsync(HttpStatusCode.Forbidden, client.GetAsync("/xapi/statements"));
    }

    [Fact] // Communication §4.2 profile: read/write profile documents, not state
    public async Task ProfileScope_WritesAndReadsProfiles_ForbiddenOnState()
    {
        var client = await lrs.CredentialAsync(XapiScope.Profile);
        var activityUri = ActivityProfileUri(NewActivity(), "p");
        var agentUri = AgentProfileUri(Agent(), "p");
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, activityUri, TextBody("1")));
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(client, agentUri, TextBody("1")));
        await AssertStatusAsync(HttpStatusCode.OK, client.GetAsync(activityUri));
        await AssertStatusAsync(HttpStatusCode.NoContent, DeleteAsync(client, agentUri));

        await AssertStatusAsync(HttpStatusCode.Forbidden, PutAsync(client, StateUri(NewActivity(), Agent(), "s"), TextBody("1")));
        await AssertStatusAsync(HttpStatusCode.Forbidden, client.GetAsync(StateUri(NewActivity(), Agent())));
    }

    [Fact] // Communication §4.2 all/read: GET and HEAD of every document resource, no writes
    public async Task AllReadScope_ReadsDocuments_ForbiddenToWrite()
    {
        var writer = lrs.Xapi();
        var reader = await lrs.CredentialAsync(XapiScope.AllRead);
        var state = StateUri(NewActivity(), Agent(), "s");
        var profile = ActivityProfileUri(NewActivity(), "p");
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(writer, state, TextBody("1")));
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(writer, profile, TextBody("1")));

        await AssertStatusAsync(HttpStatusCode.OK, reader.GetAsync(state));
        await AssertStatusAsync(HttpStatusCode.OK, reader.SendAsync(new HttpRequestMessage(HttpMethod.Head, profile)));
        await AssertStatusAsync(HttpStatusCode.OK, reader.GetAsync(AgentProfileUri(Agent())));
        await AssertStatusAsync(HttpStatusCode.Forbidden, PutAsync(reader, state, TextBody("2")));
        await AssertStatusAsync(HttpStatusCode.Forbidden, PostAsync(reader, profile, TextBody("2"), ifMatch: "*"));
        await AssertStatusAsync(HttpStatusCode.Forbidden, DeleteAsync(reader, state));
        await AssertStatusAsync(HttpStatusCode.Forbidden, DeleteAsync(reader, StateUri(NewActivity(), Agent())));
        Assert.Equal("1", await writer.GetStringAsync(state));
    }

    [Theory] // Communication §4.2: statement scopes grant nothing on documents
    [InlineData(XapiScope.StatementsWrite)]
    [InlineData(XapiScope.StatementsRead)]
    [InlineData(XapiScope.Define)]
    public async Task StatementScopes_OnDocuments_Return403(XapiScope scope)
    {
        var client = await lrs.CredentialAsync(scope);
        await AssertStatusAsync(HttpStatusCode.Forbidden, client.GetAsync(StateUri(NewActivity(), Agent(), "s")));
        await AssertStatusAsync(HttpStatusCode.Forbidden, PutAsync(client, AgentProfileUri(Agent(), "p"), TextBody("1")));
        await AssertStatusAsync(HttpStatusCode.Forbidden, client.GetAsync(ActivityProfileUri(NewActivity())));
    }

    [Fact] // Communication §4.0: documents need authentication like every resource
    public async Task DocumentRequest_WithoutCredentials_Returns401()
    {
        var client = lrs.CreateClient();
        client.DefaultRequestHeaders.Add("X-Experience-API-Version", "1.0.3");
        await AssertStatusAsync(HttpStatusCode.Unauthorized, client.GetAsync(StateUri(NewActivity(), Agent(), "s")));
    }

    [Fact] // Communication §3.3: the version header is required on the document resources too
    public async Task DocumentRequest_WithoutVersionHeader_Returns400()
    {
        var client = lrs.Xapi();
        client.DefaultRequestHeaders.Remove("X-Experience-API-Version");
        var response = await client.GetAsync(AgentProfileUri(Agent()));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("1.0.3", response.Headers.GetValues("X-Experience-API-Version").Single());
    }
}
