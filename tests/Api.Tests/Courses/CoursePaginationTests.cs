using System.Net;
using Lrs.Api.Tests.Support;
using static Lrs.Api.Tests.Courses.Courses;

namespace Lrs.Api.Tests.Courses;

[Collection(PostgresCollection.Name)]
public sealed class CoursePaginationTests(PostgresLrsFactory lrs)
{
    [Fact]
    public async Task ListCourses_AcrossPages_FollowsNextUntilAbsent()
    {
        var (_, client) = await lrs.NewTenantAsync();
        var ids = Enumerable.Range(0, 7).Select(i => $"c{i}-{Guid.NewGuid():N}"[..12]).ToList();
        foreach (var id in ids)
        {
            await ReadJsonAsync(await PutAsync(client, id, Sample(id)), HttpStatusCode.Created);
        }

        var seen = new List<string>();
        var pages = new List<int>();
        string? next = "/api/v1/courses?limit=3";
        while (next is not null)
        {
            var page = await ReadJsonAsync(await client.GetAsync(next), HttpStatusCode.OK);
            var courses = page["courses"]!.AsArray();
            pages.Add(courses.Count);
            seen.AddRange(courses.Select(c => (string)c!["id"]!));
            next = (string?)page["next"];
            Assert.True(next is null || next.Contains("limit=3", StringComparison.Ordinal));
        }

        Assert.Equal([3, 3, 1], pages);
        Assert.Equal(ids.Order(StringComparer.Ordinal), seen);
    }

    [Fact]
    public async Task ListCourses_NoCourses_EmptyWithoutNext()
    {
        var (_, client) = await lrs.NewTenantAsync();

        var page = await ReadJsonAsync(await client.GetAsync("/api/v1/courses"), HttpStatusCode.OK);

        Assert.Empty(page["courses"]!.AsArray());
        Assert.Null(page["next"]);
    }

    [Fact]
    public async Task ListCourses_ExactlyOnePage_NoNext()
    {
        var (_, client) = await lrs.NewTenantAsync();
        await ReadJsonAsync(await PutAsync(client, "a", Sample()), HttpStatusCode.Created);
        await ReadJsonAsync(await PutAsync(client, "b", Sample()), HttpStatusCode.Created);

        var page = await ReadJsonAsync(await client.GetAsync("/api/v1/courses?limit=2"), HttpStatusCode.OK);

        Assert.Equal(2, page["courses"]!.AsArray().Count);
        Assert.Null(page["next"]);
    }

    [Theory]
    [InlineData("limit=0", "limit must be between 1 and 200")]
    [InlineData("limit=201", "limit must be between 1 and 200")]
    [InlineData("limit=ten", "limit must be a whole number")]
    [InlineData("cursor=bm9wZQ", "cursor is not one this LRS issued")]
    [InlineData("cursor=%%%", "cursor is not one this LRS issued")]
    public async Task ListCourses_BadParameter_Returns400(string query, string message) =>
        Assert.Contains(message, await ProblemAsync(await lrs.Xapi().GetAsync("/api/v1/courses?" + query), HttpStatusCode.BadRequest));
}
