using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Lrs.Api.Tests.Courses;

/// <summary>Requests and bodies for the internal course API.</summary>
public static class Courses
{
    public static string NewId() => "course-" + Guid.NewGuid().ToString("N")[..12];

    public static string Uri(string id) => "/api/v1/courses/" + System.Uri.EscapeDataString(id);

    /// <summary>A valid course: two modules with a lesson each, a quiz and an assignment, and a course grading rule.</summary>
    public static JsonObject Sample(string title = "Geology") => JsonNode.Parse($$"""
        {
          "title": "{{title}}",
          "modules": [
            {
              "id": "basics", "title": "Basics",
              "lessons": [{ "id": "intro", "title": "Introduction", "activityId": "http://example.com/au/intro", "launchUrl": "intro/index.html", "moveOn": "Completed" }],
              "quizzes": [{ "id": "quiz1", "title": "Check", "activityId": "http://example.com/quiz/1",
                            "questionActivityIds": ["http://example.com/quiz/1/q1", "http://example.com/quiz/1/q2"],
                            "gradingRule": { "kind": "weightedPoints", "weights": { "http://example.com/quiz/1/q1": 2, "http://example.com/quiz/1/q2": 1 }, "passMark": 2 } }]
            },
            {
              "id": "rocks", "title": "Rocks",
              "lessons": [{ "id": "minerals", "title": "Minerals", "activityId": "http://example.com/au/minerals", "moveOn": "Passed", "masteryScore": 0.8 }],
              "assignments": [{ "id": "essay", "title": "Essay", "activityId": "http://example.com/essay", "dueOffset": "P7D" }]
            }
          ],
          "gradingRule": { "kind": "scaledThreshold", "min": 0.7 }
        }
        """)!.AsObject();

    public static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> PutAsync(HttpClient client, string id, JsonNode body, string? idempotencyKey = null) =>
        SendAsync(client, HttpMethod.Put, Uri(id), Json(body), idempotencyKey);

    public static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string uri, HttpContent content, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(method, uri) { Content = content };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }

    public static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>The detail of a problem response with the expected status.</summary>
    public static async Task<string> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var problem = await ReadJsonAsync(response, expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (string)problem["detail"]!;
    }

    public static string Example(string name) => Path.Combine(AppContext.BaseDirectory, "Courses", "cmi5", name);

    public static StringContent Xml(string xml, string mediaType = "application/xml") => new(xml, Encoding.UTF8, mediaType);
}
