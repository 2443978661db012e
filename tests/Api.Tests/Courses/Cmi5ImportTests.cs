using System.Net;
using Lrs.Api.Tests.Support;
using static Lrs.Api.Tests.Courses.Courses;

namespace Lrs.Api.Tests.Courses;

/// <summary>cmi5 §13 course structure import, validated against CourseStructure.xsd.</summary>
[Collection(PostgresCollection.Name)]
public sealed class Cmi5ImportTests(PostgresLrsFactory lrs)
{
    private const string Import = "/api/v1/courses/import/cmi5";

    [Theory] // every example of the cmi5 specification imports, the extended one with its foreign-namespace keywords ignored
    [InlineData("simple-cmi5.xml", "http://course-repository.example.edu/identifiers/courses/02baafcf", "Introduction to Geology", new[] { 1 })]
    [InlineData("extended-cmi5.xml", "http://course-repository.example.edu/identifiers/courses/02baafcf", "Introduction to Geology", new[] { 1 })]
    [InlineData("complex-cmi5.xml", "http://courses.example.edu/identifiers/courses/d07e186b", "Geology", new[] { 2, 2, 1, 3, 3, 2, 1 })]
    public async Task Import_SpecExample_StoresCourseWithModulesOfLessons(string file, string courseId, string title, int[] lessonsPerModule)
    {
        var (_, client) = await lrs.NewTenantAsync();

        var response = await SendAsync(client, HttpMethod.Post, Import, Xml(await File.ReadAllTextAsync(Example(file))));
        var course = await ReadJsonAsync(response, HttpStatusCode.Created);
        var fetched = await ReadJsonAsync(await client.GetAsync(Uri(courseId)), HttpStatusCode.OK);

        Assert.Equal(Uri(courseId), response.Headers.Location?.OriginalString);
        Assert.Equal(courseId, (string)fetched["id"]!);
        Assert.Equal(title, (string)fetched["title"]!);
        Assert.Equal(lessonsPerModule, fetched["modules"]!.AsArray().Select(m => m!["lessons"]!.AsArray().Count));
        Assert.Equal(course.ToJsonString(), fetched.ToJsonString());
    }

    [Fact]
    public async Task Import_Complex_MapsAuAttributes()
    {
        var (_, client) = await lrs.NewTenantAsync();
        await ReadJsonAsync(await SendAsync(client, HttpMethod.Post, Import, Xml(await File.ReadAllTextAsync(Example("complex-cmi5.xml")), "text/xml")), HttpStatusCode.Created);

        var course = await ReadJsonAsync(await client.GetAsync(Uri("http://courses.example.edu/identifiers/courses/d07e186b")), HttpStatusCode.OK);
        var modules = course["modules"]!.AsArray();
        var quiz = modules[^1]!;
        var lesson = quiz["lessons"]![0]!;

        // The AU directly under the course forms a module named after the course, after the blocks before it.
        Assert.Equal("http://courses.example.edu/identifiers/courses/d07e186b", (string)quiz["id"]!);
        Assert.Equal("Geology", (string)quiz["title"]!);
        Assert.Equal("http://quiz-server.example.com/1Hu62hL", (string)lesson["activityId"]!);
        Assert.Equal("http://quiz-server.example.com/1Hu62hL", (string)lesson["launchUrl"]!);
        Assert.Equal("Passed", (string)lesson["moveOn"]!);
        Assert.Equal(0.7m, (decimal)lesson["masteryScore"]!);
        Assert.Equal("Quiz", (string)lesson["title"]!);
    }

    [Fact]
    public async Task Import_Twice_SecondReplacesWith200()
    {
        var (_, client) = await lrs.NewTenantAsync();
        var xml = await File.ReadAllTextAsync(Example("simple-cmi5.xml"));

        await ReadJsonAsync(await SendAsync(client, HttpMethod.Post, Import, Xml(xml)), HttpStatusCode.Created);
        await ReadJsonAsync(await SendAsync(client, HttpMethod.Post, Import, Xml(xml)), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Import_NotWellFormed_Returns400WithLineAndPosition()
    {
        var xml = "<?xml version=\"1.0\"?>\n<courseStructure xmlns=\"https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd\">\n  <course id=\"http://x\">\n</courseStructure>";

        var detail = await ProblemAsync(await SendAsync(lrs.Xapi(), HttpMethod.Post, Import, Xml(xml)), HttpStatusCode.BadRequest);

        Assert.Contains("not well-formed XML at line 4, position", detail);
    }

    [Fact]
    public async Task Import_AgainstSchema_Returns400WithLineAndPosition()
    {
        // An AU without its required url (CourseStructure.xsd auType).
        var xml = (await File.ReadAllTextAsync(Example("simple-cmi5.xml")))
            .Replace("<url>http://course-repository.example.edu/identifiers/courses/02baafcf/aus/4c07/launch.html</url>", string.Empty, StringComparison.Ordinal);

        var detail = await ProblemAsync(await SendAsync(lrs.Xapi(), HttpMethod.Post, Import, Xml(xml)), HttpStatusCode.BadRequest);

        Assert.StartsWith("The course structure does not conform to the cmi5 schema at line 25, position", detail);
        Assert.Contains("url", detail);
    }

    [Fact]
    public async Task Import_BadEnumeration_Returns400NamingTheAttribute()
    {
        var xml = (await File.ReadAllTextAsync(Example("simple-cmi5.xml")))
            .Replace("<au id=", "<au moveOn=\"Whenever\" id=", StringComparison.Ordinal);

        var detail = await ProblemAsync(await SendAsync(lrs.Xapi(), HttpMethod.Post, Import, Xml(xml)), HttpStatusCode.BadRequest);

        Assert.Contains("moveOn", detail);
        Assert.Contains("line 14", detail);
        Assert.Contains("Whenever", detail);
    }

    [Fact]
    public async Task Import_OtherNamespace_Returns400()
    {
        var xml = (await File.ReadAllTextAsync(Example("simple-cmi5.xml")))
            .Replace("https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd", "http://example.com/not-cmi5", StringComparison.Ordinal);

        var detail = await ProblemAsync(await SendAsync(lrs.Xapi(), HttpMethod.Post, Import, Xml(xml)), HttpStatusCode.BadRequest);

        Assert.Contains("root element must be courseStructure in namespace https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd", detail);
    }

    [Fact]
    public async Task Import_AuIdNotAbsolute_Returns400WithItsLine()
    {
        var xml = (await File.ReadAllTextAsync(Example("simple-cmi5.xml")))
            .Replace("<au id=\"http://course-repository.example.edu/identifiers/courses/02baafcf/aus/4c07\">", "<au id=\"aus/4c07\">", StringComparison.Ordinal);

        var detail = await ProblemAsync(await SendAsync(lrs.Xapi(), HttpMethod.Post, Import, Xml(xml)), HttpStatusCode.BadRequest);

        Assert.StartsWith("The au at line 14, position 4 is not a valid course element: id 'aus/4c07' must be an absolute IRI", detail);
    }

    [Fact]
    public async Task Import_Dtd_Refused()
    {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"boom\">]><courseStructure xmlns=\"https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd\"/>";

        Assert.Contains("not well-formed XML", await ProblemAsync(await SendAsync(lrs.Xapi(), HttpMethod.Post, Import, Xml(xml)), HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Import_Json_Returns415() =>
        Assert.Contains("application/xml", await ProblemAsync(
            await SendAsync(lrs.Xapi(), HttpMethod.Post, Import, Json(Sample())), HttpStatusCode.UnsupportedMediaType));
}
