using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Lrs.Api.Tests.Support;
using static Lrs.Api.Tests.Support.Statements;

namespace Lrs.Api.Tests.Statements;

/// <summary>GET statements on PostgreSQL (Communication §2.1.3–2.1.4).</summary>
[Collection(PostgresCollection.Name)]
public sealed class StatementQueryTests(PostgresLrsFactory lrs)
{
    private readonly HttpClient _client = lrs.Xapi();

    private static List<Guid> Ids(JsonObject result) =>
        result["statements"]!.AsArray().Select(s => Guid.Parse(s!["id"]!.GetValue<string>())).ToList();

    [Fact] // Communication §2.1.3: newest first by default, ascending on request
    public async Task GetStatements_Order_IsStoredDescendingUnlessAscending()
    {
        var activity = NewActivity();
        var first = (await PostAsync(_client, Statement(activity: activity)))[0];
        var second = (await PostAsync(_client, Statement(activity: activity)))[0];
        Assert.Equal([second, first], Ids(await GetResultAsync(_client, $"?activity={Q(activity)}")));
        Assert.Equal([first, second], Ids(await GetResultAsync(_client, $"?activity={Q(activity)}&ascending=true")));
    }

    [Fact] // Communication §2.1.3: verb filter
    public async Task GetStatements_VerbFilter_MatchesVerbId()
    {
        var actor = Agent();
        var verb = $"http://example.com/verbs/{Guid.NewGuid():N}";
        var id = (await PostAsync(_client, Statement(actor, verb), Statement(actor)))[0];
        Assert.Equal([id], Ids(await GetResultAsync(_client, $"?verb={Q(verb)}")));
    }

    [Fact] // Communication §2.1.3: registration filter
    public async Task GetStatements_RegistrationFilter_MatchesContextRegistration()
    {
        var registration = Guid.NewGuid();
        var id = (await PostAsync(_client, Statement(context: new JsonObject { ["registration"] = registration.ToString() }), Statement()))[0];
        Assert.Equal([id], Ids(await GetResultAsync(_client, $"?registration={registration}")));
    }

    [Fact] // Communication §2.1.3: activity matches the object only, related_activities also context activities
    public async Task GetStatements_RelatedActivities_IncludesContextActivities()
    {
        var course = NewActivity();
        var direct = (await PostAsync(_client, Statement(activity: course)))[0];
        var context = new JsonObject
        {
            ["contextActivities"] = new JsonObject { ["parent"] = new JsonArray(new JsonObject { ["id"] = course }) },
        };
        var related = (await PostAsync(_client, Statement(context: context)))[0];

        Assert.Equal([direct], Ids(await GetResultAsync(_client, $"?activity={Q(course)}")));
        Assert.Equal([related, direct], Ids(await GetResultAsync(_client, $"?activity={Q(course)}&related_activities=true")));
    }

    [Fact] // Communication §2.1.3: agent matches actor or object; related_agents also instructor, team, authority
    public async Task GetStatements_RelatedAgents_IncludesInstructor()
    {
        var teacher = Agent();
        var asActor = (await PostAsync(_client, Statement(teacher)))[0];
        var asInstructor = (await PostAsync(_client, Statement(context: new JsonObject { ["instructor"] = teacher.DeepClone() })))[0];

        Assert.Equal([asActor], Ids(await GetResultAsync(_client, $"?agent={Q(teacher.ToJsonString())}")));
        Assert.Equal([asInstructor, asActor], Ids(await GetResultAsync(_client, $"?agent={Q(teacher.ToJsonString())}&related_agents=true")));
    }

    [Fact] // Communication §2.1.3: a Group actor matches the agent filter for each of its members
    public async Task GetStatements_AgentFilter_MatchesGroupMember()
    {
        var member = Agent();
        var group = new JsonObject { ["objectType"] = "Group", ["member"] = new JsonArray(member.DeepClone(), Agent()) };
        var id = (await PostAsync(_client, Statement(group)))[0];
        Assert.Equal([id], Ids(await GetResultAsync(_client, $"?agent={Q(member.ToJsonString())}")));
    }

