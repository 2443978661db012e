using System.Net;
using System.Text.Json.Nodes;
using Lrs.Api.Tests.Support;

namespace Lrs.Api.Tests.Courses;

[Collection(PostgresCollection.Name)]
public sealed class OpenApiTests(PostgresLrsFactory lrs)
{
    [Fact]
    public async Task OpenApiDocument_DescribesTheInternalEndpoints()
    {
        var response = await lrs.CreateClient().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var paths = document["paths"]!.AsObject();

        Assert.Equal(
            ["/api/v1/achievements/{id}", "/api/v1/attempts", "/api/v1/competencies/{id}", "/api/v1/completions", "/api/v1/completions/flagged", "/api/v1/courses", "/api/v1/courses/import/cmi5", "/api/v1/courses/{id}",
             "/api/v1/dead-letters", "/api/v1/dead-letters/{id}", "/api/v1/dead-letters/{id}/replay", "/api/v1/erasure-requests", "/api/v1/erasure-requests/{id}", "/api/v1/learning-paths/{id}", "/api/v1/pass-fail", "/api/v1/progress", "/api/v1/progress/achievements", "/api/v1/progress/assignments",
             "/api/v1/progress/competencies",
             "/api/v1/progress/learning-paths", "/api/v1/progress/lessons", "/api/v1/progress/modules", "/api/v1/progress/quiz-attempts",
             "/api/v1/progress/user", "/api/v1/reports/completion-rate", "/api/v1/reports/drop-off",
             "/api/v1/reports/overdue", "/api/v1/reports/time-to-complete", "/api/v1/transcripts"],
            paths.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("Create or replace a course", (string)paths["/api/v1/courses/{id}"]!["put"]!["summary"]!);
        Assert.Equal("Read a course", (string)paths["/api/v1/courses/{id}"]!["get"]!["summary"]!);
        Assert.NotNull(paths["/api/v1/courses/{id}"]!["put"]!["requestBody"]!["content"]!["application/json"]);
        Assert.NotNull(paths["/api/v1/courses/import/cmi5"]!["post"]!["requestBody"]!["content"]!["application/xml"]);
        Assert.NotNull(paths["/api/v1/courses"]!["get"]!["summary"]);
        Assert.NotNull(document["components"]!["schemas"]!["CourseDocument"]);
        Assert.Equal("List a learner's attempts, one page at a time", (string)paths["/api/v1/attempts"]!["get"]!["summary"]!);
        Assert.NotNull(paths["/api/v1/completions"]!["get"]!["summary"]);
        Assert.NotNull(paths["/api/v1/pass-fail"]!["get"]!["summary"]);
        Assert.NotNull(document["components"]!["schemas"]!["AttemptList"]);
        Assert.NotNull(paths["/api/v1/reports/drop-off"]!["get"]!["summary"]);
        Assert.NotNull(document["components"]!["schemas"]!["LearnerProgressList"]);
        Assert.Equal("Create or replace a learning path", (string)paths["/api/v1/learning-paths/{id}"]!["put"]!["summary"]!);
        Assert.NotNull(paths["/api/v1/learning-paths/{id}"]!["put"]!["requestBody"]!["content"]!["application/json"]);
        Assert.NotNull(document["components"]!["schemas"]!["QuizAttemptList"]);
    }
}
