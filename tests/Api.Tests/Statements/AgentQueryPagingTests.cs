using System.Net;
using System.Text.Json.Nodes;
using Lrs.Api.Tests.Support;
using static Lrs.Api.Tests.Support.Statements;

namespace Lrs.Api.Tests.Statements;

/// <summary>
/// The agent filter pages through its own index (statement_agents in stored order); its pages must equal, statement for
/// statement, those of a filter selecting the same statements through the statements' own indexes. Run on both databases.
/// </summary>
public abstract class AgentQueryPagingTests(LrsFactory lrs)
{
    private const string Experienced = "http://adlnet.gov/expapi/verbs/experienced";
    private const string Attended = "http://adlnet.gov/expapi/verbs/attended";

    private readonly HttpClient _client = lrs.Xapi();

    [Theory] // Communication §2.1.3 agent, related_agents, ascending; Data §2.5 "more"
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task GetStatements_AgentPagesAcrossBoundaries_EqualTheSameStatementsFoundByActivity(bool ascending, bool related)
    {
        var learner = Agent();
        var activity = NewActivity();
        // A batch shares one stored time, so pages also cut between statements that only their sequence orders.
        await PostAsync(_client, Enumerable.Range(0, 4).Select(_ => Statement(learner, Experienced, activity)).ToArray());
        var voided = (await PostAsync(_client, Statement(learner, Experienced, activity)))[0];
        await PostAsync(_client, Statement(learner, Experienced, activity));
        // The learner as instructor matches only related_agents (§2.1.3).
        var context = new JsonObject { ["instructor"] = learner.DeepClone() };
        await PostAsync(_client, Statement(verb: Attended, activity: activity, context: context), Statement(verb: Attended, activity: activity, context: context));
        // The voided statement drops out (§2.1.4); the voiding statement targets a match, so both filters return it.
        var voiding = (await PostAsync(_client, Voiding(voided)))[0];

        var order = ascending ? "&ascending=true" : string.Empty;
        var byAgent = await PagesAsync($"?agent={Q(learner.ToJsonString())}&related_agents={(related ? "true" : "false")}&limit=3{order}");
        var byActivity = await PagesAsync($"?activity={Q(activity)}{(related ? string.Empty : $"&verb={Q(Experienced)}")}&limit=3{order}");
        var unpaged = await PagesAsync($"?agent={Q(learner.ToJsonString())}&related_agents={(related ? "true" : "false")}{order}");

        Assert.Equal(related ? 8 : 6, byAgent.Count);
        Assert.Equal(byAgent.Count, byAgent.Distinct().Count());
        Assert.Contains(voiding, byAgent);
        Assert.DoesNotContain(voided, byAgent);
        Assert.Equal(byActivity, byAgent);
        Assert.Equal(unpaged, byAgent);
    }

    /// <summary>Every statement id of a query, following "more" links page by page.</summary>
    private async Task<List<Guid>> PagesAsync(string query)
    {
        var ids = new List<Guid>();
        var page = await GetResultAsync(_client, query);
        while (true)
        {
            ids.AddRange(page["statements"]!.AsArray().Select(s => Guid.Parse(s!["id"]!.GetValue<string>())));
            if (page["more"]!.GetValue<string>() is not { Length: > 0 } more)
            {
                return ids;
            }

            var response = await _client.GetAsync(more);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            page = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        }
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresAgentQueryPagingTests(PostgresLrsFactory lrs) : AgentQueryPagingTests(lrs);

[Collection(SqliteCollection.Name)]
public sealed class SqliteAgentQueryPagingTests(SqliteLrsFactory lrs) : AgentQueryPagingTests(lrs);
