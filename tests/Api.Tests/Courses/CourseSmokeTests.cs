using System.Net;
using Lrs.Api.Tests.Support;
using static Lrs.Api.Tests.Courses.Courses;

namespace Lrs.Api.Tests.Courses;

/// <summary>The internal course API on the embedded SQLite database.</summary>
[Collection(SqliteCollection.Name)]
public sealed class CourseSmokeTests(SqliteLrsFactory lrs)
{
    [Fact]
    public async Task Sqlite_PutGetReplaceList()
    {
        var (_, client) = await lrs.NewTenantAsync();
        var ids = new[] { "a-" + NewId(), "b-" + NewId(), "c-" + NewId() };
        foreach (var id in ids)
        {
            await ReadJsonAsync(await PutAsync(client, id, Sample()), HttpStatusCode.Created);
        }

        await ReadJsonAsync(await PutAsync(client, ids[0], Sample("Replaced")), HttpStatusCode.OK);
        Assert.Equal("Replaced", (string)(await ReadJsonAsync(await client.GetAsync(Uri(ids[0])), HttpStatusCode.OK))["title"]!);

        var first = await ReadJsonAsync(await client.GetAsync("/api/v1/courses?limit=2"), HttpStatusCode.OK);
        var second = await ReadJsonAsync(await client.GetAsync((string)first["next"]!), HttpStatusCode.OK);
        Assert.Equal(ids, first["courses"]!.AsArray().Concat(second["courses"]!.AsArray()).Select(c => (string)c!["id"]!));
        Assert.Null(second["next"]);
    }

    [Fact]
    public async Task Sqlite_ImportEveryExample()
    {
        var (_, client) = await lrs.NewTenantAsync();
        foreach (var file in new[] { "simple-cmi5.xml", "complex-cmi5.xml" })
        {
            await ReadJsonAsync(await SendAsync(client, HttpMethod.Post, "/api/v1/courses/import/cmi5", Xml(await File.ReadAllTextAsync(Example(file)))), HttpStatusCode.Created);
        }

        await ReadJsonAsync(await SendAsync(client, HttpMethod.Post, "/api/v1/courses/import/cmi5", Xml(await File.ReadAllTextAsync(Example("extended-cmi5.xml")))), HttpStatusCode.OK);
        Assert.Equal(2, (await ReadJsonAsync(await client.GetAsync("/api/v1/courses"), HttpStatusCode.OK))["courses"]!.AsArray().Count);
    }

    [Fact]
    public async Task Sqlite_IdempotentReplayAndMismatch()
    {
        var (_, client) = await lrs.NewTenantAsync();
        var (id, key) = (NewId(), Guid.NewGuid().ToString());

        var first = await PutAsync(client, id, Sample(), key);
        var retry = await PutAsync(client, id, Sample(), key);

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        await ProblemAsync(await PutAsync(client, id, Sample("Other"), key), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Sqlite_OtherTenant_NotSeen()
    {
        var (_, a) = await lrs.NewTenantAsync();
        var (_, b) = await lrs.NewTenantAsync();
        var id = NewId();
        await ReadJsonAsync(await PutAsync(a, id, Sample()), HttpStatusCode.Created);

        await ProblemAsync(await b.GetAsync(Uri(id)), HttpStatusCode.NotFound);
    }
}