    [Fact] // Communication §2.1.3: an Agent as object matches the agent filter
    public async Task GetStatements_AgentFilter_MatchesAgentObject()
    {
        var learner = Agent();
        var statement = Statement();
        statement["object"] = learner.DeepClone();
        var id = (await PostAsync(_client, statement))[0];
        Assert.Equal([id], Ids(await GetResultAsync(_client, $"?agent={Q(learner.ToJsonString())}")));
    }

    [Fact] // Communication §2.1.3 "Filter Conditions for StatementRefs": a statement targeting a match matches too
    public async Task GetStatements_StatementRefTargetingMatch_IsReturned()
    {
        var ben = Agent();
        var passed = (await PostAsync(_client, Statement(ben)))[0];
        var confirm = Statement();
        confirm["object"] = new JsonObject { ["objectType"] = "StatementRef", ["id"] = passed.ToString() };
        var confirmed = (await PostAsync(_client, confirm))[0];
        var chained = Statement();
        chained["object"] = new JsonObject { ["objectType"] = "StatementRef", ["id"] = confirmed.ToString() };
        var second = (await PostAsync(_client, chained))[0];

        Assert.Equal([second, confirmed, passed], Ids(await GetResultAsync(_client, $"?agent={Q(ben.ToJsonString())}")));
    }

    [Fact] // Communication §2.1.3: since is exclusive, until inclusive
    public async Task GetStatements_SinceAndUntil_BoundStoredTime()
    {
        var activity = NewActivity();
        var a = (await PostAsync(_client, Statement(activity: activity)))[0];
        await Task.Delay(20);
        var b = (await PostAsync(_client, Statement(activity: activity)))[0];
        var storedA = (await StoredAsync(a)).ToString("o", CultureInfo.InvariantCulture);
        var storedB = (await StoredAsync(b)).ToString("o", CultureInfo.InvariantCulture);

        Assert.Equal([b], Ids(await GetResultAsync(_client, $"?activity={Q(activity)}&since={Q(storedA)}")));
        Assert.Equal([a], Ids(await GetResultAsync(_client, $"?activity={Q(activity)}&until={Q(storedA)}")));
        Assert.Equal([b, a], Ids(await GetResultAsync(_client, $"?activity={Q(activity)}&until={Q(storedB)}")));
    }

    private async Task<DateTimeOffset> StoredAsync(Guid id)
    {
        var s = JsonNode.Parse(await _client.GetStringAsync($"/xapi/statements?statementId={id}"))!;
        return DateTimeOffset.Parse(s["stored"]!.GetValue<string>(), CultureInfo.InvariantCulture);
    }

    [Fact] // Communication §2.1.3 / Data §2.5: "more" pages through every result exactly once
    public async Task GetStatements_MoreLinks_PageThroughAllResultsOnce()
    {
        var activity = NewActivity();
        var posted = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            posted.AddRange(await PostAsync(_client, Statement(activity: activity)));
        }

        var seen = new List<Guid>();
        var page = await GetResultAsync(_client, $"?activity={Q(activity)}&limit=3");
        seen.AddRange(Ids(page));
        var pages = 1;
        while (page["more"]!.GetValue<string>() is { Length: > 0 } more)
        {
            await PostAsync(_client, Statement(activity: activity)); // new arrivals must not disturb the pages
            var response = await _client.GetAsync(more);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            page = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            seen.AddRange(Ids(page));
            pages++;
        }

