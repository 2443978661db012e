using System.Net;
using System.Text.Json.Nodes;
using Lrs.Api.Tests.Support;
using Lrs.Domain.Tenancy;
using static Lrs.Api.Tests.Support.Statements;

namespace Lrs.Api.Tests.Resources;

/// <summary>The Agents resource (Communication §2.4), run on both databases.</summary>
public abstract class AgentsTests(LrsFactory lrs)
{
    protected LrsFactory Lrs { get; } = lrs;

    private static async Task<(HttpStatusCode Status, JsonNode? Body)> GetPersonAsync(HttpClient client, JsonObject agent)
    {
        var response = await client.GetAsync("/xapi/agents?agent=" + Q(agent.ToJsonString()));
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.StatusCode == HttpStatusCode.OK ? JsonNode.Parse(body) : null);
    }

    [Fact] // Communication §2.4: a Person Object with array properties, names seen for the same IFI included
    public async Task GetAgents_KnownAgent_ReturnsPersonWithNamesSeen()
    {
        var client = Lrs.Xapi();
        var mbox = $"mailto:{Guid.NewGuid():N}@example.com";
        var ann = Agent(mbox);
        ann["name"] = "Ann";
        var annB = Agent(mbox);
        annB["name"] = "Ann B.";
        var group = new JsonObject { ["objectType"] = "Group", ["name"] = "Group name", ["member"] = new JsonArray(Agent(mbox)) };
        await PostAsync(client, Statement(ann), Statement(annB), Statement(ann), Statement(group));

        var (status, person) = await GetPersonAsync(client, Agent(mbox));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($$"""{"objectType":"Person","name":["Ann","Ann B."],"mbox":["{{mbox}}"]}""", person!.ToJsonString());
    }

    [Fact] // Communication §2.4: an Agent the LRS does not know still gets a Person Object with what the request says
    public async Task GetAgents_UnknownAgent_ReturnsPersonFromRequest()
    {
        var agent = new JsonObject
        {
            ["name"] = "Zed",
            ["account"] = new JsonObject { ["homePage"] = "http://example.com/accounts", ["name"] = Guid.NewGuid().ToString("N") },
        };

        var (status, person) = await GetPersonAsync(Lrs.Xapi(), agent);

        Assert.Equal(HttpStatusCode.OK, status);
        using var head = new HttpRequestMessage(HttpMethod.Head, "/xapi/agents?agent=" + Q(agent.ToJsonString())); // Communication §1.1
        Assert.Equal(HttpStatusCode.OK, (await Lrs.Xapi().SendAsync(head)).StatusCode);
        Assert.Equal(
            new JsonObject { ["objectType"] = "Person", ["name"] = new JsonArray("Zed"), ["account"] = new JsonArray(agent["account"]!.DeepClone()) }.ToJsonString(),
            person!.ToJsonString());
    }

    [Theory] // Communication §2.4: agent is required, an Agent with one identifier, never a Group; §3.2 unknown parameters
    [InlineData("")]
    [InlineData("?agent=not-json")]
    [InlineData("?agent=%7B%22name%22%3A%22no%20ifi%22%7D")]
    [InlineData("?agent=%7B%22objectType%22%3A%22Group%22%2C%22mbox%22%3A%22mailto%3Ag%40example.com%22%7D")]
    [InlineData("?agent=%7B%22mbox%22%3A%22mailto%3Aa%40example.com%22%2C%22openid%22%3A%22http%3A%2F%2Fexample.com%2Fa%22%7D")]
    [InlineData("?agent=%7B%22mbox%22%3A%22mailto%3Aa%40example.com%22%7D&activityId=x")]
    public async Task GetAgents_MissingOrInvalidAgent_Returns400(string query)
    {
        var response = await Lrs.Xapi().GetAsync("/xapi/agents" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact] // Communication §4.2: statements/read/mine only learns names from its own statements
    public async Task GetAgents_ReadMine_SeesOnlyNamesFromOwnStatements()
    {
        var mbox = $"mailto:{Guid.NewGuid():N}@example.com";
        var other = Agent(mbox);
        other["name"] = "Written by another";
        await PostAsync(Lrs.Xapi(), Statement(other));
        var mine = await Lrs.CredentialAsync(XapiScope.StatementsReadMine);

        var (status, person) = await GetPersonAsync(mine, Agent(mbox));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(person!["name"]);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresAgentsTests(PostgresLrsFactory lrs) : AgentsTests(lrs);

[Collection(SqliteCollection.Name)]
public sealed class SqliteAgentsTests(SqliteLrsFactory lrs) : AgentsTests(lrs);
