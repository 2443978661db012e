using System.Net;
using Lrs.Api.Tests.Support;
using static Lrs.Api.Tests.Documents.Documents;
using static Lrs.Api.Tests.Support.Statements;

namespace Lrs.Api.Tests.Documents;

/// <summary>Parameter validation of the document resources: every fault is a 400 with a reason (Communication §3.2).</summary>
[Collection(PostgresCollection.Name)]
public sealed class DocumentParameterTests(PostgresLrsFactory lrs)
{
    private const string Activity = "http://example.com/activity";
    private const string AgentJson = """{"mbox":"mailto:ann@example.com"}""";

    public static TheoryData<string, string> BadRequests() => new()
    {
        // State, Communication §2.3
        { "PUT", $"/xapi/activities/state?agent={Q(AgentJson)}&stateId=s" },
        { "PUT", $"/xapi/activities/state?activityId={Q(Activity)}&stateId=s" },
        { "PUT", $"/xapi/activities/state?activityId={Q(Activity)}&agent={Q(AgentJson)}" },
        { "POST", $"/xapi/activities/state?activityId={Q(Activity)}&agent={Q(AgentJson)}" },
        { "GET", $"/xapi/activities/state?agent={Q(AgentJson)}" },
        { "DELETE", $"/xapi/activities/state?activityId={Q(Activity)}" },
        { "GET", $"/xapi/activities/state?activityId={Q(Activity)}&agent={Q("{\"mbox\":")}" },
        { "GET", $"/xapi/activities/state?activityId={Q(Activity)}&agent={Q("{\"name\":\"no identifier\"}")}" },
        { "GET", $"/xapi/activities/state?activityId={Q(Activity)}&agent={Q("{\"mbox\":\"ann@example.com\"}")}" },
        { "GET", $"/xapi/activities/state?activityId={Q(Activity)}&agent={Q("{\"objectType\":\"Group\",\"mbox\":\"mailto:g@example.com\"}")}" },
        { "GET", $"/xapi/activities/state?activityId=not%20an%20iri&agent={Q(AgentJson)}" },
        { "GET", $"/xapi/activities/state?activityId={Q(Activity)}&agent={Q(AgentJson)}&registration=not-a-uuid" },
        { "GET", $"/xapi/activities/state?activityId={Q(Activity)}&agent={Q(AgentJson)}&since=yesterday" },
        { "GET", $"/xapi/activities/state?activityId={Q(Activity)}&agent={Q(AgentJson)}&limit=1" },
        { "GET", $"/xapi/activities/state?activityId={Q(Activity)}&agent={Q(AgentJson)}&StateId=s" },
        { "GET", $"/xapi/activities/state?activityID={Q(Activity)}&agent={Q(AgentJson)}&stateId=s" },
        { "GET", $"/xapi/activities/state?activityId={Q(Activity)}&agent={Q(AgentJson)}&stateId=a&stateId=b" },
        { "GET", $"/xapi/activities/state?activityId={Q(Activity)}&agent={Q(AgentJson)}&stateId=" },
        { "PUT", $"/xapi/activities/state?activityId={Q(Activity)}&agent={Q(AgentJson)}&stateId=s&since=2020-01-01T00:00:00Z" },
        // Activity Profile, Communication §2.7
        { "PUT", "/xapi/activities/profile?profileId=p" },
        { "PUT", $"/xapi/activities/profile?activityId={Q(Activity)}" },
        { "DELETE", $"/xapi/activities/profile?activityId={Q(Activity)}" },
        { "GET", "/xapi/activities/profile?activityId=relative/path&profileId=p" },
        { "GET", $"/xapi/activities/profile?activityId={Q(Activity)}&since=2020-13-01T00:00:00Z" },
        { "GET", $"/xapi/activities/profile?activityId={Q(Activity)}&profileId=p&agent={Q(AgentJson)}" },
        { "GET", $"/xapi/activities/profile?activityId={Q(Activity)}&profileId=p&registration={Guid.NewGuid()}" },
        { "GET", $"/xapi/activities/profile?activityId={Q(Activity)}&ProfileId=p" },
        // Agent Profile, Communication §2.6
        { "PUT", "/xapi/agents/profile?profileId=p" },
        { "PUT", $"/xapi/agents/profile?agent={Q(AgentJson)}" },
        { "DELETE", $"/xapi/agents/profile?agent={Q(AgentJson)}" },
        { "GET", $"/xapi/agents/profile?agent={Q("not json")}" },
        { "GET", $"/xapi/agents/profile?agent={Q("{\"mbox\":\"mailto:a@example.com\",\"openid\":\"http://example.com/a\"}")}" },
        { "GET", $"/xapi/agents/profile?agent={Q(AgentJson)}&activityId={Q(Activity)}" },
        { "GET", $"/xapi/agents/profile?Agent={Q(AgentJson)}" },
    };

    [Theory] // Communication §3.2: missing, malformed, unknown and mis-cased parameters are 400
    [MemberData(nameof(BadRequests))]
    public async Task DocumentRequest_BadParameters_Returns400(string method, string uri)
    {
        var content = method is "PUT" or "POST" ? JsonBody("""{"a":1}""") : null;
        var response = await SendAsync(lrs.Xapi(), new HttpMethod(method), uri, content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("detail", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact] // Communication §2.2: documents for unknown Activities and Agents are accepted
    public async Task PutState_UnknownActivityAndAgent_Accepted()
    {
        var uri = StateUri(NewActivity(), Agent(), "s", Guid.NewGuid());
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(lrs.Xapi(), uri, TextBody("1")));
    }

    [Fact] // Communication §2.6 note: a Group's identifier may be used inside an Agent object
    public async Task PutAgentProfile_AccountAgent_Accepted()
    {
        var agent = new System.Text.Json.Nodes.JsonObject
        {
            ["account"] = new System.Text.Json.Nodes.JsonObject { ["homePage"] = "http://example.com", ["name"] = Guid.NewGuid().ToString() },
        };
        await AssertStatusAsync(HttpStatusCode.NoContent, PutAsync(lrs.Xapi(), AgentProfileUri(agent, "p"), TextBody("1")));
    }
}