        Assert.Equal(3, pages);
        posted.Reverse();
        Assert.Equal(posted, seen);
    }

    [Fact] // Data §2.5: no more results gives an empty "more"
    public async Task GetStatements_NoResults_ReturnsEmptyListAndEmptyMore()
    {
        var result = await GetResultAsync(_client, $"?activity={Q(NewActivity())}");
        Assert.Empty(result["statements"]!.AsArray());
        Assert.Equal(string.Empty, result["more"]!.GetValue<string>());
    }

    [Fact] // Communication §2.1.3 format=ids
    public async Task GetStatements_FormatIds_ReducesAgentsActivitiesAndVerbs()
    {
        var actor = Agent();
        actor["name"] = "Ann";
        var statement = Statement(actor);
        statement["object"]!["definition"] = new JsonObject { ["name"] = new JsonObject { ["en-US"] = "Course" } };
        var id = (await PostAsync(_client, statement))[0];
        var s = JsonNode.Parse(await _client.GetStringAsync($"/xapi/statements?statementId={id}&format=ids"))!;
        Assert.Null(s["actor"]!["name"]);
        Assert.Null(s["object"]!["definition"]);
        Assert.Null(s["verb"]!["display"]);
    }

    [Fact] // Communication §2.1.3 format=canonical: one language per map, chosen by Accept-Language
    public async Task GetStatements_FormatCanonical_PicksAcceptedLanguage()
    {
        var statement = Statement();
        statement["object"]!["definition"] = new JsonObject { ["name"] = new JsonObject { ["en-US"] = "Course", ["fr-FR"] = "Cours" } };
        var id = (await PostAsync(_client, statement))[0];
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/xapi/statements?statementId={id}&format=canonical");
        request.Headers.AcceptLanguage.ParseAdd("fr-FR");
        var response = await _client.SendAsync(request);
        var name = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["object"]!["definition"]!["name"]!.AsObject();
        Assert.Equal("Cours", Assert.Single(name).Value!.GetValue<string>());
    }

    [Fact] // Communication §2.1.3: attachments=true answers multipart/mixed with a quoted boundary
    public async Task GetStatements_AttachmentsTrue_AnswersMultipart()
    {
        var id = (await PostAsync(_client, Statement()))[0];
        var response = await _client.GetAsync($"/xapi/statements?statementId={id}&attachments=true");
        Assert.Equal("multipart/mixed", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("\"", response.Content.Headers.ContentType.Parameters.Single(p => p.Name == "boundary").Value, StringComparison.Ordinal);
        Assert.Contains(id.ToString(), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory] // Communication §2.1.3 parameter rules, §3.2 unknown or mis-cased parameters
    [InlineData("?statementId=00000000-0000-4000-8000-000000000000&voidedStatementId=00000000-0000-4000-8000-000000000000")]
    [InlineData("?statementId=00000000-0000-4000-8000-000000000000&verb=http%3A%2F%2Fexample.com%2Fv")]
    [InlineData("?Verb=http%3A%2F%2Fexample.com%2Fv")]
    [InlineData("?foo=bar")]
    [InlineData("?agent=%7B%22name%22%3A%22nobody%22%7D")]
    [InlineData("?agent=not-json")]
    [InlineData("?verb=not-an-iri")]
    [InlineData("?registration=123")]
    [InlineData("?since=yesterday")]
    [InlineData("?limit=-1")]
    [InlineData("?format=full")]
    [InlineData("?ascending=yes")]
    [InlineData("?more=garbage")]
    public async Task GetStatements_InvalidParameters_Return400(string query)
    {
        var response = await _client.GetAsync("/xapi/statements" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact] // Communication §2.1.3: statementId may be combined with format and attachments
    public async Task GetStatement_WithFormatAndAttachments_Returns200()
    {
        var id = (await PostAsync(_client, Statement()))[0];
        var response = await _client.GetAsync($"/xapi/statements?statementId={id}&format=exact&attachments=false");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact] // Communication §2.1.3: consistent-through on every statements response; Last-Modified matches stored
    public async Task GetStatement_Headers_ConsistentThroughAndLastModified()
    {
        var id = (await PostAsync(_client, Statement()))[0];
        var response = await _client.GetAsync($"/xapi/statements?statementId={id}");
        var stored = DateTimeOffset.Parse(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["stored"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var consistent = DateTimeOffset.Parse(response.Headers.GetValues("X-Experience-API-Consistent-Through").Single(), CultureInfo.InvariantCulture);
        Assert.True(consistent >= stored);
        Assert.Equal(stored.ToUnixTimeSeconds(), response.Content.Headers.LastModified!.Value.ToUnixTimeSeconds());
    }

    [Fact] // Communication §1.1: HEAD answers the headers of GET without a body
    public async Task HeadStatements_ReturnsHeadersWithoutBody()
    {
        var response = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/xapi/statements"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("X-Experience-API-Consistent-Through"));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }
}
