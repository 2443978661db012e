using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using Lrs.Api.Tests.Support;
using Lrs.Domain.Tenancy;
using Npgsql;
using static Lrs.Api.Tests.Courses.Courses;

namespace Lrs.Api.Tests.Courses;

/// <summary>Credentials, scopes and tenants on the internal API, and the course_items rows progress queries rely on.</summary>
[Collection(PostgresCollection.Name)]
public sealed class CourseAccessTests(PostgresLrsFactory lrs)
{
    [Fact]
    public async Task Courses_NoCredentials_Returns401()
    {
        var anonymous = lrs.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/courses")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PutAsync(anonymous, NewId(), Sample())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await lrs.Xapi("test-key", "wrong").GetAsync("/api/v1/courses")).StatusCode);
    }

    [Fact]
    public async Task AllRead_ReadsButCannotWrite()
    {
        var id = NewId();
        await ReadJsonAsync(await PutAsync(lrs.Xapi(), id, Sample()), HttpStatusCode.Created);
        var reader = await lrs.CredentialAsync(XapiScope.AllRead);

        await ReadJsonAsync(await reader.GetAsync(Uri(id)), HttpStatusCode.OK);
        await ReadJsonAsync(await reader.GetAsync("/api/v1/courses"), HttpStatusCode.OK);
        Assert.Contains("scope 'all'", await ProblemAsync(await PutAsync(reader, id, Sample()), HttpStatusCode.Forbidden));
        Assert.Contains("scope 'all'", await ProblemAsync(
            await SendAsync(reader, HttpMethod.Post, "/api/v1/courses/import/cmi5", Xml(await File.ReadAllTextAsync(Example("simple-cmi5.xml")))),
            HttpStatusCode.Forbidden));
    }

    [Theory]
    [InlineData(XapiScope.StatementsWrite)]
    [InlineData(XapiScope.StatementsRead)]
    [InlineData(XapiScope.Define | XapiScope.State | XapiScope.Profile)]
    public async Task OtherScopes_Forbidden(XapiScope scopes)
    {
        var client = await lrs.CredentialAsync(scopes);

        Assert.Contains("'all' or 'all/read'", await ProblemAsync(await client.GetAsync("/api/v1/courses"), HttpStatusCode.Forbidden));
        Assert.Contains("scope 'all'", await ProblemAsync(await PutAsync(client, NewId(), Sample()), HttpStatusCode.Forbidden));
    }

    [Fact]
    public async Task Courses_OtherTenant_NeitherSeenNorOverwritten()
    {
        var (_, a) = await lrs.NewTenantAsync();
        var (_, b) = await lrs.NewTenantAsync();
        var id = NewId();
        await ReadJsonAsync(await PutAsync(a, id, Sample("A's")), HttpStatusCode.Created);

        await ProblemAsync(await b.GetAsync(Uri(id)), HttpStatusCode.NotFound);
        Assert.Empty((await ReadJsonAsync(await b.GetAsync("/api/v1/courses"), HttpStatusCode.OK))["courses"]!.AsArray());
        await ReadJsonAsync(await PutAsync(b, id, Sample("B's")), HttpStatusCode.Created);

        Assert.Equal("A's", (string)(await ReadJsonAsync(await a.GetAsync(Uri(id)), HttpStatusCode.OK))["title"]!);
        Assert.Equal("B's", (string)(await ReadJsonAsync(await b.GetAsync(Uri(id)), HttpStatusCode.OK))["title"]!);
    }

    [Fact]
    public async Task PutCourse_ListsItemsWithModuleAndKind_ReplacedWithTheCourse()
    {
        var (tenant, client) = await lrs.NewTenantAsync();
        var id = NewId();
        await ReadJsonAsync(await PutAsync(client, id, Sample()), HttpStatusCode.Created);
        var smaller = Sample();
        ((JsonArray)smaller["modules"]!).RemoveAt(1);
        smaller.Remove("gradingRule");
        await ReadJsonAsync(await PutAsync(client, id, smaller), HttpStatusCode.OK);

        await using var connection = new NpgsqlConnection(lrs.DatabaseConnectionString);
        await connection.OpenAsync();
        var unscoped = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM course_items");
        await using var tx = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("SELECT set_config('lrs.tenant_id', @tenant::text, true)", new { tenant }, tx);
        var items = (await connection.QueryAsync<(string Item, string Module, string Kind, string Activity, int Position)>(
            "SELECT item_id, module_id, kind, activity_id, position FROM course_items WHERE course_id = @id ORDER BY position", new { id }, tx)).ToList();

        Assert.Equal(0, unscoped); // row-level security: nothing without a tenant
        Assert.Equal(
            [("intro", "basics", "lesson", "http://example.com/au/intro", 0), ("quiz1", "basics", "quiz", "http://example.com/quiz/1", 1)],
            items);
    }
}
