using System.Net;
using System.Text.Json.Nodes;
using Lrs.Api.Tests.Support;
using static Lrs.Api.Tests.Courses.Courses;

namespace Lrs.Api.Tests.Courses;

[Collection(PostgresCollection.Name)]
public sealed class CourseApiTests(PostgresLrsFactory lrs)
{
    [Fact]
    public async Task PutCourse_New_Returns201WithLocationAndGetReturnsIt()
    {
        var client = lrs.Xapi();
        var id = NewId();

        var created = await PutAsync(client, id, Sample());
        var body = await ReadJsonAsync(created, HttpStatusCode.Created);
        var fetched = await ReadJsonAsync(await client.GetAsync(Uri(id)), HttpStatusCode.OK);

        Assert.Equal(Uri(id), created.Headers.Location?.OriginalString);
        Assert.True(JsonNode.DeepEquals(body, fetched));
        // The stored course is the request with its id, and the empty item lists spelled out.
        var expected = Sample();
        expected.Insert(0, "id", id);
        ((JsonObject)expected["modules"]![0]!).Add("assignments", new JsonArray());
        ((JsonObject)expected["modules"]![1]!).Insert(3, "quizzes", new JsonArray());
        Assert.Equal(expected.ToJsonString(), fetched.ToJsonString());
    }

    [Fact]
    public async Task PutCourse_Existing_Returns200AndReplaces()
    {
        var client = lrs.Xapi();
        var id = NewId();
        await ReadJsonAsync(await PutAsync(client, id, Sample("First")), HttpStatusCode.Created);

        var replaced = await PutAsync(client, id, Sample("Second"));

        await ReadJsonAsync(replaced, HttpStatusCode.OK);
        Assert.Null(replaced.Headers.Location);
        Assert.Equal("Second", (string)(await ReadJsonAsync(await client.GetAsync(Uri(id)), HttpStatusCode.OK))["title"]!);
    }

    [Fact]
    public async Task PutCourse_IriIdPercentEncoded_RoundTrips()
    {
        var client = lrs.Xapi();
        var id = $"http://example.com/courses/{Guid.NewGuid():N}";

        await ReadJsonAsync(await PutAsync(client, id, Sample()), HttpStatusCode.Created);

        Assert.Equal(id, (string)(await ReadJsonAsync(await client.GetAsync(Uri(id)), HttpStatusCode.OK))["id"]!);
    }

    [Fact]
    public async Task GetCourse_Unknown_Returns404() =>
        Assert.Contains("no course", await ProblemAsync(await lrs.Xapi().GetAsync(Uri(NewId())), HttpStatusCode.NotFound));

    public static TheoryData<string, string, string> Invalid => new()
    {
        { "$.title", "\"\"", "title must not be empty." },
        { "$.modules", "[]", "modules must contain at least one lesson." },
        { "$.modules[0].lessons[0].activityId", "\"not-an-iri\"", "modules[0].lessons[0].activityId 'not-an-iri' must be an absolute IRI." },
        { "$.modules[0].lessons[0].moveOn", "\"Sometimes\"", "modules[0].lessons[0].moveOn 'Sometimes' is not one of" },
        { "$.modules[0].lessons[0].masteryScore", "1.5", "modules[0].lessons[0].masteryScore must be between 0 and 1" },
        { "$.modules[0].quizzes[0].gradingRule.passMark", "9", "modules[0].quizzes[0].gradingRule.passMark must be greater than 0 and at most the sum of the weights (3)" },
        { "$.modules[0].quizzes[0].gradingRule.kind", "\"curve\"", "modules[0].quizzes[0].gradingRule.kind 'curve' is not one of" },
        { "$.modules[1].id", "\"basics\"", "modules[1].id 'basics' is already used by modules[0]" },
        { "$.modules[1].lessons[0].activityId", "\"http://example.com/au/intro\"", "modules[1].lessons[0].activityId 'http://example.com/au/intro' is already used by modules[0].lessons[0]" },
        { "$.modules[1].assignments[0].dueOffset", "\"next week\"", "modules[1].assignments[0].dueOffset 'next week' is not an ISO 8601 duration" },
        { "$.gradingRule.min", "null", "gradingRule.min is required for scaledThreshold." },
        { "$.gradingRule.weights", "{\"http://example.com/au/intro\":1}", "gradingRule.weights applies only to kind weightedPoints." },
        { "$.modules[0].title", "42", "modules[0].title has a value of the wrong type" },
        { "$.modules[0].colour", "\"red\"", "modules[0].colour is not a property of a course." },
        { "$.id", "\"another\"", "id 'another' in the body differs from the id" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task PutCourse_InvalidProperty_Returns400NamingIt(string path, string value, string message)
    {
        var body = Sample();
        Set(body, path, JsonNode.Parse(value));

        var detail = await ProblemAsync(await PutAsync(lrs.Xapi(), NewId(), body), HttpStatusCode.BadRequest);

        Assert.Contains(message, detail);
    }

    [Theory]
    [InlineData("{", "The body is not valid JSON (line 1")]
    [InlineData("[]", "the body has a value of the wrong type")]
    [InlineData("null", "The body must be a JSON object describing a course.")]
    public async Task PutCourse_NotACourseObject_Returns400(string body, string message) =>
        Assert.Contains(message, await ProblemAsync(await SendAsync(lrs.Xapi(), HttpMethod.Put, Uri(NewId()), Json(body)), HttpStatusCode.BadRequest));

    [Fact]
    public async Task PutCourse_BadIdInUrl_Returns400() =>
        Assert.Contains("must be an absolute IRI or a slug", await ProblemAsync(await PutAsync(lrs.Xapi(), "not a slug", Sample()), HttpStatusCode.BadRequest));

    [Fact]
    public async Task PutCourse_NotJson_Returns415()
    {
        var response = await SendAsync(lrs.Xapi(), HttpMethod.Put, Uri(NewId()), Xml("<course/>"));

        Assert.Contains("application/json", await ProblemAsync(response, HttpStatusCode.UnsupportedMediaType));
    }

    private static void Set(JsonObject root, string path, JsonNode? value)
    {
        var parts = path.TrimStart('$', '.').Replace("[", ".[", StringComparison.Ordinal).Split('.');
        JsonNode node = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            node = Step(node, parts[i])!;
        }

        var last = parts[^1];
        if (last.StartsWith('['))
        {
            node.AsArray()[int.Parse(last[1..^1], System.Globalization.CultureInfo.InvariantCulture)] = value;
        }
        else
        {
            node.AsObject()[last] = value;
        }
    }

    private static JsonNode? Step(JsonNode node, string part) =>
        part.StartsWith('[') ? node.AsArray()[int.Parse(part[1..^1], System.Globalization.CultureInfo.InvariantCulture)] : node[part];
}
