using System.Net;
using System.Text.Json.Nodes;
using Lrs.Api.Tests.Support;

namespace Lrs.Api.Tests.Resources;

/// <summary>The About resource (Communication §2.8).</summary>
[Collection(PostgresCollection.Name)]
public sealed class AboutTests(PostgresLrsFactory lrs)
{
    [Fact] // Communication §2.8: unauthenticated, no version header required, the versions supported; §3.3 version header returned
    public async Task GetAbout_NoCredentialsNoVersionHeader_ReturnsVersions()
    {
        var response = await lrs.CreateClient().GetAsync("/xapi/about");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1.0.3", response.Headers.GetValues("X-Experience-API-Version").Single());
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(["1.0.0", "1.0.1", "1.0.2", "1.0.3"], body["version"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.All(body, p => Assert.Contains(p.Key, new[] { "version", "extensions" })); // no properties outside extensions
    }

    [Fact] // Communication §1.1: HEAD answers as GET would, without a body
    public async Task HeadAbout_NoCredentials_Returns200WithoutBody()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, "/xapi/about");
        var response = await lrs.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact] // Communication §2.8: a version header the LRS would otherwise reject does not get a 400 here
    public async Task GetAbout_UnsupportedVersionHeader_Returns200()
    {
        var client = lrs.CreateClient();
        client.DefaultRequestHeaders.Add("X-Experience-API-Version", "2.0.0");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/xapi/about")).StatusCode);
    }

    [Fact] // Communication §2.8 and §4: only about is open; the other resources still need credentials
    public async Task GetActivities_NoCredentials_Returns401()
    {
        var client = lrs.CreateClient();
        client.DefaultRequestHeaders.Add("X-Experience-API-Version", "1.0.3");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/xapi/activities?activityId=http%3A%2F%2Fexample.com%2Fa")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/xapi/agents?agent=%7B%22mbox%22%3A%22mailto%3Aa%40example.com%22%7D")).StatusCode);
    }
}
