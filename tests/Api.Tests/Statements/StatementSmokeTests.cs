using System.Net;
using System.Text.Json.Nodes;
using Lrs.Api.Tests.Support;
using static Lrs.Api.Tests.Support.Statements;

namespace Lrs.Api.Tests.Statements;

/// <summary>The core of the Statement resource, run on both databases.</summary>
public abstract class StatementSmokeTests(LrsFactory lrs)
{
    protected LrsFactory Lrs { get; } = lrs;

    [Fact] // Communication §2.1.1
    public async Task PutStatement_NewId_Returns204AndGetReturnsIt()
    {
        var client = Lrs.Xapi();
        var id = Guid.NewGuid();
        var response = await PutAsync(client, id, Statement());
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);

        var fetched = await client.GetAsync($"/xapi/statements?statementId={id}");
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        var body = JsonNode.Parse(await fetched.Content.ReadAsStringAsync())!;
        Assert.Equal(id.ToString(), body["id"]!.GetValue<string>());
        Assert.NotNull(body["stored"]);
        Assert.NotNull(body["authority"]);
        Assert.Equal("1.0.0", body["version"]!.GetValue<string>());
    }

    [Fact] // Communication §2.1.2
    public async Task PostStatements_Batch_ReturnsIdsInOrder()
    {
        var client = Lrs.Xapi();
        var given = Guid.NewGuid();
        var ids = await PostAsync(client, Statement(id: given), Statement());
        Assert.Equal(2, ids.Length);
        Assert.Equal(given, ids[0]);
        Assert.Equal(7, ids[1].Version); // generated ids are time-ordered UUIDv7
    }

    [Fact] // Communication §2.1.1: same id, different content
    public async Task PutStatement_SameIdDifferentContent_Returns409()
    {
        var client = Lrs.Xapi();
        var id = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await PutAsync(client, id, Statement())).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await PutAsync(client, id, Statement())).StatusCode);
    }

    [Fact] // Communication §2.1.1: same id, same content is accepted without change
    public async Task PutStatement_SameIdSameContent_Returns204()
    {
        var client = Lrs.Xapi();
        var id = Guid.NewGuid();
        var statement = Statement();
        Assert.Equal(HttpStatusCode.NoContent, (await PutAsync(client, id, statement)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await PutAsync(client, id, statement)).StatusCode);
    }

    [Fact] // Communication §2.1.3: agent filter
    public async Task GetStatements_AgentFilter_ReturnsOnlyThatAgentsStatements()
    {
        var client = Lrs.Xapi();
        var ann = Agent();
        await PostAsync(client, Statement(ann), Statement(), Statement(ann));
        var result = await GetResultAsync(client, "?agent=" + Q(ann.ToJsonString()));
        Assert.Equal(2, result["statements"]!.AsArray().Count);
    }

    [Fact] // Data §2.3.2, Communication §2.1.4
    public async Task VoidedStatement_HiddenFromQueries_ReachableByVoidedStatementId()
    {
        var client = Lrs.Xapi();
        var actor = Agent();
        var target = (await PostAsync(client, Statement(actor)))[0];
        var voiding = (await PostAsync(client, Voiding(target, actor)))[0];

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/xapi/statements?statementId={target}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/xapi/statements?voidedStatementId={target}")).StatusCode);
        var listed = await GetResultAsync(client, "?agent=" + Q(actor.ToJsonString()));
        var ids = listed["statements"]!.AsArray().Select(s => Guid.Parse(s!["id"]!.GetValue<string>())).ToList();
        Assert.Equal([voiding], ids);
    }

    [Fact] // Communication §1.3: the alternate request syntax
    public async Task AlternateSyntax_PutAsFormFields_StoresTheStatement()
    {
        var id = Guid.NewGuid();
        var basic = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{LrsFactory.Key}:{LrsFactory.Secret}"));
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Authorization"] = basic,
            ["X-Experience-API-Version"] = "1.0.3",
            ["statementId"] = id.ToString(),
            ["content"] = Statement().ToJsonString(),
        });
        var response = await Lrs.CreateClient().PostAsync("/xapi/statements?method=PUT", form);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Lrs.Xapi().GetAsync($"/xapi/statements?statementId={id}")).StatusCode);
    }

    [Fact] // Data §2.2: bad statements get 400 naming the property, and nothing is stored
    public async Task PostStatements_InvalidStatementInBatch_Returns400AndStoresNone()
    {
        var client = Lrs.Xapi();
        var good = Statement();
        var bad = Statement();
        bad["actor"]!["mbox"] = "not-an-email";
        var response = await PostJsonAsync(client, new JsonArray(good, bad));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("mbox", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var listed = await GetResultAsync(client, "?activity=" + Q(good["object"]!["id"]!.GetValue<string>()));
        Assert.Empty(listed["statements"]!.AsArray());
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresStatementSmokeTests(PostgresLrsFactory lrs) : StatementSmokeTests(lrs);

[Collection(SqliteCollection.Name)]
public sealed class SqliteStatementSmokeTests(SqliteLrsFactory lrs) : StatementSmokeTests(lrs);
