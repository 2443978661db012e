using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Lrs.Api.Tests.Support;
using static Lrs.Api.Tests.Support.Statements;

namespace Lrs.Api.Tests.Statements;

/// <summary>Communication §1.3 Alternate Request Syntax.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AlternateSyntaxTests(PostgresLrsFactory lrs)
{
    private static string Basic => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{LrsFactory.Key}:{LrsFactory.Secret}"));

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    [Fact] // §1.3: headers, parameters and content all as form fields
    public async Task Put_AllAsFormFields_StoresTheStatement()
    {
        var client = lrs.CreateClient();
        var id = Guid.NewGuid();
        var response = await client.PostAsync("/xapi/statements?method=PUT", Form(
            ("Authorization", Basic), ("X-Experience-API-Version", "1.0.3"), ("Content-Type", "application/json"),
            ("statementId", id.ToString()), ("content", Statement().ToJsonString())));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lrs.Xapi().GetAsync($"/xapi/statements?statementId={id}")).StatusCode);
    }

    [Fact] // §1.3 / §2.1.2: GET statements through POST, for long query strings
    public async Task Get_ThroughPostWithFilters_ReturnsTheStatementResult()
    {
        var actor = Agent();
        var id = (await PostAsync(lrs.Xapi(), Statement(actor)))[0];
        var client = lrs.CreateClient();
        client.DefaultRequestHeaders.Add("X-Experience-API-Version", "1.0.3"); // headers may also stay headers
        var response = await client.PostAsync("/xapi/statements?method=GET", Form(
            ("Authorization", Basic), ("agent", actor.ToJsonString())));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(id.ToString(), result["statements"]![0]!["id"]!.GetValue<string>());
    }

    [Fact] // §1.3: a POST of statements with a content field and no Content-Type field is JSON
    public async Task Post_ContentWithoutContentTypeField_IsTreatedAsJson()
    {
        var client = lrs.CreateClient();
        var response = await client.PostAsync("/xapi/statements?method=POST", Form(
            ("Authorization", Basic), ("X-Experience-API-Version", "1.0.3"), ("content", Statement().ToJsonString())));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory] // §1.3: method must be the only query parameter, and a supported method
    [InlineData("/xapi/statements?method=PUT&statementId=00000000-0000-4000-8000-000000000000")]
    [InlineData("/xapi/statements?method=PATCH")]
    [InlineData("/xapi/statements?method=put")]
    public async Task Post_MalformedAlternateSyntax_Returns400(string url)
    {
        var client = lrs.CreateClient();
        var response = await client.PostAsync(url, Form(("Authorization", Basic), ("X-Experience-API-Version", "1.0.3")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact] // §1.3: the fields travel form-encoded; anything else on that route is rejected
    public async Task Post_MethodParameterWithJsonBody_Returns400()
    {
        var response = await lrs.Xapi().PostAsync("/xapi/statements?method=POST", Json(Statement()));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact] // §1.3 with §3.3: a missing version field is still a missing version
    public async Task Post_WithoutVersionField_Returns400()
    {
        var client = lrs.CreateClient();
        var response = await client.PostAsync("/xapi/statements?method=GET", Form(("Authorization", Basic)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact] // §1.3: credentials in the form are checked like the header
    public async Task Post_WrongCredentialsField_Returns401()
    {
        var client = lrs.CreateClient();
        var response = await client.PostAsync("/xapi/statements?method=GET", Form(
            ("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("nobody:nothing"))), ("X-Experience-API-Version", "1.0.3")));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
