using System.Net;
using Lrs.Api.Tests.Support;
using static Lrs.Api.Tests.Courses.Courses;

namespace Lrs.Api.Tests.Courses;

/// <summary>Idempotency-Key on the internal API's POST and PUT.</summary>
[Collection(PostgresCollection.Name)]
public sealed class IdempotencyTests(PostgresLrsFactory lrs)
{
    private static string NewKey() => Guid.NewGuid().ToString();

    [Fact]
    public async Task Put_RetriedWithSameKey_ReplaysFirstResponse()
    {
        var client = lrs.Xapi();
        var (id, key) = (NewId(), NewKey());

        var first = await PutAsync(client, id, Sample(), key);
        var retry = await PutAsync(client, id, Sample(), key);
        var without = await PutAsync(client, id, Sample());

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(["true"], retry.Headers.GetValues("Idempotent-Replayed"));
        Assert.Equal("application/json", retry.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, without.StatusCode); // a request without a key runs again
    }

    [Fact]
    public async Task Put_SameKeyDifferentBody_Returns422AndChangesNothing()
    {
        var client = lrs.Xapi();
        var (id, key) = (NewId(), NewKey());
        await ReadJsonAsync(await PutAsync(client, id, Sample("First"), key), HttpStatusCode.Created);

        var detail = await ProblemAsync(await PutAsync(client, id, Sample("Second"), key), HttpStatusCode.UnprocessableEntity);

        Assert.Contains("already used for a different request", detail);
        Assert.Equal("First", (string)(await ReadJsonAsync(await client.GetAsync(Uri(id)), HttpStatusCode.OK))["title"]!);
    }

    [Fact]
    public async Task SameKeyOtherPath_Returns422()
    {
        var client = lrs.Xapi();
        var key = NewKey();
        await ReadJsonAsync(await PutAsync(client, NewId(), Sample(), key), HttpStatusCode.Created);

        await ProblemAsync(await PutAsync(client, NewId(), Sample(), key), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Import_Retried_Replayed()
    {
        var (_, client) = await lrs.NewTenantAsync();
        var key = NewKey();
        var xml = await File.ReadAllTextAsync(Example("simple-cmi5.xml"));

        var first = await SendAsync(client, HttpMethod.Post, "/api/v1/courses/import/cmi5", Xml(xml), key);
        var retry = await SendAsync(client, HttpMethod.Post, "/api/v1/courses/import/cmi5", Xml(xml), key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task Put_ClientErrorRetried_ReplaysTheProblem()
    {
        var client = lrs.Xapi();
        var (id, key) = (NewId(), NewKey());
        var invalid = Sample();
        invalid["title"] = "";

        var first = await PutAsync(client, id, invalid, key);
        var retry = await PutAsync(client, id, invalid, key);

        Assert.Equal(HttpStatusCode.BadRequest, retry.StatusCode);
        Assert.Equal("application/problem+json", retry.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task SameKey_OtherTenant_IsItsOwnKey()
    {
        var (_, a) = await lrs.NewTenantAsync();
        var (_, b) = await lrs.NewTenantAsync();
        var (id, key) = (NewId(), NewKey());
        await ReadJsonAsync(await PutAsync(a, id, Sample("A"), key), HttpStatusCode.Created);

        var other = await PutAsync(b, id, Sample("B"), key);

        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        Assert.False(other.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("B", (string)(await ReadJsonAsync(await b.GetAsync(Uri(id)), HttpStatusCode.OK))["title"]!);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("é")]
    public async Task Put_MalformedKey_Returns400(string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, Uri(NewId())) { Content = Json(Sample()) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        Assert.Contains("Idempotency-Key must be", await ProblemAsync(await lrs.Xapi().SendAsync(request), HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Get_WithKey_Ignored()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/courses");
        request.Headers.Add("Idempotency-Key", NewKey());

        var response = await lrs.Xapi().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Idempotent-Replayed"));
    }
}
